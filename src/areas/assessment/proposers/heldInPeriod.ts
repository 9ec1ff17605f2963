import type { ActivityType } from '../../../core/generated/prisma/enums.ts';
import { activityNames, clampScore, ofType, recordRef } from './cadence.ts';
import type { Proposer } from './types.ts';

/** A once-a-year activity: held in the period → full points; not held → `deduct` points off (default: all). */
export function heldInPeriod(type: ActivityType, note?: string): Proposer {
  return (set, maxPoints, params) => {
    const rows = ofType(set, type);
    const name = activityNames[type];
    const deduct = params.deduct ?? maxPoints;
    if (rows.length > 0) {
      return {
        score: maxPoints,
        evidence: {
          rule: `${name}：每年至少1次`,
          summary: [`${name}：${rows.length} 次（${rows.map((r) => r.heldOn).join('、')}）`, ...(note ? [note] : [])],
          records: rows.map(recordRef),
          missing: [],
          deductions: [],
        },
      };
    }
    return {
      score: clampScore(maxPoints, deduct),
      evidence: {
        rule: deduct >= maxPoints ? `${name}：未开展的不得分` : `${name}：未开展扣 ${deduct} 分`,
        summary: [`本期间没有${name}记录`, ...(note ? [note] : [])],
        records: [],
        missing: [`${name}未开展`],
        deductions: [{ points: Math.min(deduct, maxPoints), reason: `未开展${name}` }],
      },
    };
  };
}
