import { UnrecoverableError } from 'bullmq';

/**
 * Feishu ids as Feishu issues them. They go into API paths (/im/v1/messages/{message_id}/resources/{file_key}),
 * so anything else (`om_../../bot/v3/info#`) is refused before it gets near a URL.
 */
const patterns = {
  message: /^om_[A-Za-z0-9_-]{1,128}$/,
  chat: /^oc_[A-Za-z0-9_-]{1,128}$/,
  openId: /^ou_[A-Za-z0-9_-]{1,128}$/,
  fileKey: /^(img|file)_[A-Za-z0-9_-]{1,200}$/,
} as const;

export type LarkIdKind = keyof typeof patterns;

export function isLarkId(kind: LarkIdKind, value: unknown): value is string {
  return typeof value === 'string' && patterns[kind].test(value);
}

/** Never retried: the id will not become valid. */
export class InvalidLarkIdError extends UnrecoverableError {
  override name = 'InvalidLarkIdError';
}

/** Throws before an id that is not one is used in a Feishu API path. */
export function assertLarkId(kind: LarkIdKind, value: string): string {
  if (!isLarkId(kind, value)) throw new InvalidLarkIdError(`not a Feishu ${kind} id: ${JSON.stringify(String(value).slice(0, 40))}`);
  return value;
}
