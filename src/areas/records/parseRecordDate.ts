import { DateTime } from 'luxon';
import { PAST_DAY_FORMS, readDay } from '../../core/time/readDay.ts';
import { showDay } from '../../core/time/calendarDay.ts';

export const DATE_FORMS = PAST_DAY_FORMS;

export type DateParse = { ok: true; date: string; yearInferred: boolean; farBack: boolean } | { ok: false; problem: string };

/**
 * The day of a meeting or activity, read by the one date reader (src/core/time/readDay.ts) in `zone` relative
 * to `now`. A date without a year is the most recent such day that is not in the future (so 12月28日 typed on
 * 3 January is last year's); `farBack` says it landed more than about two months back, so the caller asks
 * before saving. Future dates and dates before the start of last year are refused.
 */
export function parseRecordDate(input: string, now: Date, zone: string): DateParse {
  const read = readDay(input, { now, zone, toward: 'past' });
  if (!read.ok) return read;
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const day = DateTime.fromISO(read.date, { zone });
  if (day > today) return { ok: false, problem: `「${input.trim()}」是将来的日期，只能登记已经开过的会议和活动` };
  const earliest = today.minus({ years: 1 }).startOf('year');
  if (day < earliest) {
    return { ok: false, problem: `「${input.trim()}」太早了，只能补登 ${earliest.toFormat('yyyy年M月d日')} 以后的活动` };
  }
  return read;
}

/** 2026-03-05 → 3月5日, or 2025年3月5日 when the day is not in `currentYear`. */
export function formatDay(isoDate: string, currentYear: number): string {
  return showDay(isoDate, currentYear);
}
