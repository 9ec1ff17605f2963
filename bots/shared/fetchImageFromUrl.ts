import type { ImageBytes } from '../../src/engine/chat/handleChatEvent.ts';
import { UserError } from '../../src/core/errors/UserError.ts';

export interface FetchImageOptions {
  maxBytes: number;
  timeoutMs: number;
  fileName?: string;
}

/** Downloads a picture a platform gave a URL for, with a timeout and a size limit (checked while reading). */
export async function fetchImageFromUrl(url: string, options: FetchImageOptions): Promise<ImageBytes> {
  if (!/^https?:\/\//i.test(url)) throw new Error('picture URL must be http(s)');
  const response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs), redirect: 'follow' });
  if (!response.ok || !response.body) {
    const error = new Error(`picture download failed: HTTP ${response.status}`);
    // A picture that is gone will not come back; a server error may.
    if (response.status === 404 || response.status === 410) throw new UserError('这张图片已过期，无法下载，请重新发送。');
    throw error;
  }
  const tooLarge = () => new UserError(`图片超过 ${Math.floor(options.maxBytes / 1024 / 1024)} MB，无法保存，请压缩后重新发送。`);
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > options.maxBytes) {
    await response.body.cancel().catch(() => undefined);
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > options.maxBytes) throw tooLarge();
    chunks.push(Buffer.from(chunk));
  }
  const mimeType = response.headers.get('content-type')?.split(';')[0]?.trim();
  return {
    bytes: Buffer.concat(chunks),
    ...(options.fileName ? { fileName: options.fileName } : {}),
    ...(mimeType && mimeType.startsWith('image/') ? { mimeType } : {}),
  };
}
