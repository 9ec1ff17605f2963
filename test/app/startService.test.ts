import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startService, type Service } from '../../src/app/startService.ts';
import { RedisUnavailableError } from '../../src/core/redis/createRedis.ts';
import { startTestService, type TestService } from '../support/startTestService.ts';
import { freePort, startPrivateRedis, type PrivateRedis } from '../support/privateRedis.ts';
import pg from 'pg';
import { createTestDatabase, TEST_POSTGRES_URL, type TestDatabase } from '../support/testDatabase.ts';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../support/testRedis.ts';

async function health(url: string) {
  const response = await fetch(`${url}/healthz`);
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

describe('health check with Redis going away', () => {
  let redis: PrivateRedis;
  let service: TestService;
  afterAll(async () => {
    await redis?.restart().catch(() => undefined);
    await service?.stop();
    await redis?.remove();
  });

  it('reports 200 while database and Redis answer, 503 with redis: down when Redis stops, and recovers', async () => {
    redis = await startPrivateRedis();
    service = await startTestService({ env: { REDIS_URL: redis.url } });
    expect(await health(service.url)).toEqual({ status: 200, body: { status: 'ok', database: 'ok', redis: 'ok' } });

    await redis.kill();
    expect(await health(service.url)).toEqual({ status: 503, body: { status: 'unavailable', database: 'ok', redis: 'down' } });

    await redis.restart();
    let recovered = await health(service.url);
    for (let i = 0; i < 50 && recovered.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 200));
      recovered = await health(service.url);
    }
    expect(recovered.body).toEqual({ status: 'ok', database: 'ok', redis: 'ok' });
  });
});

describe('health check with the database going away', () => {
  let service: TestService;
  afterAll(async () => {
    await service?.stop();
  });

  it('reports 503 with database: down when PostgreSQL drops the database', async () => {
    service = await startTestService({ db: 'postgres' });
    expect((await health(service.url)).status).toBe(200);
    const name = new URL(service.config.DATABASE_URL!).pathname.slice(1);
    const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
    } finally {
      await admin.end();
    }
    expect(await health(service.url)).toEqual({ status: 503, body: { status: 'unavailable', database: 'down', redis: 'ok' } });
  });
});

describe('start-up without Redis', () => {
  it('stops with one clear Chinese line naming where it looked and how to start Redis', async () => {
    const port = await freePort();
    const url = `redis://127.0.0.1:${port}`;
    const started = startService({ env: { REDIS_URL: url, LOG_LEVEL: 'silent', PORT: '0' }, pgliteDir: 'memory://' });
    await expect(started).rejects.toBeInstanceOf(RedisUnavailableError);
    const message = await started.catch((error: Error) => error.message);
    expect(message).toContain(`无法连接 Redis：${url}`);
    expect(message).toContain('请先启动 Redis');
    expect(message).toContain('REDIS_URL');
    expect(message).not.toContain('\n');
  });

  it('never shows a password from REDIS_URL', async () => {
    const port = await freePort();
    const started = startService({ env: { REDIS_URL: `redis://:hunter2@127.0.0.1:${port}`, LOG_LEVEL: 'silent' }, pgliteDir: 'memory://' });
    const message = await started.then(
      () => 'started',
      (error: Error) => error.message,
    );
    expect(message).toContain('***@127.0.0.1');
    expect(message).not.toContain('hunter2');
  });
});

describe('web and worker roles running apart', () => {
  let testDb: TestDatabase;
  const prefix = uniquePrefix('roles');
  const services: Service[] = [];
  afterEach(async () => {
    for (const service of services.splice(0).reverse()) await service.close();
    await testDb?.drop();
    await deletePrefix(prefix);
  });

  it('a web-only process takes the message, a worker-only process answers it', async () => {
    testDb = await createTestDatabase('postgres');
    const env = { DATABASE_URL: testDb.url!, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix, LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1' };

    const web = await startService({ env: { ...env, ROLE: 'web' } });
    services.push(web);
    expect(web.url).not.toBeNull();
    expect(await web.queues.inbound.getWorkers()).toEqual([]);

    const answered = fetch(`${web.url}/sandbox/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ group: 'sb-group-dongwan', user: 'sb-dw-member', text: '/我的', messageId: 'roles-1' }),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as { replies: { text: string }[] } }));

    // The message waits in the queue: nothing in the web process works on it.
    let waiting = 0;
    for (let i = 0; i < 100 && waiting === 0; i++) {
      waiting = (await web.queues.inbound.getJobCounts('waiting')).waiting ?? 0;
      if (waiting === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(waiting).toBe(1);
    expect(await web.database.prisma.inboundEvent.count()).toBe(0);

    const worker = await startService({ env: { ...env, ROLE: 'worker' } });
    services.push(worker);
    expect(worker.url).toBeNull();

    const { status, body } = await answered;
    expect(status).toBe(200);
    expect(body.replies[0]!.text).toContain('我的信息 · 赵大勇');
    expect((await web.queues.inbound.getWorkers()).length).toBeGreaterThan(0);
    const event = await web.database.prisma.inboundEvent.findFirstOrThrow({ where: { eventId: 'roles-1' } });
    expect(event.processedAt).not.toBeNull();
  });
});
