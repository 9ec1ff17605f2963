import type { Db } from '../../core/db/openDatabase.ts';
import type { Platform } from '../../core/generated/prisma/enums.ts';

/**
 * Records a platform event on first sight and returns its row either way, in one statement (Prisma's upsert
 * took a transaction of five). `processedAt` set means the event was already handled.
 */
export async function recordInboundEvent(db: Db, platform: Platform, eventId: string): Promise<{ id: number; processedAt: Date | null }> {
  const rows = await db.$queryRaw<{ id: number; processedAt: Date | null }[]>`
    INSERT INTO "InboundEvent" (platform, "eventId", "receivedAt") VALUES (${platform}::"Platform", ${eventId}, ${new Date().toISOString()}::timestamp)
    ON CONFLICT (platform, "eventId") DO UPDATE SET platform = EXCLUDED.platform
    RETURNING id, "processedAt"`;
  const row = rows[0];
  if (!row) throw new Error(`InboundEvent ${platform}:${eventId} was neither inserted nor found`);
  return { id: Number(row.id), processedAt: row.processedAt };
}
