import { describe, expect, it } from 'vitest';
import { memberStarLabel, pointsToNextStar, starsForScore } from '../../../src/areas/points/starRating.ts';

describe('member stars (domain.md §3)', () => {
  it.each([
    [0, 0],
    [59, 0],
    [59.9, 0],
    [60, 1],
    [79, 1],
    [79.5, 1],
    [80, 2],
    [89, 2],
    [90, 3],
    [120, 3],
  ])('%s points → %s stars', (score, stars) => {
    expect(starsForScore(score)).toBe(stars);
  });

  it('says how far the next star is', () => {
    expect(pointsToNextStar(59)).toEqual({ stars: 1, needed: 1 });
    expect(pointsToNextStar(60)).toEqual({ stars: 2, needed: 20 });
    expect(pointsToNextStar(89)).toEqual({ stars: 3, needed: 1 });
    expect(pointsToNextStar(90)).toBeNull();
    expect(memberStarLabel(0)).toBe('无星（不合格党员）');
    expect(memberStarLabel(3)).toBe('三星党员');
  });
});
