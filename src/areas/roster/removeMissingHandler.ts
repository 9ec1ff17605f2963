import { z } from 'zod';
import type { PendingHandler } from '../../engine/pending/PendingHandler.ts';
import { endMembership, LEFT_ROSTER } from './memberService.ts';

export const REMOVE_MISSING = 'roster.remove_missing';

const payloadSchema = z.object({ ids: z.array(z.number().int()).max(5000), endedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/u) });

/** The answer to "these members are not in the new roster": /确认 ends their membership, /取消 keeps them. */
export const removeMissingHandler: PendingHandler = {
  kind: REMOVE_MISSING,
  async confirm(ctx, payload) {
    const { ids, endedOn } = payloadSchema.parse(payload);
    const who = { actorId: ctx.actor!.memberId, platform: ctx.event.platform, at: ctx.clock.now() };
    let ended = 0;
    for (const id of ids) if (await endMembership(ctx.db, id, LEFT_ROSTER, endedOn, who)) ended++;
    return {
      kind: 'roster_missing_removed',
      title: '已办理减少',
      tone: 'success',
      lines: [`${ended} 名不在新名册中的党员已办理减少，不再计入应到人数、积分榜和星级评定；历史记录保留。`],
    };
  },
  async cancel(_ctx, payload) {
    const { ids } = payloadSchema.parse(payload);
    return { kind: 'roster_missing_kept', title: '已取消', tone: 'info', lines: [`${ids.length} 名不在新名册中的党员保持不变。`] };
  },
};
