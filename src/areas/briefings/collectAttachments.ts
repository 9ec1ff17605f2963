import type { CommandContext } from '../../engine/commands/types.ts';
import { UserError } from '../../core/errors/UserError.ts';
import { AttachmentRejectedError, prepareAttachment, type PreparedAttachment } from './prepareAttachment.ts';

export interface Collected {
  prepared: PreparedAttachment[];
  rejected: AttachmentRejectedError[];
  /** Downloads refused or failed for good (the platform's own words: expired, too large to fetch). */
  failed: string[];
  /** Pictures and files the message carried. */
  total: number;
}

/** The message's pictures and files, each fetched through the platform adapter, checked and written once by content. */
export async function collectAttachments(ctx: CommandContext): Promise<Collected> {
  const images = ctx.event.images;
  const files = ctx.event.files ?? [];
  const out: Collected = { prepared: [], rejected: [], failed: [], total: images.length + files.length };
  const options = { dataDir: ctx.config.DATA_DIR, maxBytes: ctx.config.PHOTO_MAX_BYTES };
  for (let i = 0; i < images.length; i++) {
    // A picture's platform name (a Feishu image key, IMG_2231) says nothing: it is kept as 图片.<ext>.
    await take(out, () => ctx.fetchImage(i), null, options);
  }
  for (let i = 0; i < files.length; i++) {
    const fetchFile = ctx.fetchFile;
    if (!fetchFile) {
      out.failed.push('这个平台暂时不能接收文件');
      continue;
    }
    await take(out, () => fetchFile(i), files[i]!.fileName, options);
  }
  return out;
}

async function take(
  out: Collected,
  fetch: () => Promise<{ bytes: Buffer }>,
  /** The name the sender saw (FileRef.fileName); null for a picture. */
  fileName: string | null,
  options: { dataDir: string; maxBytes: number },
): Promise<void> {
  let got;
  try {
    got = await fetch();
  } catch (error) {
    // Told in the answer with the others; anything else (the platform down) retries the job.
    if (!(error instanceof UserError)) throw error;
    out.failed.push(error.message.replace(/[。.]$/u, ''));
    return;
  }
  try {
    out.prepared.push(await prepareAttachment({ bytes: got.bytes, fileName, ...options }));
  } catch (error) {
    if (!(error instanceof AttachmentRejectedError)) throw error;
    out.rejected.push(error);
  }
}
