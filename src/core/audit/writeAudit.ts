import type { Prisma } from '../generated/prisma/client.ts';
import type { Platform } from '../generated/prisma/enums.ts';

type AuditWriter = { auditLog: { create(args: { data: Prisma.AuditLogUncheckedCreateInput }): Promise<unknown> } };

export interface AuditEntry {
  actorId?: number | null;
  action: string;
  targetType: string;
  targetId?: string | number | null;
  platform?: Platform | null;
  detail?: Prisma.InputJsonValue;
  /** When it happened, from the injected clock; the database's now() otherwise. */
  at?: Date;
}

/** Who did what to what, when and why. Never put a full phone number in `detail`. */
export async function writeAudit(db: AuditWriter, entry: AuditEntry): Promise<void> {
  await db.auditLog.create({
    data: {
      actorId: entry.actorId ?? null,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId === undefined || entry.targetId === null ? null : String(entry.targetId),
      platform: entry.platform ?? null,
      ...(entry.detail === undefined ? {} : { detail: entry.detail }),
      ...(entry.at ? { createdAt: entry.at } : {}),
    },
  });
}
