import { clampScore, completedMonths, monthLabel } from './cadence.ts';
import type { Proposer } from './types.ts';
import { dueMonths } from '../../dues/duesStatus.ts';

/**
 * 党费缴纳管理: the share of current members who paid every month of the period that has ended (from the month
 * they joined), by /党费 登记. Proposed score = maxPoints × that share, to one decimal; nothing recorded → 0.
 */
export const dues: Proposer = (set, maxPoints) => {
  const months = completedMonths(set);
  const paid = new Set((set.dues ?? []).map((d) => `${d.memberId}:${d.month}`));
  const owing: string[] = [];
  let due = 0;
  for (const m of set.members) {
    const owedFrom = new Set(dueMonths(set.period.year, 12, m.joinedOn));
    const dueHere = months.filter((mo) => owedFrom.has(mo));
    if (dueHere.length === 0) continue;
    due++;
    const owed = dueHere.filter((mo) => !paid.has(`${m.id}:${mo}`));
    if (owed.length) owing.push(`${m.name}（欠 ${owed.map(monthLabel).join('、')}）`);
  }
  const full = due - owing.length;
  const share = due > 0 ? full / due : 1;
  const score = due > 0 ? Math.round(maxPoints * share * 10) / 10 : maxPoints;
  const summary = [`党费：应缴 ${due} 人，按月缴清 ${full} 人（${Math.round(share * 100)}%），已到期 ${months.length} 个月`];
  if (owing.length) summary.push(`欠缴：${owing.join('、')}`);
  else if (due > 0) summary.push('全体党员按月缴清');
  const deductions = score < maxPoints ? [{ points: Math.round((maxPoints - score) * 10) / 10, reason: `${owing.length} 名党员未按月缴清党费` }] : [];
  return {
    score: clampScore(
      maxPoints,
      deductions.reduce((s, d) => s + d.points, 0),
    ),
    evidence: { rule: '党费缴纳：按党员按月缴清的比例给分（满分 × 缴清人数 ÷ 应缴人数）', summary, records: [], missing: owing, deductions },
  };
};
