import { z } from 'zod';
import type { PendingHandler } from '../../engine/pending/PendingHandler.ts';
import { registerProgramme } from './registerProgramme.ts';

export const REPEAT_PROGRAMME = 'programme.repeat';

export const repeatProgrammeSchema = z.object({
  programmeId: z.number().int(),
  programmeName: z.string(),
  organizationId: z.number().int().nullable(),
  amount: z.number().int().positive(),
  note: z.string().nullable(),
});

/** The answer to "you registered the same line a moment ago: count it again?". */
export const repeatProgrammeHandler: PendingHandler = {
  kind: REPEAT_PROGRAMME,
  async confirm(ctx, payload) {
    const p = repeatProgrammeSchema.parse(payload);
    return registerProgramme(ctx, { programmeId: p.programmeId, organizationId: p.organizationId, amount: p.amount, note: p.note });
  },
  async cancel(_ctx, payload) {
    const p = repeatProgrammeSchema.parse(payload);
    return { kind: 'programme_repeat_cancelled', title: '已取消', tone: 'info', lines: [`「${p.programmeName}」没有重复登记，只记了一次。`] };
  },
};
