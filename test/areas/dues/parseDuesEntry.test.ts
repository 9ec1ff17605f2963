import { describe, expect, it } from 'vitest';
import { formatMonths, parseDuesAmount, parseDuesMonths } from '../../../src/areas/dues/parseDuesEntry.ts';
import { dueMonths, lastDueMonth } from '../../../src/areas/dues/duesStatus.ts';

describe('党费 entry parsing', () => {
  it.each([
    ['2026年11月', { year: 2026, months: [11] }],
    ['11月', { year: 2026, months: [11] }],
    ['1-6月', { year: 2026, months: [1, 2, 3, 4, 5, 6] }],
    ['2025年11—12月', { year: 2025, months: [11, 12] }],
    ['2026-3', { year: 2026, months: [3] }],
    ['２０２６年１０月', { year: 2026, months: [10] }],
  ])('reads %s', (text, expected) => {
    expect(parseDuesMonths(text, 2026)).toEqual(expected);
  });

  it.each([
    ['13月', '月份只能是 1 到 12 月'],
    ['0月', '月份只能是 1 到 12 月'],
    ['6-1月', '月份范围应从小到大'],
    ['2020年1月', '只能登记去年、今年或明年'],
    ['十一月', '不是月份'],
  ])('refuses %s', (text, message) => {
    expect(() => parseDuesMonths(text, 2026)).toThrow(message);
  });

  it('reads amounts in 元 as 分 and refuses bad ones', () => {
    expect(parseDuesAmount('30')).toBe(3000);
    expect(parseDuesAmount('12.5元')).toBe(1250);
    expect(parseDuesAmount('０.５')).toBe(50);
    expect(() => parseDuesAmount('0')).toThrow('应大于 0 元');
    expect(() => parseDuesAmount('-3')).toThrow('应是以元为单位的数字');
    expect(() => parseDuesAmount('1.234')).toThrow('最多两位小数');
    expect(() => parseDuesAmount('三十')).toThrow('应是以元为单位的数字');
    expect(() => parseDuesAmount('20000')).toThrow('最多登记 10000 元');
  });

  it('formats month runs', () => {
    expect(formatMonths([5, 1, 2, 3, 9, 10])).toBe('1-3月、5月、9-10月');
    expect(formatMonths([])).toBe('');
  });

  it('counts months due from the month of joining up to last month', () => {
    expect(lastDueMonth(2026, '2026-11-20')).toBe(10);
    expect(lastDueMonth(2025, '2026-11-20')).toBe(12);
    expect(lastDueMonth(2027, '2026-11-20')).toBe(0);
    expect(lastDueMonth(2026, '2026-01-05')).toBe(0);
    expect(dueMonths(2026, 10, '2010-05-01')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(dueMonths(2026, 10, '2026-08-15')).toEqual([8, 9, 10]);
    expect(dueMonths(2026, 10, '2027-01-01')).toEqual([]);
    expect(dueMonths(2026, 10, null)).toHaveLength(10);
  });
});
