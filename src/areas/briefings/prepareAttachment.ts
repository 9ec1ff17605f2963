import { createHash } from 'node:crypto';
import { basename, extname, join } from 'node:path';
import { contentPath, writeOnce } from '../../core/files/writeOnce.ts';
import { readDimensions } from '../../core/files/readDimensions.ts';
import { photoPath } from '../traces/photoStore.ts';
import { stripImageMetadata } from '../traces/stripImageMetadata.ts';
import { detectAttachmentType, type AttachmentKind } from './detectAttachmentType.ts';

export type AttachmentRejection = { reason: 'empty' } | { reason: 'too_large'; sizeBytes: number } | { reason: 'wrong_type'; seen: string | null };

/** A file a 简报 does not take; `fileName` is as it was sent (null for a picture without one). */
export class AttachmentRejectedError extends Error {
  constructor(
    readonly fileName: string | null,
    readonly rejection: AttachmentRejection,
  ) {
    super(`attachment rejected: ${rejection.reason}`);
    this.name = 'AttachmentRejectedError';
  }
}

/** A checked file, written to its place under DATA_DIR, not yet linked to any 简报. */
export interface PreparedAttachment {
  kind: AttachmentKind;
  sha256: string;
  path: string;
  mimeType: string;
  sizeBytes: number;
  width: number | null;
  height: number | null;
  fileName: string;
}

export interface PrepareInput {
  bytes: Buffer;
  /** The name the platform gave; pictures usually have none worth keeping. */
  fileName?: string | null | undefined;
  dataDir: string;
  maxBytes: number;
}

const NAME_MAX = 80;
const KNOWN_EXTENSIONS = /^\.(pdf|docx?|jpe?g|png|gif|webp|heic|heif)$/i;

/**
 * Checks one file (size, then type by content) and writes it once by content hash. A picture loses its GPS
 * position and camera details first, exactly as a 痕迹 photo does, so the same picture is one file whichever way
 * it was kept. The file is on disk before any row names it (see linkAttachments).
 */
export async function prepareAttachment(input: PrepareInput): Promise<PreparedAttachment> {
  const sentName = input.fileName?.trim() || null;
  if (input.bytes.length === 0) throw new AttachmentRejectedError(sentName, { reason: 'empty' });
  if (input.bytes.length > input.maxBytes) throw new AttachmentRejectedError(sentName, { reason: 'too_large', sizeBytes: input.bytes.length });
  const detected = await detectAttachmentType(input.bytes);
  if ('refused' in detected) throw new AttachmentRejectedError(sentName, { reason: 'wrong_type', seen: detected.refused });
  const type = detected.ok;
  const bytes = type.kind === 'image' ? stripImageMetadata(input.bytes, type.ext) : input.bytes;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const path = type.kind === 'image' ? photoPath(sha256, type.ext) : contentPath('documents', sha256, type.ext);
  await writeOnce(join(input.dataDir, path), bytes);
  const dimensions = type.kind === 'image' ? readDimensions(bytes) : null;
  return {
    kind: type.kind,
    sha256,
    path,
    mimeType: type.mime,
    sizeBytes: bytes.length,
    width: dimensions?.width ?? null,
    height: dimensions?.height ?? null,
    fileName: attachmentName(sentName, type.kind, type.ext),
  };
}

/**
 * The name shown and served: the sent one without any folder part or control characters, at most NAME_MAX
 * characters, its extension made to match the content (a PDF sent as 报告.doc is kept as 报告.pdf).
 */
export function attachmentName(sent: string | null, kind: AttachmentKind, ext: string): string {
  const cleaned = basename((sent ?? '').replace(/\\/g, '/'))
    // eslint-disable-next-line no-control-regex -- control characters are exactly what a file name must not keep
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .trim();
  const given = extname(cleaned);
  let stem = KNOWN_EXTENSIONS.test(given) ? cleaned.slice(0, -given.length) : cleaned;
  if (!stem || stem.startsWith('.')) stem = kind === 'image' ? '图片' : '附件';
  const sameExt = given.toLowerCase() === `.${ext}` || (ext === 'jpg' && given.toLowerCase() === '.jpeg');
  const suffix = sameExt ? given : `.${ext}`;
  return [...stem].slice(0, NAME_MAX).join('') + suffix;
}
