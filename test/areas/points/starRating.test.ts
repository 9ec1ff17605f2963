import { describe, expect, it } from 'vitest';
import {
  branchStarLabel,
  memberStarLabel,
  pointsToNextStar,
  provisionalBranchStarLabel,
  provisionalMemberStarLabel,
  starDistribution,
  starsForScore,
} from '../../../src/areas/points/starRating.ts';
import { DEFAULT_RATING_RULES, unratedReason, unratedText } from '../../../src/areas/points/ratingPhase.ts';

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

describe('provisional vs final labels (domain.md §3)', () => {
  it('never says 无星 or 不合格 before the year is final', () => {
    expect(provisionalMemberStarLabel(0)).toBe('暂未达到一星');
    expect(provisionalMemberStarLabel(1)).toBe('一星党员');
    expect(provisionalBranchStarLabel(0, 'GENERAL_BRANCH')).toBe('暂未达到一星');
    expect(starDistribution([3, 0, 0], false)).toBe('三星 1 · 二星 0 · 一星 0 · 未达一星 2');
    expect(starDistribution([3, 0, 0], true)).toBe('三星 1 · 二星 0 · 一星 0 · 无星 2');
  });

  it('names a 党总支 or 党委 as such, never 党支部', () => {
    expect(branchStarLabel(2, 'GENERAL_BRANCH')).toBe('二星党总支');
    expect(branchStarLabel(0, 'BRANCH')).toBe('无星党支部');
    expect(branchStarLabel(3, 'PARTY_COMMITTEE', '青禾镇党委')).toBe('三星党委');
    expect(branchStarLabel(1, 'PARTY_COMMITTEE', '港城工业园区党工委')).toBe('一星党工委');
  });
});

describe('who is rated in a year', () => {
  const rules = DEFAULT_RATING_RULES;
  const member = (joined: string | null, exempt = false) => ({
    ratingExempt: exempt,
    exemptReason: exempt ? '长期病休' : null,
    joinedAt: joined ? new Date(`${joined}T00:00:00Z`) : null,
  });
  it.each([
    [null, true, null],
    ['2010-05-01', true, null],
    ['2026-01-01', true, null],
    ['2026-06-30', true, null],
    ['2026-07-01', true, 'late'],
    ['2026-12-31', true, 'late'],
    ['2027-01-01', true, 'late'],
    ['2010-05-01', false, 'no_records'],
  ] as const)('joined %s, records kept %s → %s', (joined, records, expected) => {
    expect(unratedReason(member(joined), 2026, rules, records)).toBe(expected);
  });

  it('leaves exempt members out whatever their data', () => {
    expect(unratedReason(member(null, true), 2026, rules, true)).toBe('exempt');
    expect(unratedText('exempt', member(null, true), 2026, rules)).toBe('未评定（经申请免于评定：长期病休）');
    expect(unratedText('late', member('2026-07-01'), 2026, rules)).toBe('未评定（2026年7月1日入党或转入，2026年7月1日及以后入党或转入的当年不参评）');
  });
});
