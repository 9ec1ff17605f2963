import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLarkConversation, type LarkConversation } from '../../support/larkConversation.ts';
import { formatIssuedInvites, issueInvitesForUnbound } from '../../../src/app/cli/issueInvitesForUnbound.ts';

/**
 * `npm run roster:import -- 名册.xlsx --codes` and `npm run invite:issue -- --unbound`: the operator gets one code
 * for each real member with a post who has no chat account yet, and those codes bind on a real platform.
 */
describe('codes for everyone with a post who has not bound yet', () => {
  let chat: LarkConversation;
  const db = () => chat.service.database.prisma;

  beforeAll(async () => {
    chat = await startLarkConversation();
  }, 120_000);
  afterAll(async () => {
    await chat?.stop();
  });

  it('issues one code per unbound post holder of the real town, none for ordinary members or the bound, and they bind', async () => {
    const expected = await db().member.findMany({
      where: { organization: { demo: false }, identities: { none: {} }, roles: { some: { role: { not: 'MEMBER' } } } },
      select: { name: true },
    });
    expect(expected.length).toBeGreaterThan(3);
    const now = new Date();
    const first = await issueInvitesForUnbound(db(), { now, ttlHours: 72, via: 'roster' });
    expect(first.invites.map((i) => i.name).sort()).toEqual(expected.map((m) => m.name).sort());
    const lines = formatIssuedInvites(first, '12月10日 14:30');
    expect(lines[0]).toBe(`为 ${expected.length} 名尚未绑定的担任职务的党员生成了邀请码（12月10日 14:30 前有效，每个只能用一次）：`);
    const li = first.invites.find((i) => i.name === '李春生')!;
    expect(lines).toContain(`  ${li.organization} 李春生（${li.roles}）：${li.code}`);
    expect(li.roles).toContain('书记');

    // 李春生 binds with his code; a second run leaves him out and replaces everyone else's codes.
    expect(await chat.say('ou_secretary_lichunsheng', `/绑定 李春生 ${li.code}`, { p2p: true })).toContain('绑定成功');
    const second = await issueInvitesForUnbound(db(), { now: new Date(), ttlHours: 72, via: 'cli' });
    expect(second.invites.map((i) => i.name)).not.toContain('李春生');
    expect(second.invites).toHaveLength(expected.length - 1);
    const other = first.invites.find((i) => i.name !== '李春生')!;
    expect(await chat.say('ou_stranger_0002', `/绑定 ${other.name} ${other.code}`, { p2p: true })).toContain('邀请码不对，或已过期、已用过');
    expect(await db().auditLog.count({ where: { action: 'invite.issued' } })).toBe(first.invites.length + second.invites.length);
  });

  it('names an organisation that does not exist, and says so when nobody is left to invite', async () => {
    await expect(issueInvitesForUnbound(db(), { org: '火星村党支部', now: new Date(), ttlHours: 72, via: 'cli' })).rejects.toThrow(
      '没有名为「火星村党支部」的组织',
    );
    expect(formatIssuedInvites({ invites: [], expiresAt: new Date() }, '')).toEqual(['担任职务的党员都已绑定账号，没有需要发的邀请码。']);
  });
});
