import type { Db } from '../../core/db/openDatabase.ts';
import type { Platform } from '../../core/generated/prisma/enums.ts';
import type { GroupInfo } from '../commands/types.ts';
import { isDemoPlatform } from './realmDb.ts';

/** The row shape of the lookup query is the command context's view of a group, with its organisation's ancestors. */
type GroupRow = GroupInfo & { organizationDemo: boolean | null; organizationAncestors: number[] | null };

export interface ResolvedGroup {
  group: GroupInfo;
  /** The group's organisation and every one above it, nearest first (what permission checks ask first); null when not read. */
  ancestors: number[] | null;
}

/**
 * Finds the chat group, recording it on first sight so an admin can bind it later. This runs for every group
 * message: a known group whose name has not changed is read in one statement and nothing is written.
 */
export async function resolveGroup(db: Db, platform: Platform, chatId: string, name?: string): Promise<ResolvedGroup> {
  // The ancestors come with the group: almost every command's permission check needs them next.
  const rows = await db.$queryRaw<GroupRow[]>`
    SELECT g.id, g.platform::text AS platform, g."chatId", g.name, g."organizationId", g.purpose::text AS purpose,
           o.name AS "organizationName", o.level::text AS "organizationLevel", o.domain::text AS "organizationDomain", o.demo AS "organizationDemo",
           (WITH RECURSIVE up AS (
              SELECT a.id, a."parentId", 0 AS depth FROM "Organization" a WHERE a.id = g."organizationId"
              UNION ALL
              SELECT p.id, p."parentId", up.depth + 1 FROM "Organization" p JOIN up ON p.id = up."parentId" WHERE up.depth < 20
            ) SELECT array_agg(up.id ORDER BY up.depth) FROM up) AS "organizationAncestors"
    FROM "ChatGroup" g LEFT JOIN "Organization" o ON o.id = g."organizationId"
    WHERE g.platform = ${platform}::"Platform" AND g."chatId" = ${chatId}`;
  const known = rows[0];
  if (known && (!name || known.name === name)) {
    return withAncestors(
      inRealm(
        platform,
        {
          id: Number(known.id),
          platform: known.platform,
          chatId: known.chatId,
          name: known.name,
          organizationId: known.organizationId === null ? null : Number(known.organizationId),
          organizationName: known.organizationName,
          organizationLevel: known.organizationLevel,
          organizationDomain: known.organizationDomain,
          purpose: known.purpose,
        },
        known.organizationDemo,
      ),
      (known.organizationAncestors ?? []).map(Number),
    );
  }
  const group = await db.chatGroup.upsert({
    where: { platform_chatId: { platform, chatId } },
    create: { platform, chatId, name: name ?? null },
    update: name ? { name } : {},
    include: { organization: true },
  });
  return withAncestors(
    inRealm(
      platform,
      {
        id: group.id,
        platform: group.platform,
        chatId: group.chatId,
        name: group.name,
        organizationId: group.organizationId,
        organizationName: group.organization?.name ?? null,
        organizationLevel: group.organization?.level ?? null,
        organizationDomain: group.organization?.domain ?? null,
        purpose: group.purpose,
      },
      group.organization?.demo ?? null,
    ),
    null,
  );
}

/** `ancestors` null: not read (a group seen for the first time or renamed); whoever needs them reads them then. */
function withAncestors(group: GroupInfo, ancestors: number[] | null): ResolvedGroup {
  return { group, ancestors: group.organizationId === null || !ancestors?.length ? null : ancestors };
}

/** A group bound (before issue 11) to an organisation of the other world counts as not bound. */
function inRealm(platform: Platform, group: GroupInfo, organizationDemo: boolean | null): GroupInfo {
  if (organizationDemo === null || organizationDemo === isDemoPlatform(platform)) return group;
  return { ...group, organizationId: null, organizationName: null, organizationLevel: null, organizationDomain: null, purpose: null };
}
