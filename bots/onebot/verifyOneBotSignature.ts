import { createHmac, timingSafeEqual } from 'node:crypto';

/** Checks `X-Signature: sha1=<hex HMAC-SHA1(secret, raw body)>` in constant time. */
export function verifyOneBotSignature(secret: string, rawBody: Buffer, header: string | undefined): boolean {
  if (!header) return false;
  const match = /^sha1=([0-9a-fA-F]{40})$/.exec(header.trim());
  if (!match) return false;
  const expected = createHmac('sha1', secret).update(rawBody).digest();
  const given = Buffer.from(match[1]!, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
