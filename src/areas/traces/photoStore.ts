import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Db } from '../../core/db/openDatabase.ts';
import type { Platform } from '../../core/generated/prisma/enums.ts';
import { writeAudit } from '../../core/audit/writeAudit.ts';
import { detectImageType } from './detectImageType.ts';
import { stripImageMetadata } from './stripImageMetadata.ts';
import { isUniqueViolation } from '../../core/util/isUniqueViolation.ts';
import { contentPath, writeOnce } from '../../core/files/writeOnce.ts';
import { readDimensions } from '../../core/files/readDimensions.ts';
import { upsertStoredFile } from '../../core/files/upsertStoredFile.ts';

export type PhotoRejection = 'empty' | 'too_large' | 'not_image';

export class PhotoRejectedError extends Error {
  constructor(
    readonly reason: PhotoRejection,
    readonly sizeBytes: number,
  ) {
    super(`photo rejected: ${reason}`);
    this.name = 'PhotoRejectedError';
  }
}

export interface SavePhotoInput {
  dataDir: string;
  maxBytes: number;
  bytes: Buffer;
  organizationId: number;
  uploaderId: number;
  groupId?: number | null;
  activityId?: number | null;
  caption?: string | null;
  platform: Platform;
  platformMessageId?: string | null;
  takenOn?: Date;
}

export type SavePhotoResult =
  | { status: 'stored'; photoId: number; fileId: number; sha256: string; newFile: boolean }
  /** This organisation already holds the same picture: nothing new saved. */
  | { status: 'duplicate'; photoId: number; fileId: number; sha256: string; earlier: { uploaderName: string; createdAt: Date; activityId: number | null } };

/** Where a picture lives under DATA_DIR: photos/<first 2 hex of sha256>/<sha256>.<ext>. */
export function photoPath(sha256: string, ext: string): string {
  return contentPath('photos', sha256, ext);
}

/**
 * The one store for 痕迹 pictures, whatever platform they came from (adapters hand over the bytes).
 * Checks size and type (by magic bytes), keeps each distinct picture once by content hash, and links it to
 * an organisation once. The file is written to a temporary name and renamed into place before any row is
 * created; the rows are created in one transaction. A crash in between leaves at worst an orphan file.
 */
export async function savePhoto(db: Db, input: SavePhotoInput): Promise<SavePhotoResult> {
  if (input.bytes.length === 0) throw new PhotoRejectedError('empty', 0);
  if (input.bytes.length > input.maxBytes) throw new PhotoRejectedError('too_large', input.bytes.length);
  const type = await detectImageType(input.bytes);
  if (!type) throw new PhotoRejectedError('not_image', input.bytes.length);
  // No GPS position or camera details are kept; the hash is of what is stored, so the same picture sent again
  // (with or without its metadata) is still recognised.
  const bytes = stripImageMetadata(input.bytes, type.ext);
  const size = bytes.length;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const dimensions = readDimensions(bytes);
  const relativePath = photoPath(sha256, type.ext);
  const newFile = await writeOnce(join(input.dataDir, relativePath), bytes);

  // Who sent it, from where, linked to what: what a new row records, and what a withdrawn one sent again takes on.
  const sent = {
    uploaderId: input.uploaderId,
    groupId: input.groupId ?? null,
    activityId: input.activityId ?? null,
    caption: input.caption ?? null,
    platform: input.platform,
    platformMessageId: input.platformMessageId ?? null,
  };
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        const audit = (photoId: number, action: string) =>
          writeAudit(tx, {
            actorId: input.uploaderId,
            action,
            targetType: 'TracePhoto',
            targetId: photoId,
            platform: input.platform,
            detail: { organizationId: input.organizationId, sha256, activityId: input.activityId ?? null },
          });
        const file = await upsertStoredFile(tx, {
          sha256,
          path: relativePath,
          mimeType: type.mime,
          sizeBytes: size,
          width: dimensions?.width ?? null,
          height: dimensions?.height ?? null,
        });
        const existing = await tx.tracePhoto.findUnique({
          where: { organizationId_fileId: { organizationId: input.organizationId, fileId: file.id } },
          include: { uploader: true },
        });
        if (existing && input.platformMessageId && existing.platformMessageId === input.platformMessageId && existing.uploaderId === input.uploaderId) {
          // The same chat message handled again (a retried job): report what it stored the first time.
          return { status: 'stored' as const, photoId: existing.id, fileId: file.id, sha256, newFile: false };
        }
        if (existing?.revokedAt) {
          // A withdrawn picture sent again is meant to count again: the kept row comes back with this upload's details.
          const photo = await tx.tracePhoto.update({
            where: { id: existing.id },
            data: { revokedAt: null, ...sent },
          });
          await audit(photo.id, 'trace.photo_restored');
          return { status: 'stored' as const, photoId: photo.id, fileId: file.id, sha256, newFile };
        }
        if (existing) {
          return {
            status: 'duplicate' as const,
            photoId: existing.id,
            fileId: file.id,
            sha256,
            earlier: { uploaderName: existing.uploader.name, createdAt: existing.createdAt, activityId: existing.activityId },
          };
        }
        const photo = await tx.tracePhoto.create({
          data: {
            fileId: file.id,
            organizationId: input.organizationId,
            ...sent,
            ...(input.takenOn ? { takenOn: input.takenOn, createdAt: input.takenOn } : {}),
          },
        });
        await audit(photo.id, 'trace.photo_stored');
        return { status: 'stored' as const, photoId: photo.id, fileId: file.id, sha256, newFile };
      });
    } catch (error) {
      // Two uploads of the same picture at the same moment: the loser sees the winner's rows on retry.
      if (attempt < 3 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}
