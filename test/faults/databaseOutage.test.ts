import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type Service } from '../../src/app/startService.ts';
import { createIngest } from '../../jobs/createIngest.ts';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.ts';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../support/testRedis.ts';
import { TcpProxy } from '../support/tcpProxy.ts';

const GROUP = 'sb-group-dongwan';

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('the database unreachable for a while', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let service: Service;
  const prefix = uniquePrefix('dbdown');
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    const target = new URL(database.url!);
    proxy = await TcpProxy.start(target.hostname, Number(target.port || 5432));
    const viaProxy = new URL(database.url!);
    viaProxy.port = String(proxy.port);
    service = await startService({
      env: {
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: viaProxy.toString(),
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: prefix,
        DATA_DIR: '/tmp/zhibu-dbdown',
        LOG_LEVEL: 'silent',
      },
    });
  });
  afterAll(async () => {
    await service?.close();
    await proxy?.close();
    await database?.drop();
    await deletePrefix(prefix);
  });

  it('still queues what arrives, retries the jobs with backoff, and finishes each once when it is back', async () => {
    const ingest = createIngest(service.queues);
    const event = (i: number) => ({
      platform: 'SANDBOX' as const,
      eventId: `dbdown-${i}`,
      kind: 'message' as const,
      chatId: GROUP,
      chatType: 'group' as const,
      messageId: `dbdown-${i}`,
      sender: { platformUserId: 'sb-dw-secretary' },
      text: '/我的',
      mentionsBot: false,
      mentions: [],
      images: [],
      sentAt: new Date().toISOString(),
    });

    proxy.cut();
    const health = await fetch(`${service.url}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ database: 'down', redis: 'ok' });
    // What the webhooks do while the database is away: acknowledge, because the queue took it.
    for (let i = 0; i < 5; i++) await expect(ingest(event(i))).resolves.toMatchObject({ queued: true });
    await until(async () => {
      const jobs = await service.queues.inbound.getJobs(['delayed', 'wait', 'active']);
      return jobs.length === 5 && jobs.some((job) => job.attemptsMade > 0);
    }, 20_000);
    expect(await service.queues.inbound.getCompletedCount()).toBe(0);
    await new Promise((r) => setTimeout(r, 4000));

    proxy.restore();
    const db = service.database.prisma;
    await until(async () => (await db.inboundEvent.count({ where: { processedAt: { not: null } } })) === 5, 60_000);
    await until(async () => (await db.outboundDelivery.count({ where: { status: 'SENT' } })) === 5, 60_000);
    const replies = (await (await fetch(`${service.url}/sandbox/api/groups/${GROUP}/messages`)).json()) as { messages: { from: string; text: string }[] };
    const bot = replies.messages.filter((m) => m.from === 'bot');
    expect(bot).toHaveLength(5);
    expect(bot.every((m) => m.text.includes('李春生'))).toBe(true);
  }, 120_000);
});
