import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineCommand } from '../../../src/engine/commands/defineCommand.ts';
import { startDemoConversation, type DemoConversation } from '../../support/demoConversation.ts';

// Commands used only here, so the role check is tested on its own, whatever the areas' commands become.
const secretaryOnly = defineCommand({
  name: '书记专用',
  summary: '只有本组织（或上级）的书记可以用',
  usage: '/书记专用',
  roles: ['SECRETARY'],
  where: 'boundGroup',
  args: [] as const,
  run: async () => ({ kind: 'test', title: '书记指令已执行', tone: 'success' }),
});
const assessorOnly = defineCommand({
  name: '考核专用',
  summary: '只有考核小组可以用',
  usage: '/考核专用',
  roles: ['ASSESSOR'],
  args: [] as const,
  run: async () => ({ kind: 'test', title: '考核指令已执行', tone: 'success' }),
});

describe('the role check', () => {
  let chat: DemoConversation;
  beforeAll(async () => {
    chat = await startDemoConversation({ extraCommands: [secretaryOnly, assessorOnly] });
  });
  afterAll(async () => {
    await chat?.stop();
  });

  it('refuses an ADMIN command to a member, saying who may use it, and changes nothing', async () => {
    const [reply] = await chat.sayText('sb-group-new', 'sb-dw-member', '/绑定群 东湾村党支部');
    expect(reply).toContain('没能办理');
    expect(reply).toContain('「/绑定群」只有组织办可以使用');
    const group = await chat.database.prisma.chatGroup.findFirstOrThrow({ where: { chatId: 'sb-group-new' } });
    expect(group.organizationId).toBeNull();
  });

  it('lets a branch secretary act in their own branch group', async () => {
    const [reply] = await chat.sayText('sb-group-dongwan', 'sb-dw-secretary', '/书记专用');
    expect(reply).toContain('书记指令已执行');
  });

  it('refuses the secretary of another branch', async () => {
    const [inOther] = await chat.sayText('sb-group-jixie', 'sb-dw-secretary', '/书记专用');
    expect(inOther).toContain('「/书记专用」只有书记可以使用，你在这里没有这个权限');
    expect(inOther).toContain('你是东湾村党支部的书记，这个群属于青禾精密机械有限公司党支部：请到东湾村党支部的工作群里发送。');
    const [otherWay] = await chat.sayText('sb-group-dongwan', 'sb-jx-secretary', '/书记专用');
    expect(otherWay).toContain('没有这个权限');
  });

  it('lets the secretary of a higher organisation act in a branch below it', async () => {
    // 周建国 is 书记 of 青禾镇党委, the parent of 东湾村党支部.
    const [reply] = await chat.sayText('sb-group-dongwan', 'sb-leader', '/书记专用');
    expect(reply).toContain('书记指令已执行');
  });

  it('refuses an ordinary member even in their own branch', async () => {
    const [reply] = await chat.sayText('sb-group-dongwan', 'sb-dw-member', '/书记专用');
    expect(reply).toContain('没有这个权限');
    expect(reply).not.toContain('请到');
  });

  it('lets global roles (组织办, 考核小组) act in any group, bound or not', async () => {
    for (const group of ['sb-group-dongwan', 'sb-group-jixie', 'sb-group-liaison']) {
      const [reply] = await chat.sayText(group, 'sb-assessor', '/考核专用');
      expect(reply, group).toContain('考核指令已执行');
    }
    const [bound] = await chat.sayText('sb-group-new', 'sb-admin', '/绑定群 西岭村第一党支部');
    expect(bound).toContain('群已绑定');
  });

  it('asks an unbound person to bind first, showing how', async () => {
    const [reply] = await chat.sayText('sb-group-dongwan', 'guest-1', '/我的');
    expect(reply).toContain('还不知道你是谁');
    expect(reply).toContain('向本支部书记或组织办要一个邀请码');
    expect(reply).toContain('/绑定 张三 ABCD-EFGH');
  });

  it('lists in /帮助 only what the caller may run', async () => {
    const [member] = await chat.sayText('sb-group-dongwan', 'sb-dw-member', '/帮助');
    expect(member).toContain('/我的');
    expect(member).not.toContain('/绑定群');
    expect(member).not.toContain('/书记专用');
    const [admin] = await chat.sayText('sb-group-dongwan', 'sb-admin', '/帮助');
    expect(admin).toContain('/绑定群');
    const [secretary] = await chat.sayText('sb-group-dongwan', 'sb-dw-secretary', '/帮助');
    expect(secretary).toContain('/书记专用');
    expect(secretary).not.toContain('/绑定群');
  });
});
