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
  ])('takes the purpose word %s (re-binding a bound group after its /确认)', async (word, purpose, shown) => {
    const [question] = await chat.sayText('sb-group-new', 'sb-admin', `/绑定群 青禾镇党委 ${word}`);
    expect(question).toContain('本群现在绑定为「');
    expect(question).toContain(`要改绑为「青禾镇党委」的${shown}吗`);
    const [reply] = await chat.sayText('sb-group-new', 'sb-admin', '/确认');
    expect(reply).toContain(`「青禾镇党委」的${shown}`);
    expect((await groupOf('sb-group-new')).purpose).toBe(purpose);
  });

  it('makes a 党委 group a leading-group group when no purpose is given', async () => {
    await chat.database.prisma.chatGroup.update({ where: { id: (await groupOf('sb-group-new')).id }, data: { organizationId: null, purpose: null } });
    await chat.sayText('sb-group-new', 'sb-admin', '/绑定群 青禾镇党委');
    expect((await groupOf('sb-group-new')).purpose).toBe('LEADING_GROUP');
  });

  it('on a group already bound: says what it is bound to, asks for /确认, and /取消 keeps it', async () => {
    const before = await groupOf('sb-group-new');
    const [question] = await chat.sayText('sb-group-new', 'sb-admin', '/绑定群 南塘社区党支部');
    expect(question).toContain('本群现在绑定为「青禾镇党委」的领导小组群');
    expect(question).toContain('/确认');
    expect((await groupOf('sb-group-new')).organizationId).toBe(before.organizationId);
    const [kept] = await chat.sayText('sb-group-new', 'sb-admin', '/取消');
    expect(kept).toContain('本群的绑定保持不变');
    expect((await groupOf('sb-group-new')).organizationId).toBe(before.organizationId);
    const [same] = await chat.sayText('sb-group-new', 'sb-admin', '/绑定群 青禾镇党委 领导小组群');
    expect(same).toContain('无需重复绑定');
  });

  it('warns clearly when an organisation gets a second 支部群', async () => {
    await chat.sayText('sb-group-new', 'sb-admin', '/绑定群 东湾村党支部');
    const [reply] = await chat.sayText('sb-group-new', 'sb-admin', '/确认');
    expect(reply).toContain('本群已绑定为「东湾村党支部」的支部群');
    expect(reply).toContain('「东湾村党支部」已有支部群「东湾村党支部工作群」（沙盒）');
    expect(reply).toContain('一个支部通常只有一个支部群');
    expect(await chat.database.prisma.chatGroup.count({ where: { organization: { name: '东湾村党支部' }, purpose: 'BRANCH' } })).toBe(2);
  });

  it('from the sandbox, cannot point at a real organisation', async () => {
    await chat.database.prisma.organization.create({ data: { name: '真实村党支部', level: 'BRANCH', domain: 'VILLAGE' } });
    await chat.database.prisma.chatGroup.update({ where: { id: (await groupOf('sb-group-new')).id }, data: { organizationId: null, purpose: null } });
    const [reply] = await chat.sayText('sb-group-new', 'sb-admin', '/绑定群 真实村党支部');
    expect(reply).toContain('没有找到组织「真实村党支部」');
    expect((await groupOf('sb-group-new')).organizationId).toBeNull();
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
