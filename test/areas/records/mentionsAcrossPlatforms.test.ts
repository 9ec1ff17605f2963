import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createTestDatabase, type TestDatabase } from '../../support/testDatabase.ts';
import { openDatabase, type Database } from '../../../src/core/db/openDatabase.ts';
import { migrate } from '../../../src/core/db/migrate.ts';
import { seedReferenceData } from '../../../src/app/seed/seedReferenceData.ts';
import { seedTown } from '../../../src/app/demo/seedDemo.ts';
import { loadConfig } from '../../../src/core/config/loadConfig.ts';
import { fixedClock } from '../../../src/core/time/clock.ts';
import { handleChatEvent } from '../../../src/engine/chat/handleChatEvent.ts';
import { buildChatHandlers } from '../../../src/app/buildChatHandlers.ts';
import type { ChatEvent } from '../../../src/engine/chat/ChatEvent.ts';
import { renderText } from '../../../cards/render/renderText.ts';

/**
 * Platforms differ in what a mention leaves in the text (Feishu keeps a placeholder, others drop it): the
 * resolved mention alone must name the member.
 */
describe('mentions resolved by the platform, whatever the text says', () => {
  let testDb: TestDatabase;
  let database: Database;
  let n = 0;
  const handlers = buildChatHandlers();
  const send = async (sender: string, text: string, mentions: { platformUserId: string; name: string }[] = []) => {
    const event: ChatEvent = {
      platform: 'LARK',
      eventId: `ev-${++n}`,
      kind: 'message',
      chatId: 'oc_dongwan',
      chatType: 'group',
      sender: { platformUserId: sender },
      text,
      mentionsBot: true,
      mentions,
      images: [],
      sentAt: new Date().toISOString(),
    };
    const outcome = await handleChatEvent(event, {
      db: database.prisma,
      config: loadConfig({}),
      clock: fixedClock('2026-11-20T04:00:00Z'),
      log: pino({ level: 'silent' }),
      handlers,
      fetchImage: async () => ({ bytes: Buffer.alloc(0) }),
    });
    return outcome.replies.map(renderText);
  };

  beforeAll(async () => {
    testDb = await createTestDatabase('postgres');
    database = await openDatabase({ url: testDb.url! });
    await migrate(database);
    await seedReferenceData(database.prisma);
    // Feishu acts on real organisations only: the fictional town, loaded as ordinary organisations.
    await seedTown(database.prisma, { demo: false });
    const db = database.prisma;
    const dongwan = await db.organization.findUniqueOrThrow({ where: { name: '东湾村党支部' } });
    await db.chatGroup.create({ data: { platform: 'LARK', chatId: 'oc_dongwan', organizationId: dongwan.id, purpose: 'BRANCH' } });
    for (const [openId, name] of [
      ['ou_secretary', '李春生'],
      ['ou_zhao', '赵大勇'],
      ['ou_chen', '陈秀英'],
    ] as const) {
      const member = await db.member.findFirstOrThrow({ where: { name } });
      await db.chatIdentity.create({ data: { platform: 'LARK', platformUserId: openId, memberId: member.id } });
    }
  });
  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });

  it('/加分 takes the member from a mention whose text the adapter removed', async () => {
    const [reply] = await send('ou_secretary', '/加分 3 志愿服务', [{ platformUserId: 'ou_zhao', name: '大勇（飞书昵称）' }]);
    expect(reply).toContain('赵大勇 +3 分（志愿服务）');
  });

  it('/会议记录 counts mentioned attendees next to names typed in 参加人员', async () => {
    const text = ['/会议记录', '类型：支委会', '日期：昨天', '主题：研究工作', '参加人员：李春生'].join('\n');
    const [reply] = await send('ou_secretary', text, [{ platformUserId: 'ou_chen', name: '秀英' }]);
    expect(reply).toContain('2 人 × 2 分（参加支委会） = 4 分');
    const activity = await database.prisma.activity.findFirstOrThrow({ include: { attendees: { include: { member: true } } } });
    expect(activity.attendees.map((a) => a.member.name).sort()).toEqual(['李春生', '陈秀英'].sort());
  });
});
