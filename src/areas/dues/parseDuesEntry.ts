import { UserError } from '../../core/errors/UserError.ts';
import { toHalfWidth } from '../../core/text/toHalfWidth.ts';

/** The largest monthly amount accepted: anything above is almost surely a typo (分 for 元, an extra zero). */
export const MAX_MONTHLY_YUAN = 10000;

export const DUES_USAGE = '/党费 登记 <姓名> <年月> <金额（元）>';

/**
 * The months of `2026年11月`, `11月`, `2026年1-6月`, `1—6月`, `2026-11` or `2026.1-6`; the year defaults to
 * `currentYear`. Refuses months outside 1–12, reversed ranges, and years other than last, this or next year.
 */
export function parseDuesMonths(text: string, currentYear: number): { year: number; months: number[] } {
  const t = toHalfWidth(text).replace(/\s+/g, '');
  const m = /^(?:(\d{4})年)?(\d{1,2})(?:[-—–~至到](\d{1,2}))?月(?:份)?$/u.exec(t) ?? /^(\d{4})[-./](\d{1,2})(?:[-—–~至到](\d{1,2}))?$/u.exec(t);
  if (!m) throw new UserError(`「${text}」不是月份，请写成「2026年11月」或「1-6月」。`, DUES_USAGE);
  const year = m[1] ? Number(m[1]) : currentYear;
  const from = Number(m[2]);
  const to = m[3] ? Number(m[3]) : from;
  if (from < 1 || from > 12 || to < 1 || to > 12) throw new UserError(`月份只能是 1 到 12 月，收到的是「${text}」。`, DUES_USAGE);
  if (to < from) throw new UserError(`月份范围应从小到大，例如「1-6月」，收到的是「${text}」。`, DUES_USAGE);
  if (Math.abs(year - currentYear) > 1) throw new UserError(`只能登记去年、今年或明年的党费，收到的是 ${year} 年。`, DUES_USAGE);
  return { year, months: Array.from({ length: to - from + 1 }, (_, i) => from + i) };
}

/** A monthly amount in 元 (`30`, `30元`, `12.5`), as 分. Positive, at most two decimals, at most MAX_MONTHLY_YUAN. */
export function parseDuesAmount(text: string): number {
  const t = toHalfWidth(text).replace(/元$/u, '');
  if (!/^\d+(\.\d{1,2})?$/.test(t)) throw new UserError(`「金额」应是以元为单位的数字（最多两位小数），收到的是「${text}」。`, DUES_USAGE);
  const cents = Math.round(Number(t) * 100);
  if (cents <= 0) throw new UserError('「金额」应大于 0 元。', DUES_USAGE);
  if (cents > MAX_MONTHLY_YUAN * 100) throw new UserError(`每月党费最多登记 ${MAX_MONTHLY_YUAN} 元，收到的是 ${t} 元，请核对。`, DUES_USAGE);
  return cents;
}

/** 3000 → "30", 1250 → "12.5". */
export function formatYuan(cents: number): string {
  return String(Math.round(cents) / 100);
}

/** [1,2,3,5] → "1-3月、5月". */
export function formatMonths(months: number[]): string {
  const parts: string[] = [];
  const sorted = [...months].sort((a, b) => a - b);
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? `${sorted[i]}月` : `${sorted[i]}-${sorted[j]}月`);
    i = j + 1;
  }
  return parts.join('、');
}
