import { createDecipheriv, createHash, timingSafeEqual } from 'node:crypto';

/**
 * Feishu's request signature: hex sha256 of timestamp + nonce + encryptKey + the raw body bytes.
 * Computed over the bytes as received (never a re-serialised object, which the SDK's own check does).
 */
export function larkSignature(timestamp: string, nonce: string, encryptKey: string, rawBody: Buffer | string): string {
  return createHash('sha256')
    .update(Buffer.from(timestamp + nonce + encryptKey, 'utf8'))
    .update(typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody)
    .digest('hex');
}

/** Constant-time comparison of two strings of any length (a length mismatch is answered in constant time too). */
export function safeEqual(a: string, b: string): boolean {
  const left = createHash('sha256').update(a, 'utf8').digest();
  const right = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(left, right) && a.length === b.length;
}

export function verifyLarkSignature(headers: { timestamp: string; nonce: string; signature: string }, encryptKey: string, rawBody: Buffer): boolean {
  // Both sides are 64 hex digits when the signature is well formed, so a plain constant-time compare will do.
  const expected = Buffer.from(larkSignature(headers.timestamp, headers.nonce, encryptKey, rawBody), 'latin1');
  const got = Buffer.from(headers.signature.toLowerCase(), 'latin1');
  return got.length === expected.length && timingSafeEqual(expected, got);
}

// One app has one Encrypt Key: its AES key is derived once, not on every event.
let lastKey: { encryptKey: string; key: Buffer } | undefined;
function aesKey(encryptKey: string): Buffer {
  if (lastKey?.encryptKey !== encryptKey) lastKey = { encryptKey, key: createHash('sha256').update(encryptKey, 'utf8').digest() };
  return lastKey.key;
}

/** `{"encrypt": base64(iv16 + AES-256-CBC(plain))}` with key sha256(encryptKey): Feishu's encrypted body. */
export function decryptLarkPayload(encrypted: string, encryptKey: string): string {
  const buffer = Buffer.from(encrypted, 'base64');
  if (buffer.length < 32) throw new Error('encrypted payload too short');
  const decipher = createDecipheriv('aes-256-cbc', aesKey(encryptKey), buffer.subarray(0, 16));
  return Buffer.concat([decipher.update(buffer.subarray(16)), decipher.final()]).toString('utf8');
}
