import { describe, expect, it } from 'vitest';
import { parseRecordDate } from '../../../src/areas/records/parseRecordDate.ts';

// 2026-03-06 01:00 in Shanghai is still 5 March in UTC.
const now = new Date('2026-03-05T17:00:00Z');
const zone = 'Asia/Shanghai';

describe('parseRecordDate', () => {
  it.each([
    ['2026-03-05', '2026-03-05'],
    ['2026/3/5', '2026-03-05'],
    ['2026.3.5', '2026-03-05'],
    ['2026年3月5日', '2026-03-05'],
    ['３月５日', '2026-03-05'],
    ['3月5号', '2026-03-05'],
    ['3.5', '2026-03-05'],
    ['3/6', '2026-03-06'],
    ['今天', '2026-03-06'],
    ['昨天', '2026-03-05'],
    ['前天', '2026-03-04'],
    ['12月28日', '2025-12-28'],
    ['2025-01-01', '2025-01-01'],
  ])('reads %s as %s (today is 6 March in Shanghai)', (input, expected) => {
    expect(parseRecordDate(input, now, zone)).toMatchObject({ ok: true, date: expected });
  });

  it.each([
    ['2026-03-07', '将来'],
    ['明天', '将来'],
    ['2月29日', '2026年不是闰年'],
    ['13月1日', '月份应在 1 到 12 之间'],
    ['2026-02-30', '没有这一天'],
    ['2024-12-31', '太早了'],
    ['下周三', '不是能识别的日期'],
  ])('refuses %s', (input, problem) => {
    const result = parseRecordDate(input, now, zone);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.problem).toContain(problem);
  });

  it('says when a date without a year lands more than about two months back, so the record is confirmed first', () => {
    // On 3 December 2026, 「12月25日」 is 25 December 2025: more than two months back.
    const december3 = new Date('2026-12-03T02:00:00Z');
    expect(parseRecordDate('12月25日', december3, zone)).toEqual({ ok: true, date: '2025-12-25', yearInferred: true, farBack: true });
    expect(parseRecordDate('２０２５年１２月２５日', december3, zone)).toEqual({ ok: true, date: '2025-12-25', yearInferred: false, farBack: false });
    expect(parseRecordDate('10月3日', december3, zone)).toEqual({ ok: true, date: '2026-10-03', yearInferred: true, farBack: false });
    expect(parseRecordDate('10月2日', december3, zone)).toMatchObject({ date: '2026-10-02', farBack: true });
  });
});
