import { z } from 'zod';
import type { PendingHandler } from '../../engine/pending/PendingHandler.ts';
import { formatPoints } from './pointTypes.ts';
import { applyAdjustment } from './applyAdjustment.ts';

export const REPEAT_ADJUSTMENT = 'points.repeat';

export const repeatAdjustmentSchema = z.object({
  memberId: z.number().int(),
  organizationId: z.number().int(),
  memberName: z.string(),
  year: z.number().int(),
  points: z.number(),
  reason: z.string(),
});

export type RepeatAdjustment = z.infer<typeof repeatAdjustmentSchema>;

/** The answer to "you gave the same points to the same member a moment ago: again?". */
export const repeatAdjustmentHandler: PendingHandler = {
  kind: REPEAT_ADJUSTMENT,
  async confirm(ctx, payload) {
    return applyAdjustment(ctx, repeatAdjustmentSchema.parse(payload));
  },
  async cancel(_ctx, payload) {
    const p = repeatAdjustmentSchema.parse(payload);
    return {
      kind: 'points_repeat_cancelled',
      title: '已取消',
      tone: 'info',
      lines: [`没有再次${p.points > 0 ? '加分' : '扣分'}：${p.memberName} ${p.points > 0 ? '+' : '−'}${formatPoints(Math.abs(p.points))} 分只记了一次。`],
    };
  },
};
