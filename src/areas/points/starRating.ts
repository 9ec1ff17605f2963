import type { OrgLevel } from '../../core/generated/prisma/enums.ts';

/**
 * Stars from a yearly score (domain.md §3, from 001): ≥ 90 三星, 80–89 二星, 60–79 一星, < 60 无星.
 * The same thresholds serve members (points total) and branches (考评得分).
 *
 * Two kinds of labels (domain.md §3, provisional vs final): during the year every board is 暂定 and shows the
 * star a score would reach, never 无星 or 不合格; only the final rating of a year names 无星 (不合格党员).
 */
export type Stars = 0 | 1 | 2 | 3;

export const STAR_THRESHOLDS: readonly { stars: Stars; min: number }[] = [
  { stars: 3, min: 90 },
  { stars: 2, min: 80 },
  { stars: 1, min: 60 },
];

export function starsForScore(score: number): Stars {
  return STAR_THRESHOLDS.find((t) => score >= t.min)?.stars ?? 0;
}

/** Points still needed to reach the next star, or null at three stars. */
export function pointsToNextStar(score: number): { stars: Stars; needed: number } | null {
  const current = starsForScore(score);
  if (current === 3) return null;
  const next = STAR_THRESHOLDS.find((t) => t.stars === current + 1)!;
  return { stars: next.stars, needed: Math.round((next.min - score) * 100) / 100 };
}

function starWord(stars: Stars): string {
  return `${'三二一'[3 - stars]}星`;
}

/** A member's star of a FINAL rating: 三星党员 … 无星（不合格党员）. */
export function memberStarLabel(stars: Stars): string {
  return stars === 0 ? '无星（不合格党员）' : `${starWord(stars)}党员`;
}

/** The star a provisional score would reach: 「一星党员」, or 「暂未达到一星」 below 60 (never 无星 / 不合格). */
export function provisionalMemberStarLabel(stars: Stars): string {
  return stars === 0 ? '暂未达到一星' : `${starWord(stars)}党员`;
}

/** What an organisation of a level is called: 党委, 党总支, 党支部, 党小组 (a 党工委 keeps its own name). */
export function orgKindName(level: OrgLevel, name = ''): string {
  if (level === 'PARTY_COMMITTEE') return name.endsWith('党工委') ? '党工委' : '党委';
  if (level === 'GENERAL_BRANCH') return '党总支';
  if (level === 'PARTY_GROUP') return '党小组';
  return '党支部';
}

/** An organisation's star of a FINAL rating: 三星党支部, 二星党总支, 无星党支部. */
export function branchStarLabel(stars: Stars, level: OrgLevel = 'BRANCH', name = ''): string {
  return `${stars === 0 ? '无星' : starWord(stars)}${orgKindName(level, name)}`;
}

/** The star a provisional branch score would reach, never 无星. */
export function provisionalBranchStarLabel(stars: Stars, level: OrgLevel = 'BRANCH', name = ''): string {
  return stars === 0 ? '暂未达到一星' : `${starWord(stars)}${orgKindName(level, name)}`;
}

/** 「三星 2 · 二星 1 · 一星 0 · 无星 1」 for a final board; 「… · 未达一星 1」 for a provisional one. */
export function starDistribution(stars: readonly Stars[], final: boolean, separator = ' · '): string {
  const count = (n: Stars) => stars.filter((s) => s === n).length;
  return [`三星 ${count(3)}`, `二星 ${count(2)}`, `一星 ${count(1)}`, `${final ? '无星' : '未达一星'} ${count(0)}`].join(separator);
}
