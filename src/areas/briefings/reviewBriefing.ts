import type { Db } from '../../core/db/openDatabase.ts';
import type { Platform } from '../../core/generated/prisma/enums.ts';
import { writeAudit } from '../../core/audit/writeAudit.ts';

export interface ReviewInput {
  briefingId: number;
  decision: 'ADOPTED' | 'RETURNED';
  reviewerId: number;
  reason?: string;
  at: Date;
  platform?: Platform | null;
  /** The chat event deciding: the same event run again (a retry after a crash) is told `reviewed` again. */
  eventKey?: string;
}

/**
 * Adopts or returns a submitted briefing, once: a briefing already reviewed (even by someone clicking at the
 * same moment) is left as it is and reported as `already`.
 */
export async function reviewBriefing(db: Db, input: ReviewInput) {
  return db.$transaction(async (tx) => {
    const changed = await tx.briefing.updateMany({
      where: { id: input.briefingId, status: 'SUBMITTED' },
      data: {
        status: input.decision,
        reviewedById: input.reviewerId,
        reviewedAt: input.at,
        returnReason: input.decision === 'RETURNED' ? (input.reason ?? null) : null,
      },
    });
    const briefing = await tx.briefing.findUniqueOrThrow({
      where: { id: input.briefingId },
      include: { organization: true, author: true, reviewedBy: true },
    });
    if (changed.count === 0) {
      // Reviewed by this very event on an earlier run whose answers were never queued: answer (and notify) again.
      const mine =
        input.eventKey &&
        (await tx.auditLog.findFirst({
          where: {
            targetType: 'Briefing',
            targetId: String(briefing.id),
            action: { in: ['briefing.adopted', 'briefing.returned'] },
            detail: { path: ['eventKey'], equals: input.eventKey },
          },
        }));
      return { outcome: mine ? ('reviewed' as const) : ('already' as const), briefing };
    }
    await writeAudit(tx, {
      actorId: input.reviewerId,
      action: input.decision === 'ADOPTED' ? 'briefing.adopted' : 'briefing.returned',
      targetType: 'Briefing',
      targetId: briefing.id,
      platform: input.platform ?? null,
      detail: {
        kind: briefing.kind,
        organizationId: briefing.organizationId,
        ...(input.reason ? { reason: input.reason } : {}),
        ...(input.eventKey ? { eventKey: input.eventKey } : {}),
      },
    });
    return { outcome: 'reviewed' as const, briefing };
  });
}
