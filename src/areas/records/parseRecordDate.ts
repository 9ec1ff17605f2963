import { DateTime } from 'luxon';
import { toHalfWidth } from '../../engine/commands/parseArgs.ts';
import { readWrittenDate } from '../../core/time/readWrittenDate.ts';

export const DATE_FORMS = '2026-03-05、2026/3/5、3月5日、3.5、今天、昨天、前天';

export type DateParse = { ok: true; date: string } | { ok: false; problem: string };

const relative: Record<string, number> = { 今天: 0, 今日: 0, 昨天: 1, 昨日: 1, 前天: 2 };

/**
 * A calendar date as people type it in chat, read in `zone` relative to `now`. A date without a year is the
 * most recent such day (so 12月28日 typed on 3 January is last year's). Future dates and dates before the
 * start of last year are refused.
 */
export function parseRecordDate(input: string, now: Date, zone: string): DateParse {
  const text = toHalfWidth(input).replace(/\s+/g, '').replace(/[号]$/u, '日');
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  let day: DateTime | null = null;
  if (text in relative) {
    day = today.minus({ days: relative[text]! });
  } else {
    const written = readWrittenDate(text);
    if (written) {
      day = DateTime.fromObject({ year: written.year ?? today.year, month: written.month, day: written.day }, { zone });
      if (written.year === null && day.isValid && day > today) day = day.minus({ years: 1 });
    } else if (/^\d{8}$/u.test(text)) {
      day = DateTime.fromFormat(text, 'yyyyMMdd', { zone });
    }
  }
  if (!day) return { ok: false, problem: `「${input}」不是能识别的日期` };
  if (!day.isValid) return { ok: false, problem: `「${input}」不是有效的日期（没有这一天）` };
  if (day > today) return { ok: false, problem: `「${input}」是将来的日期，只能登记已经开过的会议和活动` };
  const earliest = today.minus({ years: 1 }).startOf('year');
  if (day < earliest) {
    return { ok: false, problem: `「${input}」太早了，只能补登 ${earliest.toFormat('yyyy年M月d日')} 以后的活动` };
  }
  return { ok: true, date: day.toISODate()! };
}

/** 2026-03-05 → 3月5日 (with the year when it is not the current one). */
export function formatDay(isoDate: string, currentYear?: number): string {
  const day = DateTime.fromISO(isoDate);
  return day.year === currentYear || currentYear === undefined ? `${day.month}月${day.day}日` : `${day.year}年${day.month}月${day.day}日`;
}
