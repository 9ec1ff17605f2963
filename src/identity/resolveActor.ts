import type { Db } from '../db/openDatabase.ts';
import type { Platform } from '../generated/prisma/enums.ts';
import type { Actor } from '../commands/types.ts';

export async function resolveActor(db: Db, platform: Platform, platformUserId: string): Promise<Actor | null> {
  const identity = await db.chatIdentity.findUnique({
    where: { platform_platformUserId: { platform, platformUserId } },
    include: { member: { include: { roles: true } } },
  });
  if (!identity) return null;
  const { member } = identity;
  return {
    memberId: member.id,
    name: member.name,
    organizationId: member.organizationId,
    roles: member.roles.map((r) => ({ role: r.role, organizationId: r.organizationId })),
  };
}
