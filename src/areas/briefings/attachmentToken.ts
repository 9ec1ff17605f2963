import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * The key of one attachment link: /briefing-files/<token>, token = base64url(payload) "." base64url(HMAC-SHA256).
 * It names the attachment, the member it was made for and an expiry; the route checks again, at every request,
 * that this member may still see the 简报 (a role taken away closes their links).
 */
export const attachmentTokenSchema = z.object({
  /** BriefingAttachment.id */
  a: z.number().int().positive(),
  /** the member the link was given to */
  m: z.number().int().positive(),
  /** expiry, unix seconds */
  e: z.number().int().positive(),
});
export type AttachmentTokenPayload = z.infer<typeof attachmentTokenSchema>;

/** How long a link from /查看简报 or a review answer opens the file. */
export const ATTACHMENT_LINK_DAYS = 7;

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64url');
// A purpose of its own in the MAC: a board token can never pass for an attachment token, nor the reverse.
const mac = (secret: string, body: string) => createHmac('sha256', secret).update(`zhibu-briefing-file.${body}`).digest();

export function signAttachmentToken(secret: string, payload: AttachmentTokenPayload): string {
  const body = b64(JSON.stringify(payload));
  return `${body}.${b64(mac(secret, body))}`;
}

/** The payload of a well-signed token, or null; expiry is checked here, permission by the caller. */
export function readAttachmentToken(secret: string, token: string, now: Date): AttachmentTokenPayload | null {
  const match = /^([A-Za-z0-9_-]{8,200})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const given = Buffer.from(match[2]!, 'base64url');
  const expected = mac(secret, match[1]!);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const parsed = attachmentTokenSchema.safeParse(JSON.parse(Buffer.from(match[1]!, 'base64url').toString('utf8')));
    if (!parsed.success || parsed.data.e * 1000 <= now.getTime()) return null;
    return parsed.data;
  } catch {
    return null;
  }
}
