import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../support/startTestService.ts';
import { startPrivateRedis, type PrivateRedis } from '../support/privateRedis.ts';

const GROUP = 'sb-group-dongwan';
const USER = 'sb-dw-secretary';

async function post(service: TestService, messageId: string): Promise<number> {
  const response = await fetch(`${service.url}/sandbox/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ group: GROUP, user: USER, text: '/我的', messageId }),
  });
  await response.arrayBuffer();
  return response.status;
}

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('Redis stopped for 20 seconds while events arrive', () => {
  let redis: PrivateRedis;
  let service: TestService;
  beforeAll(async () => {
    redis = await startPrivateRedis({ persistent: true });
    service = await startTestService({ env: { REDIS_URL: redis.url } });
  });
  afterAll(async () => {
    await service?.stop();
    await redis?.remove();
  });

  it('answers 503 while it is down, then processes every event exactly once after it returns', async () => {
    const before = ['a1', 'a2', 'a3'].map((id) => `outage-${id}`);
    for (const id of before) expect(await post(service, id)).toBe(200);

    await redis.kill();
    const duringDown = Array.from({ length: 6 }, (_, i) => `outage-d${i}`);
    const refused: string[] = [];
    const downSince = Date.now();
    for (const id of duringDown) {
      const status = await post(service, id);
      expect(status).toBe(503);
      refused.push(id);
      await new Promise((r) => setTimeout(r, 2500));
    }
    const health = await fetch(`${service.url}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ redis: 'down', database: 'ok' });
    await new Promise((r) => setTimeout(r, Math.max(0, 20_000 - (Date.now() - downSince))));
    await redis.restart();

    // The platform delivers again what was refused; the workers must have resumed on their own.
    await until(async () => (await fetch(`${service.url}/healthz`)).status === 200, 15_000);
    for (const id of refused) expect(await post(service, id)).toBe(200);

    const all = [...before, ...refused];
    const db = service.database.prisma;
    await until(async () => (await db.inboundEvent.count({ where: { processedAt: { not: null } } })) === all.length, 30_000);
    const events = await db.inboundEvent.findMany({ select: { eventId: true, processedAt: true } });
    expect(events.map((e) => e.eventId).sort()).toEqual(all.sort());
    const deliveries = await db.outboundDelivery.findMany({ select: { id: true, status: true } });
    expect(deliveries).toHaveLength(all.length);
    expect(deliveries.every((d) => d.status === 'SENT')).toBe(true);
    const botLines = (await (await fetch(`${service.url}/sandbox/api/groups/${GROUP}/messages`)).json()) as { messages: { from: string }[] };
    expect(botLines.messages.filter((m) => m.from === 'bot')).toHaveLength(all.length);
  }, 120_000);
});
