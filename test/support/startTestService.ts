import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startService, type Service } from '../../src/app/startService.ts';
import type { Clock } from '../../src/core/time/clock.ts';
import type { Logger } from 'pino';
import { createTestDatabase, type TestDbKind } from './testDatabase.ts';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from './testRedis.ts';
import { seedTown } from '../../src/app/demo/seedDemo.ts';

export interface TestService extends Service {
  url: string;
  prefix: string;
  dataDir: string;
  /** Sends a message in a sandbox group as a persona, through the whole path; returns the replies. */
  say(
    group: string,
    user: string,
    text: string,
    extra?: { imageBase64?: string; fileName?: string; fileBase64?: string; messageId?: string },
  ): Promise<SandboxReply[]>;
  /** Texts of the replies only. */
  sayText(group: string, user: string, text: string): Promise<string[]>;
  stop(): Promise<void>;
}

export interface SandboxReply {
  text: string;
  card?: Record<string, unknown>;
  /** An exported file the bot sent with the reply. */
  file?: { fileName: string; base64: string };
}

export interface TestServiceOptions {
  db?: TestDbKind;
  env?: Record<string, string>;
  clock?: Clock;
  /** A logger of the test's own (e.g. to read what was logged). */
  log?: Logger;
  /**
   * 'real': the fictional town loaded as ordinary (non-demo) organisations, without sandbox accounts, for tests
   * of the real platforms (which cannot touch the demo). Default: whatever DEMO gives (the demo unless a platform is on).
   */
  town?: 'real' | 'demo';
}

/** The real service (web + workers) on a fresh database and a Redis prefix of its own. */
export async function startTestService(options: TestServiceOptions = {}): Promise<TestService> {
  const database = await createTestDatabase(options.db ?? 'postgres');
  const prefix = uniquePrefix();
  const dataDir = mkdtempSync(join(tmpdir(), 'zhibu-test-'));
  const service = await startService({
    env: {
      PORT: '0',
      HOST: '127.0.0.1',
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      DATA_DIR: dataDir,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      // Tests send many sandbox messages from one address; test/security/sandboxExposure.test.ts sets its own limit.
      SANDBOX_RATE_PER_MINUTE: '100000',
      // Tests start from the bare demo town; test/app/demoHistory.test.ts covers the history.
      DEMO_HISTORY: '0',
      ...(database.url ? { DATABASE_URL: database.url } : {}),
      ...(options.town === 'real' ? { DEMO: '0' } : {}),
      ...options.env,
    },
    ...(database.pgliteDir ? { pgliteDir: database.pgliteDir } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  if (options.town === 'real') await seedTown(service.database.prisma, { demo: false });
  const url = service.url!;
  const say: TestService['say'] = async (group, user, text, extra = {}) => {
    const response = await fetch(`${url}/sandbox/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ group, user, text, ...extra }),
    });
    if (!response.ok) throw new Error(`sandbox answered ${response.status}: ${await response.text()}`);
    return ((await response.json()) as { replies: SandboxReply[] }).replies;
  };
  return Object.assign(service, {
    url,
    prefix,
    dataDir,
    say,
    sayText: async (group: string, user: string, text: string) => (await say(group, user, text)).map((r) => r.text),
    async stop() {
      await service.close();
      await database.drop();
      await deletePrefix(prefix);
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}
