import { describe, expect, it } from 'vitest';
import { activityTypeFromText, currentPeriods, periodOf, requiredActivities, themeDayIn } from '../../../src/areas/records/cadence.ts';

describe('cadence table (domain.md §2)', () => {
  it('requires 支委会, 党小组会 and 主题党日 monthly; 党员大会 and 党课 quarterly; the rest yearly; training never', () => {
    expect(requiredActivities('month').map((k) => k.type)).toEqual(['COMMITTEE_MEETING', 'GROUP_MEETING', 'THEME_DAY']);
    expect(requiredActivities('quarter').map((k) => k.type)).toEqual(['PARTY_CONGRESS', 'PARTY_LESSON']);
    expect(requiredActivities('year').map((k) => k.type)).toEqual(['LIFE_MEETING', 'DEMOCRATIC_REVIEW', 'HEART_TALK']);
  });

  it.each([
    ['支部党员大会', 'PARTY_CONGRESS'],
    ['党员大会', 'PARTY_CONGRESS'],
    ['支委会', 'COMMITTEE_MEETING'],
    ['党小组会', 'GROUP_MEETING'],
    ['党课', 'PARTY_LESSON'],
    ['主题党日', 'THEME_DAY'],
    [' 主题 党日 ', 'THEME_DAY'],
    ['组织生活会', 'LIFE_MEETING'],
    ['民主评议', 'DEMOCRATIC_REVIEW'],
    ['谈心谈话', 'HEART_TALK'],
    ['专题讲习/培训', 'TRAINING'],
    ['专题讲习／培训', 'TRAINING'],
    ['培训', 'TRAINING'],
  ])('reads 「%s」 as %s', (text, type) => {
    expect(activityTypeFromText(text)).toBe(type);
  });

  it('knows no other types', () => {
    expect(activityTypeFromText('联欢会')).toBeNull();
    expect(activityTypeFromText('')).toBeNull();
  });

  it('cuts months, quarters and years in the configured zone', () => {
    // 2026-09-30 17:00 UTC is already 1 October in Shanghai.
    const at = new Date('2026-09-30T17:00:00Z');
    expect(periodOf(at, 'month', 'Asia/Shanghai')).toMatchObject({ key: '2026-10', start: '2026-10-01', end: '2026-10-31', label: '2026年10月' });
    expect(periodOf(at, 'quarter', 'Asia/Shanghai')).toMatchObject({ key: '2026-Q4', start: '2026-10-01', end: '2026-12-31', label: '2026年第四季度' });
    expect(periodOf(at, 'quarter', 'UTC')).toMatchObject({ key: '2026-Q3', start: '2026-07-01', end: '2026-09-30' });
    expect(periodOf('2026-02-10', 'year')).toMatchObject({ key: '2026', start: '2026-01-01', end: '2026-12-31' });
    expect(currentPeriods(at, 'Asia/Shanghai').map((p) => p.key)).toEqual(['2026-10', '2026-Q4', '2026']);
  });

  it('puts the theme day in the month, clamped to its last day', () => {
    expect(themeDayIn(periodOf('2026-02-03', 'month'), 30)).toBe('2026-02-28');
    expect(themeDayIn(periodOf('2026-11-03', 'month'), 5)).toBe('2026-11-05');
    expect(themeDayIn(periodOf('2026-11-03', 'month'), null)).toBeNull();
  });
});
