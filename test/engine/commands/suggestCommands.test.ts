import { describe, expect, it } from 'vitest';
import { buildRegistry } from '../../../src/app/buildRegistry.ts';
import { suggestCommands, suggestionLine } from '../../../src/engine/commands/suggestCommands.ts';

const registry = buildRegistry();
const names = (text: string) => suggestCommands(registry.list(), text).map((c) => c.name);

describe('suggestCommands: plain questions to the bot', () => {
  it.each([
    ['我的积分是多少？', '积分'],
    ['积分榜在哪里看', '积分榜'],
    ['我们支部这个月三会一课开了几次', '进度'],
    ['怎么登记会议', '会议记录'],
    ['照片发哪里', '痕迹'],
    ['怎么导出台账表格', '导出'],
    ['我是几星党员', '星级'],
    ['有什么任务要交', '任务'],
    ['怎么用', '帮助'],
    ['ＥＸＣＥＬ怎么下载', '导出'],
  ])('「%s」 → /%s first', (text, expected) => {
    expect(names(text)[0]).toBe(expected);
  });

  it('says what to send, in the words of the example', () => {
    const [points] = suggestCommands(registry.list(), '我的积分是多少？');
    expect(suggestionLine(points!)).toBe('查看自己的积分请发送 /积分（写法：/积分 [@某人] [年份]）');
  });

  it('suggests nothing for chat that names no command', () => {
    expect(names('今天天气不错')).toEqual([]);
    expect(names('？？')).toEqual([]);
  });

  it('every command a member can ask for has keywords and a suggestion phrase', () => {
    const bare = registry.list().filter((c) => !c.keywords?.length && !['确认', '取消', '另存', '采用', '退回'].includes(c.name));
    expect(bare.map((c) => c.name)).toEqual([]);
  });
});
