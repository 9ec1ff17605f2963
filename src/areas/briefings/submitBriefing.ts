import type { Db } from '../../core/db/openDatabase.ts';
import type { BriefingKind, Platform } from '../../core/generated/prisma/enums.ts';
import { isUniqueViolation } from '../../core/util/isUniqueViolation.ts';
import { writeAudit } from '../../core/audit/writeAudit.ts';
import { linkAttachments, type AttachBy } from './linkAttachments.ts';
import type { PreparedAttachment } from './prepareAttachment.ts';

export interface SubmitBriefingInput {
  organizationId: number;
  kind: BriefingKind;
  year: number;
  title: string;
  body: string;
  authorId: number;
  activityId?: number | null;
  sourcePlatform?: Platform | null;
  sourceChatId?: string | null;
  /** Makes a retried event return the briefing it already created instead of a second one. */
  idempotencyKey: string;
  /** When it was filed (the injected clock); the database's own time otherwise. */
  at?: Date;
  /** Pictures and files sent with the command, already checked and on disk: linked in the same transaction. */
  attachments?: { files: PreparedAttachment[]; by: AttachBy };
}

const MAX_ATTEMPTS = 8;

/**
 * Files a briefing or reflection with the next number of its organisation, kind and year. Two authors
 * submitting at once may compute the same number: the unique index rejects the second insert, and the
 * whole transaction is retried with a fresh number.
 */
export async function submitBriefing(db: Db, input: SubmitBriefingInput) {
  const earlier = await findByIdempotencyKey(db, input.idempotencyKey);
  if (earlier) return { briefing: earlier, created: false };
  for (let attempt = 1; ; attempt++) {
    try {
      const briefing = await db.$transaction(async (tx) => {
        const last = await tx.briefing.aggregate({
          where: { organizationId: input.organizationId, kind: input.kind, year: input.year },
          _max: { seq: true },
        });
        const created = await tx.briefing.create({
          data: {
            organizationId: input.organizationId,
            kind: input.kind,
            year: input.year,
            seq: (last._max.seq ?? 0) + 1,
            title: input.title,
            body: input.body,
            authorId: input.authorId,
            activityId: input.activityId ?? null,
            sourcePlatform: input.sourcePlatform ?? null,
            sourceChatId: input.sourceChatId ?? null,
            ...(input.at ? { createdAt: input.at } : {}),
          },
          include: { organization: true, author: true },
        });
        await writeAudit(tx, {
          actorId: input.authorId,
          action: 'briefing.submitted',
          targetType: 'Briefing',
          targetId: created.id,
          platform: input.sourcePlatform ?? null,
          detail: { idempotencyKey: input.idempotencyKey, kind: input.kind, seq: created.seq, organizationId: input.organizationId },
        });
        if (input.attachments) await linkAttachments(tx, created.id, input.attachments.files, input.attachments.by);
        return created;
      });
      return { briefing, created: true };
    } catch (error) {
      if (attempt < MAX_ATTEMPTS && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

/** The briefing an event filed, if it filed one (a retried event finds what its first run saved). */
export async function findByIdempotencyKey(db: Db, key: string) {
  const audit = await db.auditLog.findFirst({
    where: { action: 'briefing.submitted', targetType: 'Briefing', detail: { path: ['idempotencyKey'], equals: key } },
  });
  if (!audit?.targetId) return null;
  return db.briefing.findUnique({ where: { id: Number(audit.targetId) }, include: { organization: true, author: true } });
}
