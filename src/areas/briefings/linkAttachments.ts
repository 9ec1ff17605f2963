import type { Prisma } from '../../core/generated/prisma/client.ts';
import type { Platform } from '../../core/generated/prisma/enums.ts';
import { writeAudit } from '../../core/audit/writeAudit.ts';
import { upsertStoredFile } from '../../core/files/upsertStoredFile.ts';
import type { PreparedAttachment } from './prepareAttachment.ts';

export interface AttachBy {
  uploaderId: number;
  platform: Platform;
  /** The chat message the files came in: the same message handled again (a retried job) adds nothing twice. */
  platformMessageId: string | null;
  at: Date;
  eventKey: string;
}

export type LinkResult =
  | { status: 'added'; attachmentId: number; file: PreparedAttachment }
  /** The 简报 already holds this content (`earlier`; null: twice in this very message): nothing new saved. */
  | {
      status: 'duplicate';
      attachmentId: number;
      file: PreparedAttachment;
      earlier: { fileName: string; uploaderName: string; createdAt: Date } | null;
    };

/**
 * Links checked files to one 简报, inside the caller's transaction: the StoredFile by content hash, then one
 * BriefingAttachment per 简报 and content. A file withdrawn with /撤销 and sent again comes back (audited); the same
 * content twice, in one message or two, is kept once.
 */
export async function linkAttachments(tx: Prisma.TransactionClient, briefingId: number, files: PreparedAttachment[], by: AttachBy): Promise<LinkResult[]> {
  const results: LinkResult[] = [];
  const inThisBatch = new Map<string, LinkResult>();
  for (const file of files) {
    const first = inThisBatch.get(file.sha256);
    if (first) {
      results.push({ status: 'duplicate', attachmentId: first.attachmentId, file, earlier: null });
      continue;
    }
    const stored = await upsertStoredFile(tx, file);
    const existing = await tx.briefingAttachment.findUnique({
      where: { briefingId_fileId: { briefingId, fileId: stored.id } },
      include: { uploader: { select: { name: true } } },
    });
    let result: LinkResult;
    // Who sent it, from where and when: what a new link records, and what a withdrawn one sent again takes on.
    const attached = { uploaderId: by.uploaderId, fileName: file.fileName, platform: by.platform, platformMessageId: by.platformMessageId, createdAt: by.at };
    if (existing && by.platformMessageId && existing.platformMessageId === by.platformMessageId && existing.uploaderId === by.uploaderId) {
      result = { status: 'added', attachmentId: existing.id, file };
    } else if (existing?.revokedAt) {
      await tx.briefingAttachment.update({
        where: { id: existing.id },
        data: { revokedAt: null, ...attached },
      });
      await audit(tx, 'briefing.attachment_restored', existing.id, briefingId, file, by);
      result = { status: 'added', attachmentId: existing.id, file };
    } else if (existing) {
      result = {
        status: 'duplicate',
        attachmentId: existing.id,
        file,
        earlier: { fileName: existing.fileName, uploaderName: existing.uploader.name, createdAt: existing.createdAt },
      };
    } else {
      const created = await tx.briefingAttachment.create({
        data: { briefingId, fileId: stored.id, ...attached },
      });
      await audit(tx, 'briefing.attachment_added', created.id, briefingId, file, by);
      result = { status: 'added', attachmentId: created.id, file };
    }
    inThisBatch.set(file.sha256, result);
    results.push(result);
  }
  return results;
}

function audit(tx: Prisma.TransactionClient, action: string, attachmentId: number, briefingId: number, file: PreparedAttachment, by: AttachBy) {
  return writeAudit(tx, {
    actorId: by.uploaderId,
    action,
    targetType: 'BriefingAttachment',
    targetId: attachmentId,
    platform: by.platform,
    at: by.at,
    detail: { briefingId, sha256: file.sha256, kind: file.kind, eventKey: by.eventKey },
  });
}
