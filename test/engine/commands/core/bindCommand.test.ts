import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BIND_FAILURES_PER_DAY } from '../../../../src/engine/commands/core/bindCommand.ts';
import { startDemoConversation, type DemoConversation } from '../../../support/demoConversation.ts';

describe('/绑定', () => {
  let chat: DemoConversation;
  let last4: string;
  beforeAll(async () => {
    // 10:00 in Shanghai, so "today" runs until 16:00 UTC.
    chat = await startDemoConversation({ now: '2026-11-22T02:00:00Z' });
    last4 = (await chat.database.prisma.member.findFirstOrThrow({ where: { name: '赵大勇' } })).phoneLast4!;
  });
  afterAll(async () => {
    await chat?.stop();
  });

  const identities = (user: string) => chat.database.prisma.chatIdentity.count({ where: { platform: 'SANDBOX', platformUserId: user } });
  const wrong = (digits: string) => (digits === '0000' ? '0001' : '0000');

  it('binds a demo persona in the sandbox with the right name and digits (demo only), showing only a masked phone', async () => {
    const member = await chat.database.prisma.member.findFirstOrThrow({ where: { name: '赵大勇' } });
    const [reply] = await chat.sayText('sb-group-dongwan', 'new-a', `/绑定 赵大勇 ${last4}`);
    expect(reply).toContain('绑定成功');
    expect(reply).toContain('东湾村党支部');
    expect(reply).toContain(`${member.phone!.slice(0, 3)}****${last4}`);
    expect(reply).not.toContain(member.phone!);
    expect(await identities('new-a')).toBe(1);
  });

  it('says so when the account is already bound to the same member, and creates nothing', async () => {
    const [reply] = await chat.sayText('sb-group-dongwan', 'new-a', `/绑定 赵大勇 ${last4}`);
    expect(reply).toContain('已经绑定过了');
    expect(await identities('new-a')).toBe(1);
  });

  it('refuses to re-bind an account to somebody else', async () => {
    const other = await chat.database.prisma.member.findFirstOrThrow({ where: { name: '陈秀英' } });
    const [reply] = await chat.sayText('sb-group-dongwan', 'new-a', `/绑定 陈秀英 ${other.phoneLast4}`);
    expect(reply).toContain('这个账号已绑定为 赵大勇');
    const identity = await chat.database.prisma.chatIdentity.findFirstOrThrow({ where: { platformUserId: 'new-a' }, include: { member: true } });
    expect(identity.member.name).toBe('赵大勇');
  });

  it('answers wrong data with what was not found and the right form', async () => {
    const [reply] = await chat.sayText('sb-group-dongwan', 'new-b', `/绑定 赵大勇 ${wrong(last4)}`);
    expect(reply).toContain(`没有找到姓名为「赵大勇」、手机后四位为 ${wrong(last4)} 的党员`);
    expect(reply).toContain('正确写法：/绑定 <姓名> <邀请码>');
    const [nobody] = await chat.sayText('sb-group-dongwan', 'new-b', `/绑定 查无此人 ${last4}`);
    expect(nobody).toContain('没有找到姓名为「查无此人」');
    expect(await identities('new-b')).toBe(0);
  });

  it('refuses ambiguous data (two members with the same name and last four digits)', async () => {
    const org = await chat.database.prisma.organization.findFirstOrThrow({ where: { name: '南塘社区党支部' } });
    await chat.database.prisma.member.createMany({
      data: [
        { name: '同名人', phone: '19911110001', phoneLast4: '0001', organizationId: org.id },
        { name: '同名人', phone: '19922220001', phoneLast4: '0001', organizationId: org.id },
      ],
    });
    const [reply] = await chat.sayText('sb-group-dongwan', 'new-c', '/绑定 同名人 0001');
    expect(reply).toContain('名册里有 2 位「同名人」的手机后四位都是 0001');
    expect(reply).toContain('请向书记或组织办要邀请码');
    expect(await identities('new-c')).toBe(0);
  });

  it(`stops guessing after ${MAX_BIND_FAILURES_PER_DAY} failures in a day, even with the right data, until the next day`, async () => {
    for (let i = 0; i < MAX_BIND_FAILURES_PER_DAY; i++) {
      const [reply] = await chat.sayText('sb-group-dongwan', 'new-d', `/绑定 赵大勇 ${wrong(last4)}`);
      expect(reply).toContain('没有找到');
    }
    const [blocked] = await chat.sayText('sb-group-dongwan', 'new-d', `/绑定 赵大勇 ${last4}`);
    expect(blocked).toContain(`今天绑定失败已达 ${MAX_BIND_FAILURES_PER_DAY} 次，请明天再试`);
    expect(await identities('new-d')).toBe(0);
    // Another account is not affected.
    const [other] = await chat.sayText('sb-group-dongwan', 'new-e', `/绑定 赵大勇 ${last4}`);
    expect(other).toContain('绑定成功');
    // Just after midnight in Shanghai (16:00 UTC) the count starts again.
    chat.clock.set('2026-11-22T16:00:01Z');
    const [nextDay] = await chat.sayText('sb-group-dongwan', 'new-d', `/绑定 赵大勇 ${last4}`);
    expect(nextDay).toContain('绑定成功');
    chat.clock.set('2026-11-22T02:00:00Z');
  });
});
