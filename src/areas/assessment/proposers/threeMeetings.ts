import type { ActivityType } from '../../../core/generated/prisma/enums.ts';
import { activityNames, clampScore, completedMonths, completedQuarters, monthLabel, monthOf, ofType, quarterLabel, quarterOf, recordRef } from './cadence.ts';
import type { Deduction, Proposer } from './types.ts';
import { activityKind } from '../../records/cadence.ts';

/** The 三会一课 and how often each is due, from the cadence table (src/areas/records/cadence.ts). */
const cadence = (['PARTY_CONGRESS', 'COMMITTEE_MEETING', 'GROUP_MEETING', 'PARTY_LESSON'] as const satisfies readonly ActivityType[]).map((type) => ({
  type,
  per: activityKind(type).period as 'month' | 'quarter',
}));

/** 三会一课: 党员大会 each quarter, 支委会 and 党小组会 each month, 党课 each quarter; each type short of it −perType. */
export const threeMeetings: Proposer = (set, maxPoints, params) => {
  const perType = params.perType ?? 1;
  const months = completedMonths(set);
  const quarters = completedQuarters(set);
  const deductions: Deduction[] = [];
  const missing: string[] = [];
  const summary: string[] = [];
  const used = [];
  for (const { type, per } of cadence) {
    const rows = ofType(set, type);
    used.push(...rows.map(recordRef));
    const name = activityNames[type];
    const gaps =
      per === 'month'
        ? months.filter((m) => !rows.some((r) => monthOf(r) === m)).map(monthLabel)
        : quarters.filter((q) => !rows.some((r) => quarterOf(r) === q)).map(quarterLabel);
    const due = per === 'month' ? months.length : quarters.length;
    summary.push(
      `${name}：${rows.length} 次（应每${per === 'month' ? '月' : '季度'}1次，已到期 ${due} 个${per === 'month' ? '月' : '季度'}）${gaps.length ? `，缺 ${gaps.join('、')}` : '，符合要求'}`,
    );
    if (gaps.length) {
      missing.push(`${name}：${gaps.join('、')}`);
      deductions.push({ points: perType, reason: `${name}未按期开展（缺 ${gaps.join('、')}）` });
    }
  }
  const deducted = deductions.reduce((s, d) => s + d.points, 0);
  return {
    score: clampScore(maxPoints, deducted),
    evidence: { rule: `三会一课：党员大会、支委会、党小组会、党课有一项不符合规定扣 ${perType} 分`, summary, records: used, missing, deductions },
  };
};
