import { DateTime } from 'luxon';
import { UserError } from '../../core/errors/UserError.ts';
import { readMonth } from '../../core/time/readDay.ts';
import { isoToDateColumn } from '../../core/time/calendarDay.ts';

export interface MonthSpan {
  year: number;
  month: number;
  /** First instant of the month in the zone, and of the next month. */
  start: Date;
  end: Date;
  /** Calendar bounds for @db.Date columns (UTC midnight). */
  firstDay: Date;
  nextFirstDay: Date;
}

/**
 * A month of /痕迹, read by the one date reader (src/core/time/readDay.ts): `11月`, `十一月`, `2026-11`,
 * `2026年11月`, `２０２６年１１月`, `本月`, `上月`; none = this month. Without a year: the most recent such month.
 * Not in the future.
 */
export function parseMonth(written: string | undefined, now: Date, zone: string, usage: string): MonthSpan {
  const today = DateTime.fromJSDate(now, { zone });
  const read = readMonth(written ?? '', now, zone);
  if (!read.ok) throw new UserError(`${read.problem}。`, usage);
  const { year, month } = read;
  const start = DateTime.fromObject({ year, month, day: 1 }, { zone });
  if (start > today) throw new UserError(`${year}年${month}月还没到，不能查看。`, usage);
  const next = start.plus({ months: 1 });
  return {
    year,
    month,
    start: start.toJSDate(),
    end: next.toJSDate(),
    firstDay: isoToDateColumn(start.toISODate()!),
    nextFirstDay: isoToDateColumn(next.toISODate()!),
  };
}
