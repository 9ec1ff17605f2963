import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLarkConversation, LARK_TEST_GROUP, type LarkConversation } from '../support/larkConversation.ts';
import { startService } from '../../src/app/startService.ts';
import { createLogger } from '../../src/core/log/logger.ts';
import { loadConfig } from '../../src/core/config/loadConfig.ts';
import { removeDemo } from '../../src/app/demo/removeDemo.ts';
import { inviteCode } from '../support/inviteCode.ts';
import { TEST_REDIS_URL, deletePrefix, uniquePrefix } from '../support/testRedis.ts';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Attack (issue 11, found 1): DEMO defaulted on, the demo 组织办 could be claimed from Feishu with the digits the
 * sandbox shows, then bound real groups to demo branches. Now demo and real never mix.
 */
const STRANGER = 'ou_stranger_demo';
const REAL_ADMIN = 'ou_real_admin';

describe('demo and real never mix', () => {
  let chat: LarkConversation;
  const db = () => chat.service.database.prisma;

  beforeAll(async () => {
    // The careless operator: Feishu on, and the demo and the sandbox switched on as well.
    chat = await startLarkConversation({ town: 'demo', env: { DEMO: '1', SANDBOX: '1' } });
    const realTown = await db().organization.create({ data: { name: '真实镇党委', level: 'PARTY_COMMITTEE', domain: 'ORGAN' } });
    await db().organization.create({ data: { name: '真实村党支部', level: 'BRANCH', domain: 'VILLAGE', parentId: realTown.id } });
    await db().member.create({
      data: {
        name: '真管理',
        phone: '13700001111',
        phoneLast4: '1111',
        organizationId: realTown.id,
        roles: { create: [{ role: 'ADMIN', organizationId: realTown.id }] },
      },
    });
  }, 120_000);
  afterAll(async () => {
    await chat?.stop();
  });

  it('with a platform configured, neither the demo nor the sandbox is on by default; compose.yaml does not turn it on', () => {
    const lark = { LARK_APP_ID: 'cli_x', LARK_APP_SECRET: 's' };
    expect(loadConfig(lark)).toMatchObject({ DEMO: false, SANDBOX: false });
    expect(loadConfig({ ONEBOT_API_URL: 'http://127.0.0.1:1' })).toMatchObject({ DEMO: false, SANDBOX: false });
    expect(loadConfig({ WECHATY_PUPPET: 'wechaty-puppet-mock' })).toMatchObject({ DEMO: false, SANDBOX: false });
    expect(loadConfig({ DINGTALK_CLIENT_ID: 'ding_x', DINGTALK_CLIENT_SECRET: 's', DINGTALK_ROBOT_CODE: 'ding_x' })).toMatchObject({
      DEMO: false,
      SANDBOX: false,
    });
    expect(loadConfig({})).toMatchObject({ DEMO: true, SANDBOX: true });
    const compose = readFileSync(resolve(import.meta.dirname, '../../compose.yaml'), 'utf8');
    expect(compose).not.toMatch(/^\s*DEMO:\s*["']?1/m);
  });

  it('a demo member cannot be bound from a real platform, with the digits or with a code', async () => {
    const admin = await db().member.findFirstOrThrow({ where: { name: '郑晓明', organization: { demo: true } } });
    expect(await chat.say(STRANGER, `/绑定 郑晓明 ${admin.phoneLast4}`)).toContain('没有找到');
    await expect(inviteCode(db(), '郑晓明')).rejects.toThrow('演示组织的成员不能发邀请码');
    expect(await db().chatIdentity.count({ where: { platform: 'LARK' } })).toBe(0);
  });

  it("a real platform's /绑定群 cannot point at the demo; the sandbox's cannot point at a real organisation", async () => {
    expect(await chat.say(REAL_ADMIN, `/绑定 真管理 ${await inviteCode(db(), '真管理')}`, { p2p: true })).toContain('绑定成功');
    expect(await chat.say(REAL_ADMIN, '/绑定群 东湾村党支部')).toContain('没有找到组织「东湾村党支部」');
    expect(await chat.say(REAL_ADMIN, '/绑定群 青禾镇党委')).toContain('没有找到组织');
    expect(await db().chatGroup.count({ where: { platform: 'LARK', organizationId: { not: null } } })).toBe(0);
    const sandbox = await chat.service.sayText('sb-group-new', 'sb-admin', '/绑定群 真实村党支部');
    expect(sandbox[0]).toContain('没有找到组织「真实村党支部」');
    expect((await db().chatGroup.findFirstOrThrow({ where: { chatId: 'sb-group-new' } })).organizationId).toBeNull();
    // Nor can the sandbox 组织办 hand out a code for a real member.
    expect((await chat.service.sayText('sb-group-new', 'sb-admin', '/邀请 真管理'))[0]).toContain('名册里没有');
  });

  it('an account bound to a demo member before this change counts as unknown on a real platform', async () => {
    const demoAdmin = await db().member.findFirstOrThrow({ where: { name: '郑晓明', organization: { demo: true } } });
    await db().chatIdentity.create({ data: { platform: 'LARK', platformUserId: 'ou_legacy', memberId: demoAdmin.id } });
    const dongwan = await db().organization.findFirstOrThrow({ where: { name: '东湾村党支部', demo: true } });
    await db().chatGroup.update({
      where: { platform_chatId: { platform: 'LARK', chatId: LARK_TEST_GROUP } },
      data: { organizationId: dongwan.id, purpose: 'BRANCH' },
    });
    expect(await chat.say('ou_legacy', '/我的')).toContain('还不知道你是谁');
    expect(await chat.say('ou_legacy', '/导出 台账')).toContain('还不知道你是谁');
    expect(await db().auditLog.count({ where: { actorId: demoAdmin.id, platform: 'LARK' } })).toBe(0);
  });

  it('starting with DEMO=0 on a database that holds the demo says so in one line; npm run demo:remove removes it all at once', async () => {
    const lines: string[] = [];
    const prefix = uniquePrefix();
    const second = await startService({
      env: {
        PORT: '0',
        HOST: '127.0.0.1',
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: prefix,
        DATA_DIR: chat.service.dataDir,
        DATABASE_URL: chat.service.config.DATABASE_URL!,
        DEMO: '0',
        ROLE: 'web',
        SCHEDULES: '0',
      },
      log: createLogger('info', { write: (line: string) => void lines.push(line) }),
    });
    await second.close();
    await deletePrefix(prefix);
    const notice = lines.map((l) => JSON.parse(l) as { msg: string }).filter((l) => l.msg.includes('npm run demo:remove'));
    expect(notice).toHaveLength(1);
    expect(notice[0]!.msg).toContain('演示组织');

    const realBefore = await db().organization.count({ where: { demo: false } });
    const removed = await removeDemo(db());
    expect(removed.organizations).toBe(8);
    expect(await db().organization.count({ where: { demo: true } })).toBe(0);
    expect(await db().member.count({ where: { name: '郑晓明' } })).toBe(0);
    expect(await db().chatGroup.count({ where: { platform: 'SANDBOX' } })).toBe(0);
    expect(await db().chatIdentity.count({ where: { platformUserId: 'ou_legacy' } })).toBe(0);
    expect(await db().organization.count({ where: { demo: false } })).toBe(realBefore);
    expect(await db().member.count({ where: { name: '真管理' } })).toBe(1);
    // The Feishu group once bound to a demo branch is unbound, not deleted.
    expect((await db().chatGroup.findFirstOrThrow({ where: { chatId: LARK_TEST_GROUP } })).organizationId).toBeNull();
    expect((await fetch(`${chat.service.url}/healthz`)).status).toBe(200);
  }, 120_000);
});
