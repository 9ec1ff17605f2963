import { clampScore, completedMonths, monthLabel, monthOf, ofType, recordRef } from './cadence.ts';
import type { Proposer } from './types.ts';

/** 主题党日 monthly with 图文资料: none held → 0; a month missing or a record without photos → −incompleteDeduct. */
export const themeDay: Proposer = (set, maxPoints, params) => {
  const incompleteDeduct = params.incompleteDeduct ?? 2;
  const rows = ofType(set, 'THEME_DAY');
  const months = completedMonths(set);
  const gaps = months.filter((m) => !rows.some((r) => monthOf(r) === m));
  const withoutPhotos = rows.filter((r) => r.photos === 0);
  const records = rows.map(recordRef);
  const summary = [`主题党日：${rows.length} 次记录，已到期 ${months.length} 个月`];
  const missing: string[] = [];
  if (gaps.length) missing.push(`未开展的月份：${gaps.map(monthLabel).join('、')}`);
  if (withoutPhotos.length) missing.push(`没有图片的记录：${withoutPhotos.map((r) => `第${r.seq}号（${r.heldOn}）`).join('、')}`);
  summary.push(...missing);
  if (rows.length === 0) {
    return {
      score: 0,
      evidence: {
        rule: '主题党日：未组织的不得分',
        summary: [...summary, '本期间没有主题党日记录'],
        records,
        missing,
        deductions: [{ points: maxPoints, reason: '未组织主题党日' }],
      },
    };
  }
  const deductions = gaps.length || withoutPhotos.length ? [{ points: incompleteDeduct, reason: '主题党日记录不全（缺月份或缺图文资料）' }] : [];
  if (!deductions.length) summary.push('每月均有记录且有图片，符合要求');
  return {
    score: clampScore(
      maxPoints,
      deductions.reduce((s, d) => s + d.points, 0),
    ),
    evidence: { rule: `主题党日：活动记录不全扣 ${incompleteDeduct} 分，未组织的不得分`, summary, records, missing, deductions },
  };
};
