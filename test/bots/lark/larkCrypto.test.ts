import { describe, expect, it } from 'vitest';
import { AESCipher } from '@larksuiteoapi/node-sdk';
import { createHash } from 'node:crypto';
import { decryptLarkPayload, larkSignature, verifyLarkSignature } from '../../../bots/lark/larkCrypto.ts';
import { encryptLarkPayload } from '../../support/platformSigning.ts';

describe('larkCrypto', () => {
  it('encrypts so that the SDK’s own AESCipher decrypts it, and decrypts what it encrypts', () => {
    const plain = JSON.stringify({ challenge: '挑战', type: 'url_verification' });
    const encrypted = encryptLarkPayload(plain, 'key-1');
    expect(new AESCipher('key-1').decrypt(encrypted)).toBe(plain);
    expect(decryptLarkPayload(encrypted, 'key-1')).toBe(plain);
    expect(() => decryptLarkPayload(encrypted, 'key-2')).toThrow();
  });

  it('signs timestamp + nonce + key + raw body with sha256 and verifies in constant time', () => {
    const body = Buffer.from('{"encrypt":"abc"}');
    const expected = createHash('sha256')
      .update('1700000000' + 'nonce' + 'key' + body.toString())
      .digest('hex');
    expect(larkSignature('1700000000', 'nonce', 'key', body)).toBe(expected);
    expect(verifyLarkSignature({ timestamp: '1700000000', nonce: 'nonce', signature: expected }, 'key', body)).toBe(true);
    expect(verifyLarkSignature({ timestamp: '1700000001', nonce: 'nonce', signature: expected }, 'key', body)).toBe(false);
    expect(verifyLarkSignature({ timestamp: '1700000000', nonce: 'nonce', signature: 'short' }, 'key', body)).toBe(false);
  });
});
