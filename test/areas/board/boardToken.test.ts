import { describe, expect, it } from 'vitest';
import { readBoardToken, signBoardToken } from '../../../src/areas/board/boardToken.ts';

const SECRET = 'a-secret-of-more-than-thirty-two-characters';
const payload = { o: 12, e: 1_800_000_000, v: 3, p: 'board' as const };

describe('board tokens', () => {
  it('read back what was signed', () => {
    expect(readBoardToken(SECRET, signBoardToken(SECRET, payload))).toEqual(payload);
  });

  it('refuse a changed payload, a changed signature, another secret and junk', () => {
    const token = signBoardToken(SECRET, payload);
    const [body, sig] = token.split('.') as [string, string];
    const otherBody = Buffer.from(JSON.stringify({ ...payload, o: 13 })).toString('base64url');
    expect(readBoardToken(SECRET, `${otherBody}.${sig}`)).toBeNull();
    expect(readBoardToken(SECRET, `${body}.${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`)).toBeNull();
    expect(readBoardToken(`${SECRET}x`, token)).toBeNull();
    expect(readBoardToken(SECRET, 'not-a-token')).toBeNull();
    expect(readBoardToken(SECRET, `${body}.`)).toBeNull();
  });
});
