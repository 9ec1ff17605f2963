import type { Db } from '../../core/db/openDatabase.ts';
import type { Platform } from '../../core/generated/prisma/enums.ts';
import type { NotifyTarget } from '../commands/types.ts';

/** The chats a notification goes to: one given chat, or every group bound to an organisation for a purpose. */
export async function resolveNotifyTargets(db: Db, target: NotifyTarget): Promise<{ platform: Platform; chatId: string }[]> {
  if ('chat' in target) return [target.chat];
  const groups = await db.chatGroup.findMany({
    where: { organizationId: target.organizationId, purpose: target.purpose },
    select: { platform: true, chatId: true },
    orderBy: { id: 'asc' },
  });
  return groups;
}
