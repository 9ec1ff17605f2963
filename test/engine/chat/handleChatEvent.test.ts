import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoConversation, type DemoConversation } from '../../support/demoConversation.ts';

describe('how the engine reads a message', () => {
  let chat: DemoConversation;
  beforeAll(async () => {
    chat = await startDemoConversation();
  });
  afterAll(async () => {
    await chat?.stop();
  });

  it('answers an unknown command in Chinese, naming it and pointing at /帮助', async () => {
    const [reply] = await chat.sayText('sb-group-dongwan', 'sb-dw-member', '/开会吧');
    expect(reply).toContain('没有「开会吧」这个指令');
    expect(reply).toContain('发送 /帮助 查看你可以使用的指令');
  });

  it('answers a plain question to the bot with the most likely command, among those the sender may use', async () => {
    const [points] = await chat.sayText('sb-group-dongwan', 'sb-dw-member', '@支部助手 我的积分是多少？');
    expect(points).toContain('查看自己的积分请发送 /积分');
    expect(points).not.toContain('没有「');
    const [typed] = await chat.sayText('sb-group-dongwan', 'sb-dw-member', '/我的积分');
    expect(typed).toContain('没有「我的积分」这个指令');
    expect(typed).toContain('查看自己的积分请发送 /积分');
    // A member cannot record meetings: 「开会」 suggests nothing they may not use.
    const [meeting] = await chat.sayText('sb-group-dongwan', 'sb-dw-member', '@支部助手 怎么登记开会');
    expect(meeting).not.toContain('/会议记录');
    expect(meeting).toContain('发送 /帮助 查看你可以使用的指令');
    const [secretary] = await chat.sayText('sb-group-dongwan', 'sb-dw-secretary', '@支部助手 怎么登记开会');
    expect(secretary).toContain('登记会议和活动请发送 /会议记录');
    expect(await chat.say('sb-group-dongwan', 'sb-dw-member', '我的积分是多少？')).toEqual([]);
  });

  it('keeps quiet on ordinary chat without a slash', async () => {
    expect(await chat.say('sb-group-dongwan', 'sb-dw-member', '大家晚上好')).toEqual([]);
  });

  it('accepts the command without a slash, with a full-width slash, and by alias', async () => {
    for (const text of ['帮助', '／帮助', '/help', '/菜单']) {
      const [reply] = await chat.sayText('sb-group-dongwan', 'sb-dw-member', text);
      expect(reply, text).toContain('支部助手 · 指令帮助');
    }
  });

  it('names a missing argument and shows the right form', async () => {
    const [reply] = await chat.sayText('sb-group-dongwan', 'guest-1', '/绑定 赵大勇');
    expect(reply).toContain('缺少「手机后四位」');
    expect(reply).toContain('正确写法：/绑定 <姓名> <手机后四位>');
  });

  it('names a malformed argument and what it should be', async () => {
    const [reply] = await chat.sayText('sb-group-dongwan', 'guest-1', '/绑定 赵大勇 12ab');
    expect(reply).toContain('「手机后四位」应是 4 位数字，收到的是「12ab」');
    expect(reply).toContain('正确写法：/绑定 <姓名> <手机后四位>');
  });

  it('names extra words it did not expect', async () => {
    const [reply] = await chat.sayText('sb-group-dongwan', 'sb-dw-member', '/我的 还有别的');
    expect(reply).toContain('多出了内容「还有别的」');
    expect(reply).toContain('正确写法：/我的');
  });

  it('reads full-width digits typed on a Chinese keyboard', async () => {
    const member = await chat.database.prisma.member.findFirstOrThrow({ where: { name: '赵大勇' } });
    const fullWidth = member.phoneLast4!.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    const [reply] = await chat.sayText('sb-group-dongwan', 'guest-fw', `/绑定　赵大勇　${fullWidth}`);
    expect(reply).toContain('绑定成功');
  });

  it('explains /帮助 for one command with its form and who may use it', async () => {
    const [reply] = await chat.sayText('sb-group-dongwan', 'sb-dw-member', '/帮助 绑定群');
    expect(reply).toContain('写法：/绑定群 <组织名> [支部群|联络员群|领导小组群]');
    expect(reply).toContain('谁可以用：组织办');
    const [unknown] = await chat.sayText('sb-group-dongwan', 'sb-dw-member', '/帮助 飞行');
    expect(unknown).toContain('没有「飞行」这个指令');
  });
});
