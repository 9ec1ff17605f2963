import { describe, expect, it } from 'vitest';
import { readAttachmentToken, signAttachmentToken } from '../../../src/areas/briefings/attachmentToken.ts';
import { signBoardToken } from '../../../src/areas/board/boardToken.ts';

const SECRET = 'x'.repeat(40);
const now = new Date('2026-12-08T02:00:00Z');
const later = Math.floor(now.getTime() / 1000) + 600;

describe('attachment tokens', () => {
  it('reads back what was signed, until it expires', () => {
    const token = signAttachmentToken(SECRET, { a: 7, m: 3, e: later });
    expect(readAttachmentToken(SECRET, token, now)).toEqual({ a: 7, m: 3, e: later });
    expect(readAttachmentToken(SECRET, token, new Date(later * 1000))).toBeNull();
  });

  it('refuses another key, an edited payload and a board token', () => {
    const token = signAttachmentToken(SECRET, { a: 7, m: 3, e: later });
    expect(readAttachmentToken('y'.repeat(40), token, now)).toBeNull();
    const [, mac] = token.split('.');
    const edited = `${Buffer.from(JSON.stringify({ a: 7, m: 4, e: later })).toString('base64url')}.${mac}`;
    expect(readAttachmentToken(SECRET, edited, now)).toBeNull();
    expect(readAttachmentToken(SECRET, signBoardToken(SECRET, { o: 7, e: later, v: 0, p: 'board' }), now)).toBeNull();
    expect(readAttachmentToken(SECRET, 'not-a-token', now)).toBeNull();
  });
});
