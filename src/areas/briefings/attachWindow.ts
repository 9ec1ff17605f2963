import type { Db } from '../../core/db/openDatabase.ts';
import type { Platform } from '../../core/generated/prisma/enums.ts';

export interface WindowKey {
  platform: Platform;
  chatId: string;
  memberId: number;
}

/** A 简报 still takes attachments while it is waiting for review or adopted; a returned one is filed again instead. */
export const ATTACHABLE_STATUSES = ['SUBMITTED', 'ADOPTED'] as const;

/** From now on, for `minutes`, this member's pictures and files in this chat go to the 简报; an earlier window of theirs there ends. */
export async function openAttachWindow(db: Db, key: WindowKey, briefingId: number, now: Date, minutes: number): Promise<Date> {
  const expiresAt = new Date(now.getTime() + minutes * 60_000);
  await db.$transaction([
    db.briefingAttachWindow.deleteMany({ where: key }),
    db.briefingAttachWindow.create({ data: { ...key, briefingId, openedAt: now, expiresAt } }),
  ]);
  return expiresAt;
}

/** The member's open window in this chat, if its 简报 still takes attachments (expired ones are cleared). */
export async function currentAttachWindow(db: Db, key: WindowKey, now: Date) {
  await db.briefingAttachWindow.deleteMany({ where: { ...key, expiresAt: { lte: now } } });
  return db.briefingAttachWindow.findFirst({
    where: { ...key, openedAt: { lte: now }, briefing: { status: { in: [...ATTACHABLE_STATUSES] } } },
    orderBy: [{ openedAt: 'desc' }, { id: 'desc' }],
  });
}

/** /简报 附件 结束: the member's next pictures in this chat are 痕迹 photos again. */
export async function closeAttachWindow(db: Db, key: WindowKey): Promise<number> {
  return (await db.briefingAttachWindow.deleteMany({ where: key })).count;
}
