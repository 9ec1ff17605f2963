import { DateTime } from 'luxon';
import type { ActivityType } from '../../core/generated/prisma/enums.ts';
import { ACTIVITY_KINDS, activityTypeNames, periodOf, themeDayIn, type PeriodKind } from '../records/cadence.ts';

/**
 * The recurring obligations of every 党支部 (domain.md §2, 002 附件3) that the schedules turn into tasks:
 * the kinds of the cadence table (src/areas/records/cadence.ts) marked `branchTask`.
 */
export type CadenceEvery = PeriodKind;

export interface CadenceRule {
  type: ActivityType;
  every: CadenceEvery;
  /** themeDay: the branch's fixed day of the month (Organization.themeDay); periodEnd: the last day of the period. */
  due: 'themeDay' | 'periodEnd';
}

const everyOrder: readonly CadenceEvery[] = ['month', 'quarter', 'year'];

/** Monthly rules first, then quarterly, then yearly; table order within each. */
export const cadenceRules: readonly CadenceRule[] = everyOrder.flatMap((every) =>
  ACTIVITY_KINDS.filter((k) => k.branchTask && k.period === every).map((k) => ({
    type: k.type,
    every,
    due: k.fixedDay ? ('themeDay' as const) : ('periodEnd' as const),
  })),
);

export interface CadencePeriod {
  /** 2026-11 | 2026-Q4 | 2026 */
  label: string;
  /** ISO dates, inclusive. */
  start: string;
  end: string;
  /** 2026年11月 | 2026年第4季度 | 2026年度 */
  name: string;
}

export interface Obligation {
  cadenceKey: string;
  type: ActivityType;
  organizationId: number;
  period: CadencePeriod;
  deadline: string;
  title: string;
}

/** The period (src/areas/records/cadence.ts periodOf) with the names task titles use: 2026年第4季度, 2026年度. */
export function periodContaining(every: CadenceEvery, iso: string): CadencePeriod {
  const p = periodOf(iso, every, 'UTC');
  const start = DateTime.fromISO(p.start, { zone: 'UTC' });
  const name = every === 'month' ? `${start.year}年${start.month}月` : every === 'quarter' ? `${start.year}年第${start.quarter}季度` : `${start.year}年度`;
  return { label: p.key, start: p.start, end: p.end, name };
}

export function periodFromLabel(label: string): CadencePeriod | null {
  let m = /^(\d{4})-(\d{2})$/.exec(label);
  if (m) return periodContaining('month', `${m[1]}-${m[2]}-01`);
  m = /^(\d{4})-Q([1-4])$/.exec(label);
  if (m) return periodContaining('quarter', `${m[1]}-${String((Number(m[2]) - 1) * 3 + 1).padStart(2, '0')}-01`);
  m = /^(\d{4})$/.exec(label);
  if (m) return periodContaining('year', `${m[1]}-01-01`);
  return null;
}

export function cadenceKey(type: ActivityType, periodLabel: string, organizationId: number): string {
  return `${type}:${periodLabel}:org${organizationId}`;
}

export function parseCadenceKey(key: string): { type: ActivityType; period: CadencePeriod; organizationId: number } | null {
  const m = /^([A-Z_]+):([0-9Q-]+):org(\d+)$/.exec(key);
  if (!m || !(m[1]! in activityTypeNames)) return null;
  const period = periodFromLabel(m[2]!);
  if (!period) return null;
  return { type: m[1] as ActivityType, period, organizationId: Number(m[3]) };
}

export function obligationFor(rule: CadenceRule, org: { id: number; themeDay: number | null }, period: CadencePeriod): Obligation {
  const fixedDay = rule.due === 'themeDay' ? themeDayIn(periodOf(period.start, 'month', 'UTC'), org.themeDay) : null;
  const deadline = fixedDay ?? period.end;
  const name = activityTypeNames[rule.type];
  const when = rule.due === 'themeDay' && org.themeDay ? `（固定${org.themeDay}日）` : '';
  return {
    cadenceKey: cadenceKey(rule.type, period.label, org.id),
    type: rule.type,
    organizationId: org.id,
    period,
    deadline,
    title: `${period.name}${name}${when}`,
  };
}

/**
 * Obligations of the periods containing `iso` and the periods after them, so the 7-day reminder of next
 * month's 主题党日 on the 5th can go out in this month.
 */
export function obligationsAround(orgs: { id: number; themeDay: number | null }[], iso: string): Obligation[] {
  const out: Obligation[] = [];
  const day = DateTime.fromISO(iso, { zone: 'UTC' });
  for (const rule of cadenceRules) {
    const current = periodContaining(rule.every, iso);
    const next = periodContaining(
      rule.every,
      day.plus(rule.every === 'month' ? { months: 1 } : rule.every === 'quarter' ? { months: 3 } : { years: 1 }).toISODate()!,
    );
    const periods = rule.every === 'year' ? [current] : [current, next];
    for (const org of orgs) for (const period of periods) out.push(obligationFor(rule, org, period));
  }
  return out;
}
