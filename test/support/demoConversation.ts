import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { openDatabase, type Database } from '../../src/core/db/openDatabase.ts';
import { migrate } from '../../src/core/db/migrate.ts';
import { seedReferenceData } from '../../src/app/seed/seedReferenceData.ts';
import { seedDemo } from '../../src/app/demo/seedDemo.ts';
import { loadConfig } from '../../src/core/config/loadConfig.ts';
import { handleChatEvent, type ChatHandlers } from '../../src/engine/chat/handleChatEvent.ts';
import { buildChatHandlers } from '../../src/app/buildChatHandlers.ts';
import { buildRegistry } from '../../src/app/buildRegistry.ts';
import { fixedClock } from '../../src/core/time/clock.ts';
import type { ChatEvent } from '../../src/engine/chat/ChatEvent.ts';
import type { CommandDefinition } from '../../src/engine/commands/types.ts';
import type { MessageView } from '../../cards/MessageView.ts';
import { renderText } from '../../cards/render/renderText.ts';
import { createTestDatabase, type TestDatabase, type TestDbKind } from './testDatabase.ts';

export interface DemoConversation {
  database: Database;
  clock: ReturnType<typeof fixedClock>;
  /** What the bot answers when `user` types `text` in sandbox group `group` (straight through the handler, no queue). */
  say(group: string, user: string, text: string): Promise<MessageView[]>;
  sayText(group: string, user: string, text: string): Promise<string[]>;
  stop(): Promise<void>;
}

/**
 * The demo organisation on a fresh database, talked to through handleChatEvent directly: the command
 * engine with real data, without queues (the whole path is covered by startTestService tests).
 */
export async function startDemoConversation(options: { db?: TestDbKind; extraCommands?: CommandDefinition[]; now?: string } = {}): Promise<DemoConversation> {
  const testDb: TestDatabase = await createTestDatabase(options.db ?? 'postgres');
  const database = await openDatabase(testDb.url ? { url: testDb.url } : { pgliteDir: testDb.pgliteDir! });
  await migrate(database);
  await seedReferenceData(database.prisma);
  await seedDemo(database.prisma);
  const clock = fixedClock(options.now ?? '2026-11-22T02:00:00Z');
  const base = buildChatHandlers();
  const handlers: ChatHandlers = options.extraCommands ? { ...base, registry: buildRegistry(options.extraCommands) } : base;
  const config = loadConfig({ LOG_LEVEL: 'silent' });
  const log = pino({ level: 'silent' });
  const say = async (group: string, user: string, text: string) => {
    const event: ChatEvent = {
      platform: 'SANDBOX',
      eventId: randomUUID(),
      kind: 'message',
      chatId: group,
      chatType: 'group',
      messageId: randomUUID(),
      sender: { platformUserId: user, displayName: user },
      // As the sandbox adapter does: 「@支部助手」 addresses the bot and is removed from the text.
      text: text.replace(/@支部助手\s*/gu, '').trim(),
      mentionsBot: /@支部助手/u.test(text),
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
        throw new Error('no images in this conversation');
      },
    });
    return outcome.replies;
  };
  return {
    database,
    clock,
    say,
    sayText: async (group, user, text) => (await say(group, user, text)).map(renderText),
    async stop() {
      await database.close();
      await testDb.drop();
    },
  };
}
