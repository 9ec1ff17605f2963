import type { MessageView } from '../../../../cards/MessageView.ts';
import { chineseDate } from '../../../core/time/calendarDay.ts';

export interface WeeklyPointsData {
  orgName: string;
  weekStart: string;
  weekEnd: string;
  changes: { name: string; delta: number; reasons: string[]; total: number }[];
  top: { name: string; total: number }[];
  atRisk: { name: string; total: number; expected: number }[];
  threshold: number;
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

export function weeklyPointsView(d: WeeklyPointsData): MessageView {
  const gains = d.changes.filter((c) => c.delta > 0).length;
  const losses = d.changes.filter((c) => c.delta < 0).length;
  return {
    kind: 'points_weekly',
    title: `本周积分动态 · ${d.orgName}`,
    tone: 'info',
    lines: [`${chineseDate(d.weekStart)}至${chineseDate(d.weekEnd)}：${d.changes.length === 0 ? '本周没有积分变动。' : `${gains} 人加分，${losses} 人扣分。`}`],
    ...(d.changes.length > 0
      ? {
          table: {
            columns: ['姓名', '本周', '事由', '年度累计'],
            rows: d.changes.map((c) => [c.name, signed(c.delta), c.reasons.join('；'), String(c.total)]),
          },
        }
      : {}),
    fields: [
      { label: '年度积分前列', value: d.top.length ? d.top.map((t, i) => `${i + 1}. ${t.name} ${t.total} 分`).join('\n') : '暂无积分' },
      {
        label: `低于 ${d.threshold} 分预警`,
        value: d.atRisk.length
          ? [
              ...d.atRisk.slice(0, 15).map((r) => `${r.name} ${r.total} 分（按进度应达 ${r.expected} 分）`),
              ...(d.atRisk.length > 15 ? [`等共 ${d.atRisk.length} 人`] : []),
            ].join('\n')
          : '无。全体党员积分均达到按全年进度折算的及格线。',
      },
    ],
    note: `预警按全年进度折算：年度累计低于 ${d.threshold} 分 × 已过天数 / 全年天数 即提示。年底低于 ${d.threshold} 分为无星（不合格）。`,
  };
}
