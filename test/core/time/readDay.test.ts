import { describe, expect, it } from 'vitest';
import { readDay, readMonth, readYear } from '../../../src/core/time/readDay.ts';
import { readWrittenDate } from '../../../src/core/time/readWrittenDate.ts';
import { showDay } from '../../../src/core/time/calendarDay.ts';

const zone = 'Asia/Shanghai';
/** An instant given as Beijing wall-clock time. */
const beijing = (local: string) => new Date(`${local}+08:00`);
const past = (text: string, at: string) => readDay(text, { now: beijing(at), zone, toward: 'past' });
const future = (text: string, at: string) => readDay(text, { now: beijing(at), zone, toward: 'future' });
const day = (r: ReturnType<typeof readDay>) => (r.ok ? r.date : r.problem);

describe('readWrittenDate: how people type dates', () => {
  it.each([
    ['2026-12-25', 2026, 12, 25],
    ['2026/12/25', 2026, 12, 25],
    ['2026.12.25', 2026, 12, 25],
    ['2026年12月25日', 2026, 12, 25],
    ['20261225', 2026, 12, 25],
    ['１２月２５日', null, 12, 25],
    ['2026．12．3', 2026, 12, 3],
    ['2026。12。3', 2026, 12, 3],
    ['12/25', null, 12, 25],
    ['１２／２５', null, 12, 25],
    ['12-25', null, 12, 25],
    ['12 月 25 号', null, 12, 25],
    ['十二月二十五日', null, 12, 25],
    ['三月五日', null, 3, 5],
    ['十月三十一日', null, 10, 31],
    ['二〇二六年十二月三日', 2026, 12, 3],
  ])('%s', (text, year, month, dayOfMonth) => {
    expect(readWrittenDate(text)).toEqual({ year, month, day: dayOfMonth });
  });

  it.each(['下周三', '25日', '12月', '2026', '一百月一日', ''])('refuses %s', (text) => {
    expect(readWrittenDate(text)).toBeNull();
  });
});

describe('readDay toward the past (records)', () => {
  it('takes the most recent such day that is not in the future', () => {
    expect(day(past('12月25日', '2026-12-03 10:00'))).toBe('2025-12-25');
    expect(day(past('12月3日', '2026-12-03 10:00'))).toBe('2026-12-03');
    expect(day(past('12月4日', '2026-12-03 23:59'))).toBe('2025-12-04');
  });

  it('reads the day of Beijing time at midnight, not UTC', () => {
    // 00:30 on 1 January 2027 in Beijing is still 31 December 2026 in UTC.
    expect(day(past('今天', '2027-01-01 00:30'))).toBe('2027-01-01');
    expect(day(past('昨天', '2027-01-01 00:30'))).toBe('2026-12-31');
    expect(day(past('1月1日', '2027-01-01 00:30'))).toBe('2027-01-01');
    expect(day(past('12月31日', '2027-01-01 00:30'))).toBe('2026-12-31');
    // 23:30 on 31 December 2026 in Beijing: 「1月1日」 is this year's, long ago.
    const newYearsEve = past('1月1日', '2026-12-31 23:30');
    expect(newYearsEve).toEqual({ ok: true, date: '2026-01-01', yearInferred: true, farBack: true });
    expect(day(past('今天', '2026-12-31 23:30'))).toBe('2026-12-31');
  });

  it('flags a day without a year more than about two months back', () => {
    expect(past('12月25日', '2026-12-03 10:00')).toMatchObject({ farBack: true, yearInferred: true });
    expect(past('10月3日', '2026-12-03 10:00')).toMatchObject({ farBack: false });
    expect(past('10月2日', '2026-12-03 10:00')).toMatchObject({ farBack: true });
    expect(past('2025年12月25日', '2026-12-03 10:00')).toMatchObject({ farBack: false, yearInferred: false });
    // Short months: two months before 30 April is 28 February (non-leap 2026).
    expect(past('2月28日', '2026-04-30 09:00')).toMatchObject({ farBack: false });
    expect(past('2月27日', '2026-04-30 09:00')).toMatchObject({ farBack: true });
  });

  it('knows short and long months and the leap day', () => {
    expect(day(past('4月31日', '2026-06-01 09:00'))).toContain('4月只有 30 天');
    expect(day(past('1月31日', '2026-06-01 09:00'))).toBe('2026-01-31');
    expect(day(past('2月29日', '2026-06-01 09:00'))).toContain('2026年不是闰年');
    expect(day(past('2月29日', '2028-03-01 09:00'))).toBe('2028-02-29');
    expect(day(past('2028-02-29', '2028-03-01 09:00'))).toBe('2028-02-29');
    expect(day(past('2027-02-29', '2028-03-01 09:00'))).toContain('没有这一天');
  });

  it('refuses clearly what it cannot read', () => {
    expect(day(past('下周三', '2026-06-01 09:00'))).toBe('「下周三」不是能识别的日期');
    expect(day(past('13/1', '2026-06-01 09:00'))).toContain('月份应在 1 到 12 之间');
  });
});

describe('readDay toward the future (deadlines)', () => {
  it('takes the next such day, today included', () => {
    expect(day(future('1月5日', '2026-12-31 23:30'))).toBe('2027-01-05');
    expect(day(future('12月31日', '2026-12-31 23:30'))).toBe('2026-12-31');
    expect(day(future('12月30日', '2026-12-31 23:30'))).toBe('2027-12-30');
    expect(day(future('明天', '2026-12-31 23:30'))).toBe('2027-01-01');
    expect(day(future('2月29日', '2027-03-01 09:00'))).toBe('2028-02-29');
  });
});

describe('readMonth and readYear', () => {
  it('reads months without a year as the most recent such month', () => {
    const at = beijing('2027-01-01 00:30');
    expect(readMonth('12月', at, zone)).toMatchObject({ year: 2026, month: 12 });
    expect(readMonth('十二月', at, zone)).toMatchObject({ year: 2026, month: 12 });
    expect(readMonth('１月', at, zone)).toMatchObject({ year: 2027, month: 1 });
    expect(readMonth('', at, zone)).toMatchObject({ year: 2027, month: 1 });
    expect(readMonth('上月', at, zone)).toMatchObject({ year: 2026, month: 12 });
    expect(readMonth('２０２６年１１月', at, zone)).toMatchObject({ year: 2026, month: 11 });
    expect(readMonth('2026.2', at, zone)).toMatchObject({ year: 2026, month: 2 });
    expect(readMonth('13月', at, zone)).toMatchObject({ ok: false });
  });

  it('reads years as typed', () => {
    const at = beijing('2027-01-01 00:30');
    expect(readYear('２０２６', at, zone)).toEqual({ ok: true, year: 2026 });
    expect(readYear('二〇二六年', at, zone)).toEqual({ ok: true, year: 2026 });
    expect(readYear('去年', at, zone)).toEqual({ ok: true, year: 2026 });
    expect(readYear('今年', at, zone)).toEqual({ ok: true, year: 2027 });
    expect(readYear('明年后', at, zone)).toMatchObject({ ok: false });
  });
});

describe('showDay', () => {
  it('shows the year only when it is not the current one', () => {
    expect(showDay('2026-12-25', 2026)).toBe('12月25日');
    expect(showDay('2025-12-25', '2026-12-03')).toBe('2025年12月25日');
    expect(showDay('2027-01-01', 2026)).toBe('2027年1月1日');
  });
});
