import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../support/startTestService.ts';
import { startPrivateRedis, type PrivateRedis } from '../support/privateRedis.ts';
import { until } from '../support/until.ts';

const GROUP = 'sb-group-dongwan';
const USER = 'sb-dw-secretary';

async function post(service: TestService, messageId: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`${service.url}/sandbox/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ group: GROUP, user: USER, text: '/我的', messageId }),
  });
  return { status: response.status, body: await response.text() };
}

describe('Redis frozen (connections open, no answers) while events arrive', () => {
  let redis: PrivateRedis;
  let admin: Redis;
  let service: TestService;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    redis = await startPrivateRedis();
    admin = new Redis(redis.url);
    service = await startTestService({ env: { REDIS_URL: redis.url } });
  });
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    admin?.disconnect();
    await service?.stop();
    await redis?.remove();
  });

  it('answers 503 during the freeze, stays alive, and processes every event exactly once afterwards', async () => {
    expect((await post(service, 'freeze-before')).status).toBe(200);

    // Every client of this Redis stalls for 12 s, as when the server hangs on a slow disk or a long command.
    await admin.call('CLIENT', 'PAUSE', '12000', 'ALL');
    const during = await Promise.all(['freeze-d1', 'freeze-d2', 'freeze-d3'].map((id) => post(service, id)));
    for (const answer of during) {
      expect(answer.status).toBe(503);
      expect(JSON.parse(answer.body).error).toMatch(/服务暂时不可用|暂时等不到回复/);
    }

    // The process is still here: the platform re-delivers what was refused once Redis answers again.
    await until(async () => (await fetch(`${service.url}/healthz`)).status === 200, 30_000, 'healthz 200');
    for (const id of ['freeze-d1', 'freeze-d2', 'freeze-d3']) expect((await post(service, id)).status).toBe(200);

    const db = service.database.prisma;
    const all = ['freeze-before', 'freeze-d1', 'freeze-d2', 'freeze-d3'];
    await until(async () => (await db.inboundEvent.count({ where: { processedAt: { not: null } } })) === all.length, 30_000, 'events processed');
    const events = await db.inboundEvent.findMany({ select: { eventId: true } });
    expect(events.map((e) => e.eventId).sort()).toEqual([...all].sort());
    await until(async () => (await db.outboundDelivery.count({ where: { status: 'SENT' } })) === all.length, 30_000, 'replies sent');
    expect(await db.outboundDelivery.count()).toBe(all.length);
    expect(unhandled).toEqual([]);
  }, 120_000);
});
