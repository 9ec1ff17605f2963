import { describe, expect, it } from 'vitest';
import { jitterMinute } from '../../../src/areas/pushes/sendJitter.ts';
import { parseDeadline } from '../../../src/areas/tasks/parseDeadline.ts';
import { obligationsAround, parseCadenceKey, periodContaining } from '../../../src/areas/tasks/cadenceObligations.ts';
import { escalatesToday } from '../../../src/areas/pushes/reminders/buildEscalationPushes.ts';
import { digestPeriod } from '../../../src/areas/pushes/digest/buildDigestPushes.ts';
import { splitFields } from '../../../src/areas/tasks/parseTaskForm.ts';
import { describeCron } from '../../../src/areas/pushes/commands/reminderSettingsCommand.ts';

describe('send jitter', () => {
  it('keeps every organisation off the hour and the half hour, the same minute every time, spread out', () => {
    const minutes = Array.from({ length: 925 }, (_, i) => jitterMinute(i + 1, 'remind'));
    for (const m of minutes) expect(m < 3 || (m > 27 && m < 33) || m > 57).toBe(false);
    expect(jitterMinute(42, 'remind')).toBe(jitterMinute(42, 'remind'));
    expect(new Set(minutes).size).toBe(50);
  });
});

describe('deadlines as people type them', () => {
  it.each([
    ['2026-12-10', '2026-12-10'],
    ['2026/12/1', '2026-12-01'],
    ['2026年12月10日', '2026-12-10'],
    ['12月10日', '2026-12-10'],
    ['1月5号', '2027-01-05'],
    ['１２／１０', '2026-12-10'],
    ['十二月十日', '2026-12-10'],
    ['2026．12．3', '2026-12-03'],
    ['明天', '2026-11-21'],
    ['2026-02-30', null],
    ['下周', null],
  ])('%s → %s', (text, expected) => {
    // 2026-11-20 00:30 in Beijing (still 19 November in UTC).
    const read = parseDeadline(text, new Date('2026-11-19T16:30:00Z'), 'Asia/Shanghai');
    expect(read.ok ? read.date : null).toBe(expected);
  });
});

describe('cadence obligations', () => {
  it('puts 主题党日 on the fixed day (clamped to short months) and meetings at the period end', () => {
    const obligations = obligationsAround([{ id: 7, themeDay: 31 }], '2027-02-10');
    const theme = obligations.filter((o) => o.type === 'THEME_DAY').map((o) => o.deadline);
    expect(theme).toEqual(['2027-02-28', '2027-03-31']);
    expect(obligations.find((o) => o.type === 'PARTY_CONGRESS')!.deadline).toBe('2027-03-31');
    expect(obligations.filter((o) => o.type === 'LIFE_MEETING').map((o) => o.cadenceKey)).toEqual(['LIFE_MEETING:2027:org7']);
    expect(obligations).toHaveLength(2 + 2 + 2 + 2 + 1 + 1);
  });

  it('reads a key back into its period', () => {
    expect(parseCadenceKey('PARTY_LESSON:2026-Q4:org12')).toMatchObject({
      type: 'PARTY_LESSON',
      organizationId: 12,
      period: { start: '2026-10-01', end: '2026-12-31' },
    });
    expect(parseCadenceKey('NOPE:2026-11:org1')).toBeNull();
    expect(periodContaining('month', '2026-11-15')).toMatchObject({ label: '2026-11', name: '2026年11月' });
  });
});

describe('escalation rhythm and digest periods', () => {
  it('escalates after the grace period and then every 7 days', () => {
    const days = Array.from({ length: 30 }, (_, i) => i).filter((d) => escalatesToday(d, 2));
    expect(days).toEqual([2, 9, 16, 23]);
    expect(Array.from({ length: 10 }, (_, i) => i).filter((d) => escalatesToday(d, 0))).toEqual([1, 8]);
  });

  it('covers the previous full week and month', () => {
    expect(digestPeriod('2026-11-23', 'week')).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    expect(digestPeriod('2027-01-01', 'month')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });
});

describe('task form and cron descriptions', () => {
  it('splits one-line and multi-line forms alike', () => {
    expect(splitFields('标题：甲；截止：12月1日;对象:全部支部').fields).toEqual({ 标题: '甲', 截止: '12月1日', 对象: '全部支部' });
    expect(splitFields('标题：甲\n胡乱写').unknown).toEqual(['胡乱写']);
  });

  it('describes the default schedules in Chinese', () => {
    expect(describeCron('40 8 * * *')).toBe('每天 08:40');
    expect(describeCron('13 17 * * 5')).toBe('每周五 17:13');
    expect(describeCron('27 8 1 * *')).toBe('每月 1 日 08:27');
    expect(describeCron('43 9 31 12 *')).toBe('每年 12 月 31 日 09:43');
    expect(describeCron('17 * * * *')).toBe('每小时第 17 分');
  });
});
