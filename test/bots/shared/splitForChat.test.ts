import { describe, expect, it } from 'vitest';
import { splitForChat } from '../../../bots/shared/splitForChat.ts';

describe('splitForChat', () => {
  it('leaves a short text alone', () => {
    expect(splitForChat('【帮助】\n/我的', 100)).toEqual(['【帮助】\n/我的']);
  });

  it('cuts at line breaks, never over the limit, losing nothing', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `第${i + 1}行：东湾村党支部 主题党日 已记录`);
    const text = lines.join('\n');
    const pieces = splitForChat(text, 60);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(60);
    expect(pieces.join('\n')).toBe(text);
  });

  it('cuts a single over-long line into pieces', () => {
    const pieces = splitForChat('甲'.repeat(25), 10);
    expect(pieces).toEqual(['甲'.repeat(10), '甲'.repeat(10), '甲'.repeat(5)]);
  });
});
