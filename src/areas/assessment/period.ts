import { DateTime } from 'luxon';
import { UserError } from '../../core/errors/UserError.ts';
import { toHalfWidth } from '../../core/text/toHalfWidth.ts';

export interface Period {
  label: string;
  year: number;
  /** First and last calendar day (inclusive), as YYYY-MM-DD. */
  start: string;
  end: string;
  /** Calendar months in the period, 1..12. */
  months: number[];
}

export const PERIOD_USAGE = '期间写作 2026（全年）、2026上半年、2026下半年 或 2026年第三季度';

const quarterNames = ['', '第一季度', '第二季度', '第三季度', '第四季度'];

/** A stored period label as people read it: 2026-H2 → 2026年下半年, 2026-Q3 → 2026年第三季度, 2026 → 2026年. */
export function periodName(label: string): string {
  const m = /^(\d{4})(?:-(H[12]|Q[1-4]))?$/u.exec(label);
  if (!m) return label;
  if (!m[2]) return `${m[1]}年`;
  if (m[2].startsWith('H')) return `${m[1]}年${m[2] === 'H1' ? '上半年' : '下半年'}`;
  return `${m[1]}年${quarterNames[Number(m[2].slice(1))]}`;
}

/** "2026", "2026-H1"/"2026上半年", "2026-H2"/"2026下半年", "2026-Q1".."2026-Q4". */
export function parsePeriod(text: string): Period {
  const t = toHalfWidth(text)
    .trim()
    .toUpperCase()
    .replace(/\s+/gu, '')
    .replace(
      /^(\d{4})年?(第?)([一二三四1-4])季度$/u,
      (_, y: string, _d: string, q: string) => `${y}-Q${'一二三四'.includes(q) ? '一二三四'.indexOf(q) + 1 : q}`,
    )
    .replace(/年度?/u, '')
    .replace(/半年$/u, '半');
  let m = /^(\d{4})$/.exec(t);
  if (m) return build(t, Number(m[1]), 1, 12);
  m = /^(\d{4})-?(H[12]|上半|下半)$/u.exec(t);
  if (m) {
    const first = m[2] === 'H1' || m[2] === '上半';
    return build(`${m[1]}-H${first ? 1 : 2}`, Number(m[1]), first ? 1 : 7, first ? 6 : 12);
  }
  m = /^(\d{4})-?Q([1-4])$/.exec(t);
  if (m) {
    const q = Number(m[2]);
    return build(`${m[1]}-Q${q}`, Number(m[1]), q * 3 - 2, q * 3);
  }
  throw new UserError(`期间「${text}」看不懂。${PERIOD_USAGE}。`);
}

export function currentYearPeriod(now: Date, zone: string): Period {
  return parsePeriod(String(DateTime.fromJSDate(now, { zone }).year));
}

/** Self-assessment is done each June and December (002): the half-year we are in. */
export function currentHalfPeriod(now: Date, zone: string): Period {
  const d = DateTime.fromJSDate(now, { zone });
  return parsePeriod(`${d.year}-H${d.month <= 6 ? 1 : 2}`);
}

function build(label: string, year: number, fromMonth: number, toMonth: number): Period {
  if (year < 2000 || year > 2100) throw new UserError(`年份 ${year} 不在合理范围内。`);
  const start = DateTime.fromObject({ year, month: fromMonth, day: 1 });
  const end = DateTime.fromObject({ year, month: toMonth, day: 1 }).endOf('month');
  const months: number[] = [];
  for (let mo = fromMonth; mo <= toMonth; mo++) months.push(mo);
  return { label, year, start: start.toISODate()!, end: end.toISODate()!, months };
}
