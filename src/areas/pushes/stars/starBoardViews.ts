import type { MessageView } from '../../../../cards/MessageView.ts';
import { branchStarLabel, memberStarLabel, type Stars } from '../../points/starRating.ts';
import type { BranchStarRow, MemberStarRow } from './computeStars.ts';

function distribution(stars: Stars[]): string {
  const count = (n: Stars) => stars.filter((s) => s === n).length;
  return `三星 ${count(3)} · 二星 ${count(2)} · 一星 ${count(1)} · 无星 ${count(0)}`;
}

/** 星级党员公示 for one branch group. */
export function memberBoardView(orgName: string, year: number, rows: MemberStarRow[], exempt: number): MessageView {
  const sorted = [...rows].sort((a, b) => b.stars - a.stars || b.score - a.score || a.name.localeCompare(b.name, 'zh-CN'));
  return {
    kind: 'stars_members',
    title: `${year}年度星级党员公示 · ${orgName}`,
    tone: 'info',
    lines: [`根据${year}年度党员积分评定（≥90 三星，80–89 二星，60–79 一星，<60 无星）。`, `共评定 ${rows.length} 人：${distribution(rows.map((r) => r.stars))}。`],
    table: { columns: ['姓名', '积分', '星级'], rows: sorted.map((r) => [r.name, String(r.score), memberStarLabel(r.stars)]) },
    note: `${exempt > 0 ? `另有 ${exempt} 人经申请免于评定。` : ''}对结果有异议的，请在公示期内向支部书记或组织办反映。`,
  };
}

/** 星级党支部公示 for the leading group. */
export function branchBoardView(rootName: string, year: number, rows: (BranchStarRow & { name: string })[]): MessageView {
  const sorted = [...rows].sort((a, b) => b.stars - a.stars || b.score - a.score || a.name.localeCompare(b.name, 'zh-CN'));
  const proxies = rows.filter((r) => r.source === 'points').length;
  return {
    kind: 'stars_branches',
    title: `${year}年度星级党支部公示 · ${rootName}`,
    tone: 'info',
    lines: [`共评定 ${rows.length} 个党组织：${distribution(rows.map((r) => r.stars))}。`],
    table: { columns: ['党组织', '考评得分', '星级', '依据'], rows: sorted.map((r) => [r.name, String(r.score), branchStarLabel(r.stars), r.source === 'assessment' ? '年度考评' : '积分均值']) },
    note:
      proxies > 0
        ? `其中 ${proxies} 个组织尚无年度考评定稿，暂以党员年度积分平均分（最高 100）计，考评定稿后重新公示。`
        : '得分为年度考评定稿总分（积分管理 + 年终目标考核）。',
  };
}
