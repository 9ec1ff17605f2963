import type { Db } from '../../core/db/openDatabase.ts';
import type { Prisma } from '../../core/generated/prisma/client.ts';
import type { Platform } from '../../core/generated/prisma/enums.ts';

/** How long the bot waits for 确认 / 取消 before the question lapses. */
export const PENDING_TTL_MINUTES = 30;

export interface PendingKey {
  platform: Platform;
  chatId: string;
  memberId: number;
}

/** Asks a question of one member in one chat: an earlier open question of theirs there is dropped. */
export async function askPending(db: Db, key: PendingKey, kind: string, payload: Prisma.InputJsonValue, now: Date): Promise<void> {
  await db.$transaction([
    db.pendingAction.deleteMany({ where: { platform: key.platform, chatId: key.chatId, memberId: key.memberId } }),
    db.pendingAction.create({
      data: { ...key, kind, payload, expiresAt: new Date(now.getTime() + PENDING_TTL_MINUTES * 60_000) },
    }),
  ]);
}

/** The member's open question in this chat, or null (expired ones are cleared). */
export async function openPending(db: Db, key: PendingKey, now: Date) {
  await db.pendingAction.deleteMany({ where: { ...key, expiresAt: { lt: now } } });
  return db.pendingAction.findFirst({ where: key, orderBy: { id: 'desc' } });
}

/** Removes a question once answered; false when it was already gone (answered twice at once). */
export async function closePending(db: Db, id: number): Promise<boolean> {
  const { count } = await db.pendingAction.deleteMany({ where: { id } });
  return count === 1;
}
