import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { openDatabase, type Database } from '../../src/core/db/openDatabase.ts';
import { migrate } from '../../src/core/db/migrate.ts';
import { seedReferenceData } from '../../src/app/seed/seedReferenceData.ts';
import { seedDemo } from '../../src/app/demo/seedDemo.ts';
import { loadConfig } from '../../src/core/config/loadConfig.ts';
import { handleChatEvent } from '../../src/engine/chat/handleChatEvent.ts';
import { buildChatHandlers } from '../../src/app/buildChatHandlers.ts';
import { systemClock } from '../../src/core/time/clock.ts';
import type { ChatEvent } from '../../src/engine/chat/ChatEvent.ts';
import { renderText } from '../../cards/render/renderText.ts';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.ts';

/** Tables no plain member may change, whatever they type (a member may file a 学习心得, not a 简报). */
const PROTECTED = [
  'Organization',
  'Member',
  'MemberRole',
  'ChatIdentity',
  'Activity',
  'ActivityAttendee',
  'Briefing',
  'TracePhoto',
  'PointRule',
  'PointEntry',
  'MemberStar',
  'BranchStar',
  'Assessment',
  'AssessmentScore',
  'ProblemEntry',
  'Task',
  'TaskAssignment',
  'Programme',
  'ProgrammeEntry',
  'Setting',
];

const hostile = fc.constantFrom(
  '\'; DROP TABLE "Member"; --',
  '<script>alert(1)</script>',
  '**粗体** [链接](http://x)',
  '\u0000\u0001\u0007\u001b[31m',
  '：：：',
  '，。；！？【】《》',
  '１２３４',
  '\u202e反转',
  '${process.exit()}',
  '{{7*7}}',
  '../../etc/passwd',
  '@所有人',
  '\r\n\r\n',
  'NaN',
  '-1',
  '1e309',
  '9'.repeat(40),
  '　',
  '💥🎉',
  '@赵大勇',
  '@支部助手',
);

describe('a fuzz of hostile command texts through the chat engine', () => {
  let testDb: TestDatabase;
  let database: Database;
  beforeAll(async () => {
    testDb = await createTestDatabase('postgres');
    database = await openDatabase({ url: testDb.url! });
    await migrate(database);
    await seedReferenceData(database.prisma);
    await seedDemo(database.prisma);
  });
  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });

  async function counts(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const table of PROTECTED) {
      const where = table === 'Briefing' ? ` WHERE kind = 'BRIEFING'` : '';
      const rows = await database.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${table}"${where}`);
      out[table] = Number(rows[0]!.n);
    }
    return out;
  }

  it('never crashes, answers in Chinese or stays silent, and lets a plain member change nothing', async () => {
    const handlers = buildChatHandlers();
    const names = handlers.registry.list().flatMap((c) => [c.name, ...(c.aliases ?? [])]);
    const config = loadConfig({ DATA_DIR: '/tmp/zhibu-fuzz', SANDBOX: '1' });
    const deps = {
      db: database.prisma,
      config,
      clock: systemClock,
      log: pino({ level: 'silent' }),
      handlers,
      fetchImage: async () => ({ bytes: Buffer.from('not an image') }),
    };
    const before = await counts();
    const token = fc.oneof(
      hostile,
      fc.string({ maxLength: 12 }),
      fc.string({ unit: 'grapheme', maxLength: 12 }),
      fc.integer().map(String),
      fc.constantFrom(...names),
    );
    const text = fc.oneof(
      fc
        .tuple(fc.constantFrom('/', '／', ''), fc.constantFrom(...names), fc.array(token, { maxLength: 8 }), fc.constantFrom(' ', '\n', '　'))
        .map(([slash, name, args, sep]) => `${slash}${name} ${args.join(sep)}`),
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 100 }),
      fc.constantFrom('/', '／', '/ ', '/'.repeat(1000), `/帮助 ${'长'.repeat(5000)}`, `/绑定 ${'x'.repeat(10_000)} 1234`),
    );
    let answered = 0;
    let n = 0;
    await fc.assert(
      fc.asyncProperty(text, fc.constantFrom('sb-dw-member', 'guest-fuzz'), async (message, user) => {
        const event: ChatEvent = {
          platform: 'SANDBOX',
          eventId: `fuzz-${n++}`,
          kind: 'message',
          chatId: 'sb-group-dongwan',
          chatType: 'group',
          sender: { platformUserId: user },
          text: message,
          mentionsBot: false,
          mentions: [],
          images: [],
          sentAt: new Date().toISOString(),
        };
        const { replies } = await handleChatEvent(event, deps);
        for (const reply of replies) {
          answered++;
          expect(reply.title).toMatch(/[\u4e00-\u9fff]/);
          const text = renderText(reply);
          expect(text.length).toBeGreaterThan(reply.title.length + 4);
          expect(text.length).toBeLessThan(20_000);
        }
      }),
      { numRuns: 2000, seed: 20261122 },
    );
    expect(answered).toBeGreaterThan(500);
    expect(await counts()).toEqual(before);
  }, 240_000);
});
