import type { Db } from '../db/openDatabase.ts';
import type { Platform } from '../generated/prisma/enums.ts';
import type { GroupInfo } from '../commands/types.ts';

/** Finds the chat group, recording it on first sight so an admin can bind it later. */
export async function resolveGroup(db: Db, platform: Platform, chatId: string, name?: string): Promise<GroupInfo> {
  const group = await db.chatGroup.upsert({
    where: { platform_chatId: { platform, chatId } },
    create: { platform, chatId, name: name ?? null },
    update: name ? { name } : {},
    include: { organization: true },
  });
  return {
    id: group.id,
    platform: group.platform,
    chatId: group.chatId,
    name: group.name,
    organizationId: group.organizationId,
    organizationName: group.organization?.name ?? null,
    organizationLevel: group.organization?.level ?? null,
    organizationDomain: group.organization?.domain ?? null,
    purpose: group.purpose,
  };
}
