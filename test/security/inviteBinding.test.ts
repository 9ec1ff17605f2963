import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLarkConversation, LARK_TEST_GROUP, type LarkConversation } from '../support/larkConversation.ts';
import { inviteCode } from '../support/inviteCode.ts';
import { hashInviteCode } from '../../src/engine/identity/bindInvites.ts';
import { MAX_BIND_FAILURES_PER_DAY, MAX_BIND_FAILURES_PER_MEMBER_PER_DAY } from '../../src/engine/commands/core/bindCommand.ts';

/**
 * Attack (issue 11, found 1 and 8): a stranger binds as anyone by name and the last four phone digits, and 40
 * concurrent tries got past the 5-a-day limit. Now binding needs a one-time code (or the 书记's /确认), the
 * tree-wide roles only a code from another such member or the command line, and the limits are atomic.
 * Against the real service with Feishu on, the fictional town loaded as real organisations.
 */
const ADMIN = 'ou_admin_zhengxiaoming';
const SECRETARY = 'ou_secretary_lichunsheng';
const STRANGER = 'ou_stranger_0001';

describe('binding a stranger cannot guess', () => {
  let chat: LarkConversation;
  const db = () => chat.service.database.prisma;
  const identities = (openId: string) => db().chatIdentity.count({ where: { platform: 'LARK', platformUserId: openId } });
  const last4 = async (name: string) => (await db().member.findFirstOrThrow({ where: { name } })).phoneLast4!;

  beforeAll(async () => {
    chat = await startLarkConversation();
    const dongwan = await db().organization.findUniqueOrThrow({ where: { name: '东湾村党支部' } });
    await db().chatGroup.create({
      data: { platform: 'LARK', chatId: LARK_TEST_GROUP, name: '东湾村党支部飞书群', organizationId: dongwan.id, purpose: 'BRANCH' },
    });
  }, 120_000);
  afterAll(async () => {
    await chat?.stop();
  });

  it('name + four digits never bind on a real platform: a member waits for the 书记, a 组织办 is told to get a code', async () => {
    const asSecretary = await chat.say(STRANGER, `/绑定 李春生 ${await last4('李春生')}`);
    expect(asSecretary).toContain('等书记确认');
    const asAdmin = await chat.say(STRANGER, `/绑定 郑晓明 ${await last4('郑晓明')}`);
    expect(asAdmin).toContain('需要邀请码');
    expect(asAdmin).toContain('npm run invite:issue');
    expect(await identities(STRANGER)).toBe(0);
  });

  it('a code from the command line binds the 组织办; codes are hashed at rest and used once', async () => {
    const code = await inviteCode(db(), '郑晓明');
    const rows = await db().bindInvite.findMany();
    expect(JSON.stringify(rows)).not.toContain(code);
    expect(JSON.stringify(rows)).not.toContain(code.replace('-', ''));
    expect(rows.some((r) => r.codeHash === hashInviteCode(code))).toBe(true);
    expect(await chat.say(ADMIN, `/绑定 郑晓明 ${code}`, { p2p: true })).toContain('绑定成功');
    // The same code again, from another account: refused.
    expect(await chat.say(STRANGER, `/绑定 郑晓明 ${code}`)).toContain('邀请码不对，或已过期、已用过');
    expect(await identities(STRANGER)).toBe(0);
    expect(await db().chatIdentity.count({ where: { platform: 'LARK', member: { name: '郑晓明' } } })).toBe(1);
  });

  it('/邀请 is refused in a group and answered privately; the 书记 binds with it', async () => {
    expect(await chat.say(ADMIN, '/邀请 李春生')).toContain('邀请码不能发在群里');
    const reply = await chat.say(ADMIN, '/邀请 李春生', { p2p: true });
    const code = /邀请码：([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(reply)?.[1];
    expect(code).toBeDefined();
    expect(await chat.say(SECRETARY, `/绑定 李春生 ${code}`)).toContain('绑定成功');
    expect(await identities(SECRETARY)).toBe(1);
  });

  it('an expired code is refused', async () => {
    const code = await inviteCode(db(), '杨芳');
    await db().bindInvite.updateMany({ where: { codeHash: hashInviteCode(code) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await chat.say('ou_expired_user', `/绑定 杨芳 ${code}`)).toContain('已过期');
    expect(await identities('ou_expired_user')).toBe(0);
  });

  it('the 书记 may confirm a member in the branch group (/确认), but not a tree-wide role; nor issue a code for one', async () => {
    const zhao = 'ou_member_zhaodayong';
    expect(await chat.say(zhao, `/绑定 赵大勇 ${await last4('赵大勇')}`)).toContain('请书记');
    const confirmed = await chat.say(SECRETARY, '/确认');
    expect(confirmed).toContain('已确认');
    expect(await identities(zhao)).toBe(1);

    // 陈秀英 also sits on the 考核小组: tree-wide, so neither the 书记's /确认 nor the 书记's code will do.
    const chen = await db().member.findFirstOrThrow({ where: { name: '陈秀英' } });
    const town = await db().organization.findUniqueOrThrow({ where: { name: '青禾镇党委' } });
    await db().memberRole.create({ data: { memberId: chen.id, organizationId: town.id, role: 'ASSESSOR' } });
    expect(await chat.say('ou_chen', `/绑定 陈秀英 ${chen.phoneLast4}`)).toContain('需要邀请码');
    expect(await chat.say(SECRETARY, '/邀请 陈秀英', { p2p: true })).toContain('只能由组织办（或领导小组、考核小组）成员生成');
    const fromAdmin = /邀请码：([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(await chat.say(ADMIN, '/邀请 陈秀英', { p2p: true }))?.[1];
    expect(await chat.say('ou_chen', `/绑定 陈秀英 ${fromAdmin}`)).toContain('绑定成功');
    expect(await identities('ou_chen')).toBe(1);
  });

  it(`40 concurrent guesses from one account: only ${MAX_BIND_FAILURES_PER_DAY} are evaluated, then even the right code is refused`, async () => {
    const guesser = 'ou_concurrent_guesser';
    const replies = await Promise.all(
      Array.from({ length: 40 }, (_, i) => chat.say(guesser, `/绑定 何文静 ${`ABCD${String(i).padStart(4, '2').replace(/[01]/g, '9')}`}`)),
    );
    const evaluated = await db().auditLog.count({ where: { action: 'bind.failed', targetId: `LARK:${guesser}` } });
    expect(evaluated).toBe(MAX_BIND_FAILURES_PER_DAY);
    expect(replies.filter((r) => r.includes(`今天绑定失败已达 ${MAX_BIND_FAILURES_PER_DAY} 次`))).toHaveLength(40 - MAX_BIND_FAILURES_PER_DAY);
    const right = await inviteCode(db(), '何文静');
    expect(await chat.say(guesser, `/绑定 何文静 ${right}`)).toContain('今天绑定失败已达');
    expect(await identities(guesser)).toBe(0);
  }, 180_000);

  it(`40 concurrent guesses at one member from 40 accounts: at most ${MAX_BIND_FAILURES_PER_MEMBER_PER_DAY} are evaluated, then the member is locked for the day`, async () => {
    const replies = await Promise.all(Array.from({ length: 40 }, (_, i) => chat.say(`ou_swarm_${i}`, '/绑定 徐婷 WXYZ-2345')));
    const evaluated = await db().auditLog.count({
      where: { action: 'bind.failed', targetId: { startsWith: 'LARK:ou_swarm_' }, detail: { path: ['reason'], equals: 'bad_code' } },
    });
    expect(evaluated).toBeLessThanOrEqual(MAX_BIND_FAILURES_PER_MEMBER_PER_DAY);
    expect(replies.filter((r) => r.includes('失败次数太多')).length).toBeGreaterThanOrEqual(40 - MAX_BIND_FAILURES_PER_MEMBER_PER_DAY);
    const right = await inviteCode(db(), '徐婷');
    expect(await chat.say('ou_swarm_fresh', `/绑定 徐婷 ${right}`)).toContain('失败次数太多');
    expect(await db().chatIdentity.count({ where: { platform: 'LARK', member: { name: '徐婷' } } })).toBe(0);
    // The service is still up.
    expect((await fetch(`${chat.service.url}/healthz`)).status).toBe(200);
  }, 180_000);
});
