import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoConversation, type DemoConversation } from '../../../support/demoConversation.ts';

describe('/绑定群', () => {
  let chat: DemoConversation;
  beforeAll(async () => {
    chat = await startDemoConversation();
  });
  afterAll(async () => {
    await chat?.stop();
  });

  const groupOf = (chatId: string) => chat.database.prisma.chatGroup.findFirstOrThrow({ where: { chatId }, include: { organization: true } });

  it('binds a new group to a branch as its branch group by default, and audits it', async () => {
    const [reply] = await chat.sayText('sb-group-new', 'sb-admin', '/绑定群 南塘社区党支部');
    expect(reply).toContain('本群已绑定为「南塘社区党支部」的支部群');
    const group = await groupOf('sb-group-new');
    expect(group.organization?.name).toBe('南塘社区党支部');
    expect(group.purpose).toBe('BRANCH');
    const audit = await chat.database.prisma.auditLog.findFirst({ where: { action: 'group.bound', targetId: String(group.id) } });
    expect(audit).not.toBeNull();
  });

  it.each([
    ['联络员群', 'LIAISON', '联络员群'],
    ['领导小组', 'LEADING_GROUP', '领导小组群'],
    ['支部群', 'BRANCH', '支部群'],
  ])('takes the purpose word %s', async (word, purpose, shown) => {
    const [reply] = await chat.sayText('sb-group-new', 'sb-admin', `/绑定群 青禾镇党委 ${word}`);
    expect(reply).toContain(`「青禾镇党委」的${shown}`);
    expect((await groupOf('sb-group-new')).purpose).toBe(purpose);
  });

  it('makes a 党委 group a leading-group group when no purpose is given', async () => {
    await chat.sayText('sb-group-new', 'sb-admin', '/绑定群 青禾镇党委');
    expect((await groupOf('sb-group-new')).purpose).toBe('LEADING_GROUP');
  });

  it('refuses an unknown purpose word and changes nothing', async () => {
    const before = await groupOf('sb-group-new');
    const [reply] = await chat.sayText('sb-group-new', 'sb-admin', '/绑定群 东湾村党支部 闲聊群');
    expect(reply).toContain('群用途只能是：支部群、联络员群、领导小组群，收到的是「闲聊群」');
    expect(reply).toContain('正确写法：/绑定群 <组织名> [支部群|联络员群|领导小组群]');
    const after = await groupOf('sb-group-new');
    expect([after.organizationId, after.purpose]).toEqual([before.organizationId, before.purpose]);
  });

  it('refuses an unknown organisation, naming it', async () => {
    const [reply] = await chat.sayText('sb-group-new', 'sb-admin', '/绑定群 火星村党支部');
    expect(reply).toContain('没有找到组织「火星村党支部」');
  });

  it('is for 组织办 only', async () => {
    const [reply] = await chat.sayText('sb-group-new', 'sb-dw-secretary', '/绑定群 东湾村党支部');
    expect(reply).toContain('只有组织办可以使用');
  });
});
