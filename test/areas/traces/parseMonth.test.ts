import { describe, expect, it } from 'vitest';
import { parseMonth } from '../../../src/areas/traces/parseMonth.ts';
import { UserError } from '../../../src/core/errors/UserError.ts';

const zone = 'Asia/Shanghai';
const at = (iso: string) => new Date(iso);

describe('parseMonth', () => {
  it('reads the month in the configured zone, with calendar bounds for dates', () => {
    // 2026-11-30 17:00 UTC is already 1 December in Shanghai.
    const span = parseMonth(undefined, at('2026-11-30T17:00:00Z'), zone, 'u');
    expect([span.year, span.month]).toEqual([2026, 12]);
    expect(span.start.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(span.end.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(span.firstDay.toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(span.nextFirstDay.toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it.each([
    ['本月', 2027, 1],
    ['上月', 2026, 12],
    ['上个月', 2026, 12],
    ['12月', 2026, 12],
    ['１月', 2027, 1],
    ['2026-11', 2026, 11],
    ['2026年3月', 2026, 3],
    ['2026/07', 2026, 7],
  ])('reads %s in January 2027', (written, year, month) => {
    const span = parseMonth(written, at('2027-01-10T04:00:00Z'), zone, 'u');
    expect([span.year, span.month]).toEqual([year, month]);
  });

  it.each([
    ['2027-02', '还没到'],
    ['0月', '1 到 12'],
    ['2026-13', '1 到 12'],
    ['下月', '看不懂月份'],
  ])('refuses %s', (written, message) => {
    expect(() => parseMonth(written, at('2027-01-10T04:00:00Z'), zone, 'u')).toThrow(UserError);
    expect(() => parseMonth(written, at('2027-01-10T04:00:00Z'), zone, 'u')).toThrow(message);
  });
});
