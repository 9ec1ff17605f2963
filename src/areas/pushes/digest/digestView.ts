import type { MessageView } from '../../../../cards/MessageView.ts';
import { chineseDate } from '../../../core/time/calendarDay.ts';
import type { DigestData } from './digestData.ts';

/** Rows shown in chat; the rest are summarised in one line (a county has 900 branches). */
export const DIGEST_MAX_ROWS = 30;

/** The weekly or monthly leading-group digest: summary fields and the branches that need attention first. */
export function digestView(d: DigestData, period: 'week' | 'month'): MessageView {
  const t = d.totals;
  const attention = [...d.branches]
    .map((b) => ({ ...b, missing: b.obligationsDue - b.obligationsDone }))
    .sort((a, b) => b.overdue - a.overdue || b.missing - a.missing || a.records - b.records || a.name.localeCompare(b.name, 'zh-CN'));
  const shown = attention.filter((b) => b.overdue > 0 || b.missing > 0 || b.records === 0).slice(0, DIGEST_MAX_ROWS);
  const fine = d.branches.length - attention.filter((b) => b.overdue > 0 || b.missing > 0 || b.records === 0).length;
  const rate = t.obligationsDue > 0 ? `${Math.round((t.obligationsDone / t.obligationsDue) * 100)}%` : '—';
  return {
    kind: period === 'week' ? 'digest_weekly' : 'digest_monthly',
    title: `${period === 'week' ? '党建工作周报' : '党建工作月报'} · ${d.rootName}`,
    tone: t.overdue > 0 ? 'warning' : 'info',
    lines: [`统计期间：${chineseDate(d.from)}至${chineseDate(d.to)}，${d.branches.length} 个党组织。`],
    fields: [
      { label: '上报记录', value: `${t.records} 条` },
      { label: '按规定应开展', value: `${t.obligationsDue} 项，已完成 ${t.obligationsDone} 项（${rate}）` },
      { label: '逾期未办', value: `${t.overdue} 项` },
      { label: '痕迹照片', value: `${t.photos} 张` },
      { label: '采用简报', value: `${t.briefingsAdopted} 篇` },
      { label: '问题台账', value: `到期未销号 ${t.problemsDue} 项，本期销号 ${t.problemsClosed} 项` },
      { label: '党员积分', value: `本期加分 ${t.pointsAwarded}，扣分 ${t.pointsDeducted}` },
      { label: '星级分布（暂定，按年度累计积分可达）', value: `三星 ${d.stars[3]} · 二星 ${d.stars[2]} · 一星 ${d.stars[1]} · 未达一星 ${d.stars[0]}` },
    ],
    ...(shown.length > 0
      ? {
          table: {
            columns: ['党组织', '记录', '应开展', '已完成', '逾期', '照片'],
            rows: shown.map((b) => [b.name, String(b.records), String(b.obligationsDue), String(b.obligationsDone), String(b.overdue), String(b.photos)]),
          },
        }
      : {}),
    note:
      shown.length > 0
        ? `表中为需关注的组织（有逾期、未完成或无记录），共 ${attention.length - fine} 个${attention.length - fine > shown.length ? `，仅列前 ${shown.length} 个` : ''}；其余 ${fine} 个组织按期完成。`
        : '全部组织按期完成，无逾期事项。',
  };
}
