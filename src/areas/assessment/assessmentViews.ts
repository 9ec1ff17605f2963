import type { MessageView } from '../../../cards/MessageView.ts';
import { branchStarLabel, type Stars } from '../points/starRating.ts';
import { kindNames, totals, type FullAssessment } from './assessmentService.ts';
import type { Evidence } from './proposers/types.ts';
import { periodName } from './period.ts';

function fmt(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : String(n);
}

/** The whole sheet: each item with max, proposal and score; category subtotals; total so far. */
export function assessmentSheetView(a: FullAssessment, command: string): MessageView {
  const t = totals(a);
  const rows: string[][] = [];
  for (const category of a.standard.categories) {
    for (const item of category.items) {
      const s = a.scores.find((x) => x.itemId === item.id);
      rows.push([item.code, item.name + (item.placeholder ? '（待补充）' : ''), fmt(item.maxPoints), fmt(s?.proposedScore), fmt(s?.score)]);
    }
  }
  const proposedOpen = a.scores.filter((s) => s.proposedScore !== null && s.score === null).length;
  return {
    kind: 'assessment_sheet',
    title: `${kindNames[a.kind]} · ${a.organization.name} · ${periodName(a.period)}`,
    tone: a.status === 'FINAL' ? 'success' : 'info',
    lines: [
      `标准：${a.standard.name}　状态：${a.status === 'FINAL' ? `已完成，${a.totalScore} 分，${a.grade}` : '评分中'}`,
      `已评 ${a.scores.filter((s) => s.score !== null).length}/${rows.length} 项，当前合计 ${t.total} 分。`,
      ...t.categories.map((c) => `${c.name}：${c.score}/${c.maxPoints}`),
    ],
    table: { columns: ['编号', '项目', '满分', '建议', '得分'], rows },
    ...(a.status === 'DRAFT' && proposedOpen
      ? { buttons: [{ label: `采纳全部 ${proposedOpen} 项建议`, command: `${command} 采纳 全部`, style: 'primary' as const }] }
      : {}),
    note:
      a.status === 'FINAL'
        ? `发送「${command} 查看 <编号>」看某项的依据。`
        : `评分：${command} 评分 <编号> <分数> [扣分原因]；采纳建议：${command} 采纳 <编号|全部>${proposedOpen ? `（${proposedOpen} 项建议待采纳）` : ''}；完成：${command} 完成`,
  };
}

/** One item: criterion, method, the bot's proposal with its evidence, and the score given. */
export function itemView(a: FullAssessment, code: string, title?: string, command?: string): MessageView {
  const item = a.standard.categories.flatMap((c) => c.items).find((i) => i.code.toUpperCase() === code.toUpperCase())!;
  const s = a.scores.find((x) => x.itemId === item.id);
  const evidence = s?.evidence as unknown as Evidence | null;
  const lines: string[] = [];
  if (evidence) {
    lines.push(`系统建议：${s?.proposedScore} 分（依据：${evidence.rule}）`, ...evidence.summary);
    if (evidence.deductions.length) lines.push(`扣分：${evidence.deductions.map((d) => `−${d.points} ${d.reason}`).join('；')}`);
    if (evidence.records.length) {
      lines.push(
        `依据记录：${evidence.records
          .slice(0, 12)
          .map((r) => `第${r.seq}号 ${r.heldOn}`)
          .join('、')}${evidence.records.length > 12 ? ` 等 ${evidence.records.length} 条` : ''}`,
      );
    }
  } else {
    lines.push('此项不能由记录判断，请考核小组按考评方式评分。');
  }
  const canAccept = a.status === 'DRAFT' && s?.proposedScore !== null && s?.proposedScore !== undefined && s.score === null;
  return {
    kind: 'assessment_item',
    ...(canAccept && command
      ? { buttons: [{ label: `采纳建议 ${s!.proposedScore} 分`, command: `${command} 采纳 ${item.code}`, style: 'primary' as const }] }
      : {}),
    title: title ?? `${item.code} ${item.name}（满分 ${item.maxPoints}）`,
    tone: 'info',
    lines,
    fields: [
      { label: '考核评价标准', value: item.criterion },
      { label: '考评方式', value: item.method },
      {
        label: '得分',
        value: s?.score === null || s?.score === undefined ? '未评' : `${s.score}${s.overrideReason ? `（改判理由：${s.overrideReason}）` : ''}`,
      },
    ],
  };
}

export function finalView(a: FullAssessment, result: { total: number; grade: string; stars: Stars; year: number }): MessageView {
  return {
    kind: 'assessment_final',
    title: `${kindNames[a.kind]}完成 · ${a.organization.name}`,
    tone: 'success',
    lines: [
      `${periodName(a.period)}${kindNames[a.kind]}总分 ${result.total} 分，等次：${result.grade}。`,
      ...(a.kind === 'TEAM' ? [`${result.year} 年星级：${branchStarLabel(result.stars)}。`] : []),
    ],
  };
}
