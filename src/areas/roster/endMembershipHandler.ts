import { z } from 'zod';
import type { PendingHandler } from '../../engine/pending/PendingHandler.ts';
import { END_REASONS, endMembership } from './memberService.ts';

export const END_MEMBERSHIP = 'member.end';

const payloadSchema = z.object({
  memberId: z.number().int(),
  name: z.string(),
  reason: z.enum(END_REASONS),
  endedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/u),
});

/** The answer to "减少党员 …?": /确认 ends the membership, /取消 leaves it as it was. */
export const endMembershipHandler: PendingHandler = {
  kind: END_MEMBERSHIP,
  async confirm(ctx, payload) {
    const p = payloadSchema.parse(payload);
    const ended = await endMembership(ctx.db, p.memberId, p.reason, p.endedOn, {
      actorId: ctx.actor!.memberId,
      platform: ctx.event.platform,
      at: ctx.clock.now(),
    });
    return ended
      ? {
          kind: 'member_ended',
          title: '已办理党员减少',
          tone: 'success',
          lines: [`${p.name}（${p.reason}）已不再计入应到人数、积分榜和星级评定；历史记录保留。`],
        }
      : { kind: 'member_ended', title: '不需要重复办理', tone: 'info', lines: [`${p.name}此前已经办理过减少。`] };
  },
  async cancel(_ctx, payload) {
    const p = payloadSchema.parse(payload);
    return { kind: 'member_end_cancelled', title: '已取消', tone: 'info', lines: [`${p.name}的党员信息没有变动。`] };
  },
};
