import type { MessageView } from '../MessageView.ts';
import { renderLarkCard } from '../render/renderLarkCard.ts';

export type StarLevel = 3 | 2 | 1 | 0;

/** The published star board (星级党员 / 星级党支部): who holds how many stars for the year. */
export interface StarBoardModel {
  year: number;
  /** 党员 for a branch's member board, 党支部 for the 组织办's branch board. */
  subject: '党员' | '党支部';
  scope: string;
  entries: { name: string; stars: StarLevel; score: number; exempt?: boolean }[];
}

const levelName: Record<StarLevel, string> = { 3: '三星', 2: '二星', 1: '一星', 0: '无星' };

export function starBoardView(model: StarBoardModel): MessageView {
  const levels: StarLevel[] = [3, 2, 1, 0];
  const sections = levels
    .map((level) => {
      const rows = model.entries
        .filter((e) => e.stars === level && !e.exempt)
        .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'zh'))
        .map((e) => `${'★'.repeat(level) || '☆'} ${e.name}（${e.score} 分）`);
      return { heading: `${levelName[level]}${model.subject}（${rows.length}）`, lines: rows };
    })
    .filter((s) => s.lines.length > 0);
  const exempt = model.entries.filter((e) => e.exempt).map((e) => e.name);
  const noStar = model.entries.filter((e) => e.stars === 0 && !e.exempt).length;
  return {
    kind: 'star_board',
    title: `${model.year} 年度星级${model.subject} · ${model.scope}`,
    tone: 'success',
    lines: [
      `共 ${model.entries.length} 个${model.subject === '党员' ? '人' : '支部'}参评：90 分及以上三星，80–89 二星，60–79 一星，60 分以下无星。`,
      ...(noStar > 0 && model.subject === '党员' ? [`无星党员 ${noStar} 人，按规定认定为不合格党员，请支部做好谈心谈话。`] : []),
    ],
    ...(sections.length ? { sections } : {}),
    ...(exempt.length ? { note: `经申请不参加评定：${exempt.join('、')}` } : {}),
  };
}

export function starBoardCard(model: StarBoardModel): Record<string, unknown> {
  return renderLarkCard(starBoardView(model));
}
