import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { openDatabase, type Database } from '../../src/core/db/openDatabase.ts';
import { migrate } from '../../src/core/db/migrate.ts';
import { seedReferenceData } from '../../src/app/seed/seedReferenceData.ts';
import { seedDemo } from '../../src/app/demo/seedDemo.ts';
import { loadConfig } from '../../src/core/config/loadConfig.ts';
import { handleChatEvent } from '../../src/engine/chat/handleChatEvent.ts';
import { buildChatHandlers } from '../../src/app/buildChatHandlers.ts';
import { fixedClock } from '../../src/core/time/clock.ts';
import type { ChatEvent } from '../../src/engine/chat/ChatEvent.ts';
import type { Role } from '../../src/core/generated/prisma/enums.ts';
import { renderText } from '../../cards/render/renderText.ts';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.ts';

/**
 * Every command × every role × own and another organisation's group.
 *
 * The expected matrix below is written from the rules (issues 2–7 and domain.md §1), NOT from the
 * command definitions, so that a command which lets the wrong people in (or keeps the right ones out)
 * fails here. Rules used, in short:
 * - 书记 / 组织委员 keep their own branch's records: 会议记录 (+另存), 问题台账, 自评, 任务完成.
 *   (组织委员 shares the secretary's record-keeping; 加分/扣分 is the secretary's alone, issue 3.)
 * - 书记 / 组织委员 / 联络员 report for their own organisation: 简报, and may export their own branch's ledgers.
 * - 组织办 (ADMIN) runs everything across the tree: 绑定群, 任务新建, 采用/退回, 公示, 提醒设置, 导入名册.
 * - 领导小组 reads across the tree (未交, 简报列表, 问题汇总, 考评查看, 导出) but does not score or administer.
 * - 考核小组 scores (考评 评分/开始) anywhere and reads what inspection needs (问题汇总, 导出, 积分榜, 痕迹).
 * - 党员 / 党小组长: their own data (我的, 积分, 星级, 学习心得), their branch's boards (积分榜, 痕迹, 进度),
 *   and acknowledge their own branch's task reminders (收到).
 * - An unbound person may only ask for help and bind themselves.
 */

type Who = Role | 'UNBOUND';
const WHO: Who[] = ['SECRETARY', 'ORG_COMMITTEE', 'LIAISON', 'MEMBER', 'GROUP_LEADER', 'LEADING_GROUP', 'ADMIN', 'ASSESSOR', 'UNBOUND'];
const BRANCH_ROLES: Who[] = ['SECRETARY', 'ORG_COMMITTEE', 'LIAISON', 'MEMBER', 'GROUP_LEADER'];
const BOUND: Who[] = WHO.filter((w) => w !== 'UNBOUND');
const TREE_WIDE: Who[] = ['ADMIN', 'LEADING_GROUP', 'ASSESSOR'];

type Where = 'own' | 'other';
/** Who gets past the permission check, in the caller's own branch group and in another branch's group. */
interface Expectation {
  own: Who[];
  other: Who[];
}
const everywhere = (who: Who[]): Expectation => ({ own: who, other: who });

interface Case {
  label: string;
  /** The text typed; `{org}` is the group's organisation's full name, `{task}` a task owned by it, `{brief}` a briefing. */
  text: string;
  expected: Expectation;
}

const RECORD = ['/会议记录', '类型：支委会', '日期：昨天', '主题：研究年底工作', '应到：3', '实到：3'].join('\n');
const PROBLEM = [
  '/问题 新增',
  '问题：党员活动参与不均衡',
  '原因：宣传不到位',
  '整改目标：参与率达到98%',
  '措施：分组包干',
  '时限：2026-12-30',
  '责任人：李春生',
].join('\n');

const CASES: Case[] = [
  { label: '/帮助', text: '/帮助', expected: everywhere(WHO) },
  { label: '/绑定', text: '/绑定 查无此人 0000', expected: everywhere(WHO) },
  { label: '/我的', text: '/我的', expected: everywhere(BOUND) },
  { label: '/绑定群', text: '/绑定群 {org} 支部群', expected: everywhere(['ADMIN']) },
  { label: '/会议记录', text: RECORD, expected: { own: ['SECRETARY', 'ORG_COMMITTEE'], other: [] } },
  { label: '/另存', text: '/另存', expected: { own: ['SECRETARY', 'ORG_COMMITTEE'], other: [] } },
  { label: '/进度', text: '/进度', expected: everywhere(BOUND) },
  { label: '/未交', text: '/未交', expected: everywhere(['ADMIN', 'LEADING_GROUP']) },
  { label: '/确认', text: '/确认', expected: everywhere(BOUND) },
  { label: '/取消', text: '/取消', expected: everywhere(BOUND) },
  { label: '/简报', text: '/简报 年底工作动态\n本支部召开支委会研究年底工作。', expected: { own: ['SECRETARY', 'ORG_COMMITTEE', 'LIAISON'], other: [] } },
  { label: '/学习心得', text: '/学习心得 学习体会\n通过学习，我认识到要把党建工作做在日常。', expected: everywhere(BOUND) },
  { label: '/简报列表', text: '/简报列表', expected: everywhere(['ADMIN', 'LEADING_GROUP']) },
  // The briefing belongs to 东湾村 whichever group it is looked at in.
  { label: '/查看简报', text: '/查看简报 {brief}', expected: everywhere(['SECRETARY', 'ORG_COMMITTEE', 'LIAISON', 'ADMIN', 'LEADING_GROUP']) },
  { label: '/采用', text: '/采用 {brief}', expected: everywhere(['ADMIN']) },
  { label: '/退回', text: '/退回 {brief} 请补充参加人数', expected: everywhere(['ADMIN']) },
  { label: '/痕迹', text: '/痕迹', expected: { own: [...BRANCH_ROLES, ...TREE_WIDE], other: TREE_WIDE } },
  { label: '/积分', text: '/积分', expected: everywhere(BOUND) },
  { label: '/星级', text: '/星级', expected: everywhere(BOUND) },
  { label: '/积分榜', text: '/积分榜', expected: { own: [...BRANCH_ROLES, ...TREE_WIDE], other: TREE_WIDE } },
  { label: '/加分', text: '/加分 @{member} 1 志愿服务：参加防汛值守', expected: { own: ['SECRETARY'], other: [] } },
  { label: '/扣分', text: '/扣分 @{member} 1 无故缺席主题党日', expected: { own: ['SECRETARY'], other: [] } },
  { label: '/任务', text: '/任务', expected: everywhere(BOUND) },
  { label: '/任务 新建', text: '/任务 新建 标题：报送年度工作计划；截止：2026-12-10；对象：{org}', expected: everywhere(['ADMIN']) },
  { label: '/任务 完成', text: '/任务 完成 {task}', expected: { own: ['SECRETARY', 'ORG_COMMITTEE', 'ADMIN'], other: ['ADMIN'] } },
  { label: '/收到', text: '/收到 {task}', expected: { own: BRANCH_ROLES, other: [] } },
  { label: '/公示', text: '/公示 星级', expected: everywhere(['ADMIN']) },
  { label: '/提醒设置', text: '/提醒设置', expected: everywhere(['ADMIN']) },
  { label: '/问题', text: '/问题', expected: everywhere(BOUND) },
  { label: '/问题 新增', text: PROBLEM, expected: { own: ['SECRETARY', 'ORG_COMMITTEE'], other: [] } },
  { label: '/问题 汇总', text: '/问题 汇总', expected: everywhere(TREE_WIDE) },
  { label: '/自评', text: '/自评 开始', expected: { own: ['SECRETARY', 'ORG_COMMITTEE'], other: [] } },
  { label: '/考评 开始', text: '/考评 {org} 开始 2026', expected: everywhere(['ASSESSOR']) },
  { label: '/考评 查看', text: '/考评 {org} 查看', expected: everywhere(TREE_WIDE) },
  { label: '/导出 台账', text: '/导出 台账 2026', expected: { own: ['SECRETARY', 'ORG_COMMITTEE', 'LIAISON', ...TREE_WIDE], other: TREE_WIDE } },
  { label: '/导入 名册', text: '/导入 名册', expected: everywhere(['ADMIN']) },
  { label: '/项目', text: '/项目', expected: everywhere(BOUND) },
  { label: '/看板', text: '/看板', expected: everywhere(['ADMIN', 'LEADING_GROUP']) },
  {
    label: '/项目 登记',
    text: '/项目 登记 1 1 结对共建',
    expected: { own: ['SECRETARY', 'LIAISON', 'ADMIN', 'LEADING_GROUP'], other: ['ADMIN', 'LEADING_GROUP'] },
  },
];

/** The engine's permission refusals (src/engine/commands/checkPermission.ts and the checks inside commands). */
const REFUSAL = [/还不知道你是谁/, /只有.{0,40}可以/, /没有这个权限/, /没有这个职务/, /不能查看/, /你不能导出/, /你不是/];

function isRefusal(text: string): boolean {
  return REFUSAL.some((pattern) => pattern.test(text));
}

const GROUPS: Record<Where, { chatId: string; org: string; member: string }> = {
  own: { chatId: 'sb-group-dongwan', org: '东湾村党支部', member: '赵大勇' },
  other: { chatId: 'sb-group-jixie', org: '青禾精密机械有限公司党支部', member: '林国栋' },
};

describe('role matrix: every command × every role × own and another organisation', () => {
  let testDb: TestDatabase;
  let database: Database;
  const clock = fixedClock('2026-11-22T02:00:00Z');
  const handlers = buildChatHandlers();
  const config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: '/tmp/zhibu-role-matrix' });
  const log = pino({ level: 'silent' });
  const tasks: Record<Where, number> = { own: 0, other: 0 };
  let briefingId = 0;

  async function say(chatId: string, user: string, text: string): Promise<string[]> {
    const event: ChatEvent = {
      platform: 'SANDBOX',
      eventId: randomUUID(),
      kind: 'message',
      chatId,
      chatType: 'group',
      messageId: randomUUID(),
      sender: { platformUserId: user, displayName: user },
      text,
      mentionsBot: false,
      mentions: [],
      images: [],
      sentAt: clock.now().toISOString(),
    };
    const outcome = await handleChatEvent(event, {
      db: database.prisma,
      config,
      clock,
      log,
      handlers,
      fetchImage: async () => {
        throw new Error('no images here');
      },
    });
    return outcome.replies.map(renderText);
  }

  beforeAll(async () => {
    testDb = await createTestDatabase('postgres');
    database = await openDatabase({ url: testDb.url! });
    await migrate(database);
    await seedReferenceData(database.prisma);
    await seedDemo(database.prisma);
    const db = database.prisma;
    const dongwan = await db.organization.findUniqueOrThrow({ where: { name: '东湾村党支部' } });
    const town = await db.organization.findUniqueOrThrow({ where: { name: '青禾镇党委' } });
    // One person per role, holding only that role: branch roles in 东湾村, tree-wide roles at the town.
    for (const [i, who] of BOUND.entries()) {
      const org = TREE_WIDE.includes(who) ? town : dongwan;
      await db.member.create({
        data: {
          name: `矩阵${i}`,
          phone: `1880000${String(i).padStart(4, '0')}`,
          phoneLast4: String(i).padStart(4, '0'),
          organizationId: org.id,
          roles: { create: { role: who as Role, organizationId: org.id } },
          identities: { create: { platform: 'SANDBOX', platformUserId: `matrix-${who}` } },
        },
      });
    }
    for (const where of ['own', 'other'] as const) {
      const replies = await say(GROUPS[where].chatId, 'sb-admin', `/任务 新建 标题：矩阵测试任务；截止：2026-12-20；对象：${GROUPS[where].org}`);
      const task = await db.task.findFirstOrThrow({ where: { title: '矩阵测试任务', assignments: { some: { organization: { name: GROUPS[where].org } } } } });
      expect(replies.join('\n')).toContain('矩阵测试任务');
      tasks[where] = task.id;
    }
    await say('sb-group-dongwan', 'sb-dw-secretary', '/简报 矩阵测试简报\n东湾村党支部召开支委会。');
    briefingId = (await db.briefing.findFirstOrThrow({ where: { title: '矩阵测试简报' } })).id;
  });
  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });

  it('lets exactly the permitted roles past the permission check', async () => {
    const mismatches: string[] = [];
    let permittedSeen = 0;
    for (const c of CASES) {
      for (const where of ['own', 'other'] as const) {
        for (const who of WHO) {
          const text = c.text
            .replaceAll('{org}', GROUPS[where].org)
            .replaceAll('{member}', GROUPS[where].member)
            .replaceAll('{task}', String(tasks[where]))
            .replaceAll('{brief}', String(briefingId));
          const user = who === 'UNBOUND' ? 'matrix-stranger' : `matrix-${who}`;
          const replies = await say(GROUPS[where].chatId, user, text);
          const joined = replies.join('\n');
          const refused = isRefusal(joined);
          const expectedPermitted = c.expected[where].includes(who);
          if (expectedPermitted) permittedSeen++;
          if (process.env.MATRIX_DEBUG && expectedPermitted) console.log(`${c.label} · ${who} · ${where}: ${joined.slice(0, 90).replaceAll('\n', ' ')}`);
          if (refused === expectedPermitted) {
            mismatches.push(
              `${c.label} · ${who} · ${where}: expected ${expectedPermitted ? 'permitted' : 'refused'}, got: ${joined.slice(0, 120).replaceAll('\n', ' ')}`,
            );
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(permittedSeen).toBeGreaterThan(100);
  }, 600_000);
});
