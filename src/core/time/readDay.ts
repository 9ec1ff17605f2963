import { DateTime } from 'luxon';
import { plainDateText, readWrittenDate } from './readWrittenDate.ts';

/** The forms every date field accepts, as shown to people. */
export const DAY_FORMS = '2026-03-05、2026/3/5、2026年3月5日、3月5日、3.5';
export const PAST_DAY_FORMS = `${DAY_FORMS}、今天、昨天、前天`;

/** How far back a date written without a year may land before the bot asks which year was meant. */
export const FAR_BACK_MONTHS = 2;

export type DayReading =
  | {
      ok: true;
      /** YYYY-MM-DD, a calendar day of the zone. */
      date: string;
      /** The year was not written: the reader chose it. */
      yearInferred: boolean;
      /** The year was inferred and the day is more than about two months back: ask before saving. */
      farBack: boolean;
    }
  | { ok: false; problem: string };

export interface ReadDayOptions {
  now: Date;
  zone: string;
  /**
   * Which way a date without a year points: 'past' (records: the most recent such day that is not in the
   * future) or 'future' (deadlines: the next such day, today included).
   */
  toward: 'past' | 'future';
}

const relativeDays: Record<string, number> = { 今天: 0, 今日: 0, 昨天: -1, 昨日: -1, 前天: -2, 明天: 1, 明日: 1, 后天: 2 };

/**
 * The one reader of calendar days typed in chat (records, tasks, problem deadlines): see readWrittenDate for
 * the forms. Days are those of `zone` (TZ_NAME), relative to `now`. Whether a day in the past or the future is
 * acceptable is the caller's rule; this only reads the day and says how sure it is of the year.
 */
export function readDay(input: string, options: ReadDayOptions): DayReading {
  const today = DateTime.fromJSDate(options.now, { zone: options.zone }).startOf('day');
  const text = plainDateText(input);
  const shown = input.trim();
  if (text in relativeDays) {
    const offset = relativeDays[text]!;
    return { ok: true, date: today.plus({ days: offset }).toISODate()!, yearInferred: false, farBack: false };
  }
  const written = readWrittenDate(text);
  if (!written) return { ok: false, problem: `「${shown}」不是能识别的日期` };
  if (written.month < 1 || written.month > 12) return { ok: false, problem: `「${shown}」的月份应在 1 到 12 之间` };
  if (written.year !== null) {
    const day = DateTime.fromObject({ year: written.year, month: written.month, day: written.day }, { zone: options.zone });
    if (!day.isValid) return { ok: false, problem: noSuchDay(shown, written.year, written.month, written.day) };
    return { ok: true, date: day.toISODate()!, yearInferred: false, farBack: false };
  }
  // Without a year: this year's day, or last year's (past) / next year's (future) when that one is on the wrong side.
  const step = options.toward === 'past' ? -1 : 1;
  for (const year of [today.year, today.year + step]) {
    const day = DateTime.fromObject({ year, month: written.month, day: written.day }, { zone: options.zone });
    if (!day.isValid) continue;
    if (options.toward === 'past' ? day > today : day < today) continue;
    const farBack = options.toward === 'past' && day < today.minus({ months: FAR_BACK_MONTHS });
    return { ok: true, date: day.toISODate()!, yearInferred: true, farBack };
  }
  return { ok: false, problem: noSuchDay(shown, today.year, written.month, written.day) };
}

function noSuchDay(shown: string, year: number, month: number, day: number): string {
  if (month === 2 && day === 29) return `「${shown}」不是有效的日期（没有这一天：${year}年不是闰年，2月只有 28 天）`;
  const last = DateTime.fromObject({ year, month, day: 1 }).daysInMonth;
  return `「${shown}」不是有效的日期（没有这一天：${month}月只有 ${last} 天）`;
}

export type YearReading = { ok: true; year: number } | { ok: false; problem: string };

/** A year as typed: 2026, 2026年, ２０２６, 二〇二六年, 今年, 去年, 前年. */
export function readYear(input: string, now: Date, zone: string): YearReading {
  const current = DateTime.fromJSDate(now, { zone }).year;
  const text = plainDateText(input);
  const relative: Record<string, number> = { 今年: 0, 本年: 0, 本年度: 0, 去年: -1, 上年: -1, 上一年: -1, 前年: -2 };
  if (text in relative) return { ok: true, year: current + relative[text]! };
  const m = /^(\d{4})(?:年|年度)?$/u.exec(text);
  if (!m) return { ok: false, problem: `「${input.trim()}」不是年份，请写成 ${current} 或 ${current}年` };
  return { ok: true, year: Number(m[1]) };
}

/** Whether a token looks like a year (so a command can pick it out of its arguments). */
export function looksLikeYear(input: string): boolean {
  return /^(\d{4}(年|年度)?|今年|本年|本年度|去年|上年|上一年|前年)$/u.test(plainDateText(input));
}

export type MonthReading = { ok: true; year: number; month: number; yearInferred: boolean } | { ok: false; problem: string };

/**
 * A month as typed: 11月, 十一月, 11月份, 2026-11, 2026/11, 2026.11, 2026年11月, ２０２６年１１月, 本月, 上月.
 * Without a year: the most recent such month that is not in the future (「12月」 written in January is last
 * December).
 */
export function readMonth(input: string, now: Date, zone: string): MonthReading {
  const today = DateTime.fromJSDate(now, { zone });
  const text = plainDateText(input);
  if (text === '' || text === '本月' || text === '这个月' || text === '当月') return { ok: true, year: today.year, month: today.month, yearInferred: false };
  if (text === '上月' || text === '上个月') {
    const last = today.minus({ months: 1 });
    return { ok: true, year: last.year, month: last.month, yearInferred: false };
  }
  const full = /^(\d{4})(?:年|-|\/|\.)(\d{1,2})(?:月份?)?$/u.exec(text);
  const short = /^(\d{1,2})月份?$/u.exec(text);
  let year = today.year;
  let month: number;
  if (full) {
    year = Number(full[1]);
    month = Number(full[2]);
  } else if (short) {
    month = Number(short[1]);
    if (month > today.month) year -= 1;
  } else {
    return { ok: false, problem: `看不懂月份「${input.trim()}」。可以写 11月、2026-11、2026年11月 或 上月` };
  }
  if (month < 1 || month > 12) return { ok: false, problem: `月份应在 1 到 12 之间，收到的是 ${month}` };
  return { ok: true, year, month, yearInferred: !full };
}
