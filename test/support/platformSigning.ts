import { createCipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

// The platforms' side of the webhook checks, for the fakes and the tests: what Feishu and a OneBot
// implementation do to a body before it reaches the adapters' verifiers (bots/lark/larkCrypto.ts,
// bots/onebot/verifyOneBotSignature.ts).

/** Feishu's encrypted body: base64(iv16 + AES-256-CBC(plain)) with key sha256(encryptKey). */
export function encryptLarkPayload(plain: string, encryptKey: string, iv: Buffer = randomBytes(16)): string {
  const key = createHash('sha256').update(encryptKey, 'utf8').digest();
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  return Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
}

/** OneBot's `X-Signature` header: sha1=<hex HMAC-SHA1(secret, raw body)>. */
export function signOneBotBody(secret: string, rawBody: Buffer | string): string {
  return `sha1=${createHmac('sha1', secret).update(rawBody).digest('hex')}`;
}
