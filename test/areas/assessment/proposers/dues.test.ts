import { describe, expect, it } from 'vitest';
import { dues } from '../../../../src/areas/assessment/proposers/dues.ts';
import { parsePeriod } from '../../../../src/areas/assessment/period.ts';
import type { RecordSet } from '../../../../src/areas/assessment/proposers/types.ts';

const months = (memberId: number, list: number[]) => list.map((month) => ({ memberId, month }));

function set(asOf: string, dueRows: { memberId: number; month: number }[], period = '2026'): RecordSet {
  return {
    organizationId: 1,
    period: parsePeriod(period),
    asOf,
    records: [],
    members: [
      { id: 1, name: '甲', isCadre: false, joinedOn: '2010-05-01' },
      { id: 2, name: '乙', isCadre: false, joinedOn: '2026-08-15' },
      { id: 3, name: '丙', isCadre: false, joinedOn: null },
      { id: 4, name: '丁', isCadre: false, joinedOn: '2027-01-10' },
    ],
    dues: dueRows,
  };
}

describe('党费缴纳管理 proposer', () => {
  it('scores the share of members who paid every month that has ended', () => {
    // Up to 2026-11-20 months 1–10 have ended. 甲 paid 1–10, 乙 joined in August and paid 8–10, 丙 paid 1–9,
    // 丁 joins next year (not due). Due 3, paid up 2 → 2 × 2/3 = 1.33 → 1.3.
    const p = dues(
      set('2026-11-20', [...months(1, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), ...months(2, [8, 9, 10]), ...months(3, [1, 2, 3, 4, 5, 6, 7, 8, 9])]),
      2,
      {},
    );
    expect(p.score).toBe(1.3);
    expect(p.evidence.summary[0]).toBe('党费：应缴 3 人，按月缴清 2 人（67%），已到期 10 个月');
    expect(p.evidence.missing).toEqual(['丙（欠 10月）']);
    expect(p.evidence.deductions).toEqual([{ points: 0.7, reason: '1 名党员未按月缴清党费' }]);
  });

  it('gives full marks when everyone paid, and 0 when nothing was recorded', () => {
    const all = [...months(1, [1, 2, 3, 4, 5, 6]), ...months(3, [1, 2, 3, 4, 5, 6])];
    expect(dues(set('2026-07-01', all, '2026-H1'), 2, {}).score).toBe(2);
    expect(dues(set('2026-07-01', [], '2026-H1'), 2, {}).score).toBe(0);
  });
});
