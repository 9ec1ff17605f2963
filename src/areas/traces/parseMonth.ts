import { DateTime } from 'luxon';
import { UserError } from '../../core/errors/UserError.ts';
import { toHalfWidth } from '../../engine/commands/parseArgs.ts';

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

/** `11月`, `2026-11`, `2026年11月`, `2026/11`, `本月`, `上月`; none = this month. Not in the future. */
export function parseMonth(written: string | undefined, now: Date, zone: string, usage: string): MonthSpan {
  const today = DateTime.fromJSDate(now, { zone });
  let year = today.year;
  let month = today.month;
  const text = toHalfWidth(written?.trim() ?? '');
  if (text && text !== '本月' && text !== '这个月') {
    if (text === '上月' || text === '上个月') {
      const last = today.minus({ months: 1 });
      year = last.year;
      month = last.month;
    } else {
      const full = /^(\d{4})\s*(?:年|-|\/|\.)\s*(\d{1,2})\s*月?$/u.exec(text);
      const short = /^(\d{1,2})\s*月(?:份)?$/u.exec(text);
      if (full) {
        year = Number(full[1]);
        month = Number(full[2]);
      } else if (short) {
        month = Number(short[1]);
        // 「12月」 written in January means last December.
        if (month > today.month) year -= 1;
      } else {
        throw new UserError(`看不懂月份「${text}」。可以写 11月、2026-11、2026年11月 或 上月。`, usage);
      }
      if (month < 1 || month > 12) throw new UserError(`月份应在 1 到 12 之间，收到的是 ${month}。`, usage);
    }
  }
  const start = DateTime.fromObject({ year, month, day: 1 }, { zone });
  if (start > today) throw new UserError(`${year}年${month}月还没到，不能查看。`, usage);
  const next = start.plus({ months: 1 });
  return {
    year,
    month,
    start: start.toJSDate(),
    end: next.toJSDate(),
    firstDay: new Date(Date.UTC(year, month - 1, 1)),
    nextFirstDay: new Date(Date.UTC(next.year, next.month - 1, 1)),
  };
}
