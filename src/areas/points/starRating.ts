/**
 * Stars from a yearly score (domain.md §3, from 001): ≥ 90 三星, 80–89 二星, 60–79 一星, < 60 无星.
 * The same thresholds serve members (points total) and branches (考评得分).
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

export function memberStarLabel(stars: Stars): string {
  return stars === 0 ? '无星（不合格党员）' : `${'三二一'[3 - stars]}星党员`;
}

export function branchStarLabel(stars: Stars): string {
  return stars === 0 ? '无星党支部' : `${'三二一'[3 - stars]}星党支部`;
}
