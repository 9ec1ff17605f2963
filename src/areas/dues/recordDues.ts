import type { Db } from '../../core/db/openDatabase.ts';
import type { Platform } from '../../core/generated/prisma/enums.ts';
import { writeAudit } from '../../core/audit/writeAudit.ts';

export interface DuesInput {
  memberId: number;
  organizationId: number;
  year: number;
  months: number[];
  amountCents: number;
  actorId: number;
  platform: Platform;
  at: Date;
}

/**
 * Records one member's dues for the given months. Months already recorded are left as they were and returned
 * in `already`; the new ones and one audit line are written in one transaction.
 */
export async function recordDues(db: Db, input: DuesInput): Promise<{ added: number[]; already: { month: number; amountCents: number }[] }> {
  return db.$transaction(async (tx) => {
    const existing = await tx.duesPayment.findMany({
      where: { memberId: input.memberId, year: input.year, month: { in: input.months } },
      orderBy: { month: 'asc' },
    });
    const taken = new Set(existing.map((e) => e.month));
    const added = input.months.filter((m) => !taken.has(m));
    if (added.length > 0) {
      await tx.duesPayment.createMany({
        data: added.map((month) => ({
          memberId: input.memberId,
          organizationId: input.organizationId,
          year: input.year,
          month,
          amountCents: input.amountCents,
          recordedById: input.actorId,
          createdAt: input.at,
        })),
      });
      await writeAudit(tx, {
        actorId: input.actorId,
        action: 'dues.recorded',
        targetType: 'Member',
        targetId: input.memberId,
        platform: input.platform,
        detail: { year: input.year, months: added, amountCents: input.amountCents },
        at: input.at,
      });
    }
    return { added, already: existing.map((e) => ({ month: e.month, amountCents: e.amountCents })) };
  });
}
