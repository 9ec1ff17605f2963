import { roundPoints } from './memberTotals.ts';
import { starsForScore, type Stars } from './starRating.ts';

export interface BranchScore {
  score: number;
  stars: Stars;
  /** 考评: a final year assessment exists; 积分: the points-management proxy. */
  source: 'assessment' | 'points';
}

/**
 * A branch's 考评得分 of a year and the stars it gives (domain.md §3: 考评得分 = points management + year-end
 * target score), the one definition used on finalising a team assessment and for the year-end star boards:
 *   1. the total of its FINAL year assessment, when there is one, else
 *   2. the points-management proxy: the average year points total of its rated members, capped at 100.
 * null: no assessment and no rated members, so the branch is not rated.
 */
export function branchScore(assessmentTotal: number | null, memberTotals: readonly number[]): BranchScore | null {
  if (assessmentTotal !== null) {
    const score = roundPoints(assessmentTotal);
    return { score, stars: starsForScore(score), source: 'assessment' };
  }
  if (memberTotals.length === 0) return null;
  const score = roundPoints(Math.min(100, memberTotals.reduce((s, t) => s + t, 0) / memberTotals.length));
  return { score, stars: starsForScore(score), source: 'points' };
}

/** The assessment that counts for a branch's year: the 考评 (TEAM) one before the SELF one. */
export function yearAssessmentTotal(assessments: readonly { kind: string; totalScore: number | null }[]): number | null {
  const counted = assessments.find((a) => a.kind === 'TEAM' && a.totalScore !== null) ?? assessments.find((a) => a.kind === 'SELF' && a.totalScore !== null);
  return counted?.totalScore ?? null;
}
