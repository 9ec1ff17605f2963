import type { Logger } from 'pino';
import { z } from 'zod';
import type { FileRef } from '../../src/engine/chat/ChatEvent.ts';
import type { ImageBytes } from '../../src/engine/chat/handleChatEvent.ts';
import { UserError } from '../../src/core/errors/UserError.ts';
import { fetchUntrustedUrl } from '../../src/core/net/fetchUntrustedUrl.ts';
import type { OneBotAnswer, OneBotApiClient } from './OneBotApiClient.ts';
import { tooLargeError } from '../shared/tooLargeError.ts';

export interface FetchOneBotFileOptions {
  maxBytes: number;
  /** Deadline of the download from the address the implementation gave. */
  timeoutMs: number;
  /** Hosts that address may name; whatever the list, only public addresses (fetchUntrustedUrl). */
  allowedHosts: readonly string[];
  allowPrivate?: readonly string[];
  log: Logger;
}

const count = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/).transform(Number)]);
const groupFileUrlSchema = z.object({ url: z.string().optional() });
/** get_file (NapCat, LLOneBot): `file` and often `url` are paths on the implementation's machine; `base64` only when it is configured to give it. */
const fileAnswerSchema = z.object({
  url: z.string().optional(),
  base64: z.string().optional(),
  file_size: count.optional(),
});

const isWebAddress = (url: string | undefined): url is string => url !== undefined && /^https?:\/\//i.test(url);

function refusal(answer: OneBotAnswer): Record<string, unknown> {
  return answer.ok ? {} : { retcode: answer.retcode, why: answer.why };
}

/**
 * The bytes of a QQ group file. Implementations differ: go-cqhttp, NapCat and Lagrange give a download address with
 * get_group_file_url; LLOneBot's is a local path, and without the packet backend NapCat refuses it; then get_file,
 * which gives the bytes as base64 when the implementation is set to (NapCat, LLOneBot: enableLocalFile2Url) or a
 * web address. Addresses go through fetchUntrustedUrl (public addresses only, size limit while reading, deadline);
 * paths on the implementation's machine are never read. A file that is too large or cannot be had is a UserError.
 */
export async function fetchOneBotFile(
  api: Pick<OneBotApiClient, 'answer'>,
  ref: Extract<FileRef, { kind: 'onebot' }>,
  options: FetchOneBotFileOptions,
): Promise<ImageBytes> {
  if (ref.size !== undefined && ref.size > options.maxBytes) throw tooLargeError('file', options.maxBytes, ref.fileName);
  const download = async (url: string): Promise<ImageBytes> => {
    const fetched = await fetchUntrustedUrl(url, {
      maxBytes: options.maxBytes,
      timeoutMs: options.timeoutMs,
      allowedHosts: options.allowedHosts,
      ...(options.allowPrivate ? { allowPrivate: options.allowPrivate } : {}),
      what: '文件',
    });
    const mimeType = fetched.contentType;
    return { bytes: fetched.bytes, fileName: ref.fileName, ...(mimeType && mimeType !== 'application/octet-stream' ? { mimeType } : {}) };
  };

  const byUrl = await api.answer('get_group_file_url', {
    group_id: Number(ref.groupId),
    file_id: ref.fileId,
    ...(ref.busid !== undefined ? { busid: ref.busid } : {}),
  });
  const url = byUrl.ok ? groupFileUrlSchema.safeParse(byUrl.data ?? {}).data?.url : undefined;
  if (isWebAddress(url)) return download(url);

  // NapCat reads `file_id`, LLOneBot `file`: both are sent.
  const got = await api.answer('get_file', { file_id: ref.fileId, file: ref.fileId });
  const file = got.ok ? fileAnswerSchema.safeParse(got.data ?? {}).data : undefined;
  if (file?.file_size !== undefined && file.file_size > options.maxBytes) throw tooLargeError('file', options.maxBytes, ref.fileName);
  if (file?.base64) {
    const base64 = file.base64.replace(/^base64:\/\//, '');
    // Checked on the encoded length first, so an oversized answer is not decoded at all.
    if (Math.floor((base64.length * 3) / 4) > options.maxBytes + 2) throw tooLargeError('file', options.maxBytes, ref.fileName);
    const bytes = Buffer.from(base64, 'base64');
    if (bytes.length > options.maxBytes) throw tooLargeError('file', options.maxBytes, ref.fileName);
    return { bytes, fileName: ref.fileName };
  }
  if (isWebAddress(file?.url)) return download(file.url);

  options.log.warn(
    { getGroupFileUrl: byUrl.ok ? { url: url ? 'not a web address' : 'none' } : refusal(byUrl), getFile: got.ok ? 'no base64, no web address' : refusal(got) },
    'the OneBot implementation gave neither a download address nor the bytes of a group file; for NapCat or LLOneBot turn on enableLocalFile2Url',
  );
  throw new UserError(`没能从 QQ 取到文件「${ref.fileName}」。请稍后重新发送；如果一直不行，请联系系统管理员检查 QQ 机器人的设置。`);
}
