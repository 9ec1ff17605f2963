import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * A link is the key (no accounts): /board/<token>, token = base64url(payload) "." base64url(HMAC-SHA256).
 * The payload names one organisation, an expiry and the organisation tree's board epoch; /看板 重置 raises the
 * epoch, so every older link stops working at once. `p` limits a token to the posters of that organisation.
 */
export const boardPayloadSchema = z.object({
  o: z.number().int().positive(),
  /** expiry, unix seconds */
  e: z.number().int().positive(),
  /** epoch of the top organisation's links */
  v: z.number().int().min(0),
  p: z.enum(['board', 'poster']),
});
export type BoardPayload = z.infer<typeof boardPayloadSchema>;

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64url');

function mac(secret: string, body: string): Buffer {
  return createHmac('sha256', secret).update(`zhibu-board.${body}`).digest();
}

export function signBoardToken(secret: string, payload: BoardPayload): string {
  const body = b64(JSON.stringify(payload));
  return `${body}.${b64(mac(secret, body))}`;
}

/** The payload of a well-signed token, or null (bad shape, bad signature); expiry and epoch are checked by the caller. */
export function readBoardToken(secret: string, token: string): BoardPayload | null {
  const match = /^([A-Za-z0-9_-]{8,400})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const given = Buffer.from(match[2]!, 'base64url');
  const expected = mac(secret, match[1]!);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const parsed = boardPayloadSchema.safeParse(JSON.parse(Buffer.from(match[1]!, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
