import type { Db } from '../../core/db/openDatabase.ts';
import type { Platform, Role } from '../../core/generated/prisma/enums.ts';
import type { Actor } from '../commands/types.ts';
import { isDemoPlatform } from './realmDb.ts';

interface ActorRow {
  memberId: number;
  name: string;
  organizationId: number;
  role: Role | null;
  roleOrganizationId: number | null;
  roleDemo: boolean | null;
}

/**
 * The member behind a chat identity (null when that member belongs to the other world: a demo member bound on a
 * real platform before issue 11, or the reverse), with every role they hold, in one statement (this runs for every message;
 * Prisma's nested include took three).
 */
export async function resolveActor(db: Db, platform: Platform, platformUserId: string): Promise<Actor | null> {
  const rows = await db.$queryRaw<ActorRow[]>`
    SELECT m.id AS "memberId", m.name, m."organizationId", r.role::text AS role, r."organizationId" AS "roleOrganizationId", ro.demo AS "roleDemo"
    FROM "ChatIdentity" ci
    JOIN "Member" m ON m.id = ci."memberId"
    LEFT JOIN "MemberRole" r ON r."memberId" = m.id
    LEFT JOIN "Organization" ro ON ro.id = r."organizationId"
    JOIN "Organization" mo ON mo.id = m."organizationId"
    WHERE ci.platform = ${platform}::"Platform" AND ci."platformUserId" = ${platformUserId}
      AND mo.demo = ${isDemoPlatform(platform)}
    ORDER BY r.id`;
  const first = rows[0];
  if (!first) return null;
  return {
    memberId: Number(first.memberId),
    name: first.name,
    organizationId: Number(first.organizationId),
    roles: rows.filter((r) => r.role !== null).map((r) => ({ role: r.role!, organizationId: Number(r.roleOrganizationId), demo: r.roleDemo === true })),
  };
}

/** Member ids of several chat identities at once (the people @-mentioned in a message); unknown ones are absent. */
export async function resolveMemberIds(db: Db, platform: Platform, platformUserIds: string[]): Promise<Map<string, number>> {
  if (platformUserIds.length === 0) return new Map();
  const rows = await db.chatIdentity.findMany({
    where: { platform, platformUserId: { in: [...new Set(platformUserIds)] } },
    select: { platformUserId: true, memberId: true },
  });
  return new Map(rows.map((r) => [r.platformUserId, r.memberId]));
}
