import type { Db } from '../../core/db/openDatabase.ts';
import type { Platform } from '../../core/generated/prisma/enums.ts';
import type { GroupInfo } from '../commands/types.ts';
import { isDemoPlatform } from './realmDb.ts';

/** The row shape of the lookup query is exactly the command context's view of a group. */
type GroupRow = GroupInfo;

/**
 * Finds the chat group, recording it on first sight so an admin can bind it later. This runs for every group
 * message: a known group whose name has not changed is read in one statement and nothing is written.
 */
export async function resolveGroup(db: Db, platform: Platform, chatId: string, name?: string): Promise<GroupInfo> {
  const rows = await db.$queryRaw<GroupRow[]>`
    SELECT g.id, g.platform::text AS platform, g."chatId", g.name, g."organizationId", g.purpose::text AS purpose,
           o.name AS "organizationName", o.level::text AS "organizationLevel", o.domain::text AS "organizationDomain", o.demo AS "organizationDemo"
    FROM "ChatGroup" g LEFT JOIN "Organization" o ON o.id = g."organizationId"
    WHERE g.platform = ${platform}::"Platform" AND g."chatId" = ${chatId}`;
  const known = rows[0];
  if (known && (!name || known.name === name)) {
    return inRealm(
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
      (known as GroupRow & { organizationDemo: boolean | null }).organizationDemo,
    );
  }
  const group = await db.chatGroup.upsert({
    where: { platform_chatId: { platform, chatId } },
    create: { platform, chatId, name: name ?? null },
    update: name ? { name } : {},
    include: { organization: true },
  });
  return inRealm(
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
  );
}

/** A group bound (before issue 11) to an organisation of the other world counts as not bound. */
function inRealm(platform: Platform, group: GroupInfo, organizationDemo: boolean | null): GroupInfo {
  if (organizationDemo === null || organizationDemo === isDemoPlatform(platform)) return group;
  return { ...group, organizationId: null, organizationName: null, organizationLevel: null, organizationDomain: null, purpose: null };
}
