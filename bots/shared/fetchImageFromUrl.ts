import type { ImageBytes } from '../../src/engine/chat/handleChatEvent.ts';
import { fetchUntrustedUrl } from '../../src/core/net/fetchUntrustedUrl.ts';

export interface FetchImageOptions {
  maxBytes: number;
  timeoutMs: number;
  /** Hosts pictures may come from (a name allows its subdomains; `*` any public host). */
  allowedHosts: readonly string[];
  /** Non-public addresses let through (tests and local fakes only; empty = none). */
  allowPrivate?: readonly string[];
  fileName?: string;
}

/**
 * Downloads a picture a platform gave a URL for: only from allowed hosts on public addresses, redirects checked
 * one by one, with a deadline and a size limit checked while reading (fetchUntrustedUrl). A refused or failed
 * download throws FetchRefusedError, a UserError: the chat is told why and the job is not retried.
 */
export async function fetchImageFromUrl(url: string, options: FetchImageOptions): Promise<ImageBytes> {
  const fetched = await fetchUntrustedUrl(url, {
    maxBytes: options.maxBytes,
    timeoutMs: options.timeoutMs,
    allowedHosts: options.allowedHosts,
    ...(options.allowPrivate ? { allowPrivate: options.allowPrivate } : {}),
    what: '图片',
  });
  const mimeType = fetched.contentType;
  return {
    bytes: fetched.bytes,
    ...(options.fileName ? { fileName: options.fileName } : {}),
    ...(mimeType && mimeType.startsWith('image/') ? { mimeType } : {}),
  };
}
