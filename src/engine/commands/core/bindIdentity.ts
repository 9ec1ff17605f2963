import { writeAudit } from '../../../core/audit/writeAudit.ts';
import { isUniqueViolation } from '../../../core/util/isUniqueViolation.ts';
import type { CommandContext } from '../types.ts';

class LostRace extends Error {}

/**
 * Binds the sender's chat account to the member, in one transaction: the invite (if any) is marked used in
 * the same statement that checks it is still unused, so one code binds one account even when two arrive at
 * once. False when another try got there first (the code used, or this account bound meanwhile).
 */
export async function bindIdentity(
  ctx: Pick<CommandContext, 'db' | 'event' | 'clock'>,
  member: { id: number },
  how: { via: 'invite'; inviteId: number } | { via: 'demo' } | { via: 'confirm'; confirmedById: number },
  account: { platformUserId: string; displayName: string | null } = {
    platformUserId: ctx.event.sender.platformUserId,
    displayName: ctx.event.sender.displayName ?? null,
  },
): Promise<boolean> {
  const now = ctx.clock.now();
  const usedBy = `${ctx.event.platform}:${account.platformUserId}`;
  try {
    await ctx.db.$transaction(async (tx) => {
      if (how.via === 'invite') {
        const { count } = await tx.bindInvite.updateMany({ where: { id: how.inviteId, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now, usedBy } });
        if (count !== 1) throw new LostRace();
      }
      await tx.chatIdentity.create({
        data: { platform: ctx.event.platform, platformUserId: account.platformUserId, displayName: account.displayName, memberId: member.id },
      });
      await writeAudit(tx, {
        actorId: how.via === 'confirm' ? how.confirmedById : member.id,
        action: 'bind.succeeded',
        targetType: 'ChatIdentity',
        targetId: usedBy,
        platform: ctx.event.platform,
        detail: { memberId: member.id, via: how.via, ...(how.via === 'invite' ? { inviteId: how.inviteId } : {}) },
        at: now,
      });
    });
    return true;
  } catch (error) {
    if (error instanceof LostRace || isUniqueViolation(error)) return false;
    throw error;
  }
}
