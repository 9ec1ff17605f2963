import { describe, expect, it } from 'vitest';
import { closestNames, matchNameWords, namesFromChunks, normaliseName, splitNameChunks } from '../../../src/engine/identity/nameMatching.ts';

const roster = ['李春生', '陈秀英', '赵大勇', '王小燕', '曾伟', '周红', '阿依·买买提'];

describe('names as people write them', () => {
  it('ignores inner spaces (full-width too) and middle dots', () => {
    expect(normaliseName('李 春生')).toBe('李春生');
    expect(normaliseName('曾\u3000伟')).toBe('曾伟');
    expect(normaliseName('@阿依·买买提')).toBe('阿依买买提');
  });

  it.each([
    ['李 春生，陈 秀英', ['李春生', '陈秀英']],
    ['李 春生、陈 秀英等', ['李春生', '陈秀英']],
    ['李春生;陈秀英；赵大勇/王小燕', ['李春生', '陈秀英', '赵大勇', '王小燕']],
    ['李春生,陈秀英等4人', ['李春生', '陈秀英']],
    ['曾 伟 周 红', ['曾伟', '周红']],
    ['@赵大勇 陈秀英 李 春生', ['赵大勇', '陈秀英', '李春生']],
    ['曾　伟，周红等同志', ['曾伟', '周红']],
    ['李春生，李春生', ['李春生']],
  ])('reads 「%s」', (text, expected) => {
    // As a record's 参加人员 is read: chunks as written (parseRecordMessage), then names against the roster (resolveAttendees).
    const chunks = splitNameChunks(text).map((words) => words.join(' '));
    expect(namesFromChunks(chunks, new Set(roster.map(normaliseName)))).toEqual(expected);
  });

  it('joins a lone surname to the next word when it forms no roster name, so the unknown name can be suggested', () => {
    expect(matchNameWords(['李', '春升'], new Set(roster))).toEqual(['李春升']);
    expect(splitNameChunks('李 春升，等')).toEqual([['李', '春升']]);
  });

  it('suggests the closest roster names for an unknown one', () => {
    expect(closestNames('李春升', roster)).toEqual(['李春生']);
    expect(closestNames('陈英秀', roster)).toEqual(['陈秀英']);
    expect(closestNames('赵大永', roster)[0]).toBe('赵大勇');
    expect(closestNames('欧阳修', roster)).toEqual([]);
    expect(closestNames('李春生', roster)).toEqual([]);
  });
});
