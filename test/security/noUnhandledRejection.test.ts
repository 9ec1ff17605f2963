import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../support/startTestService.ts';
import { startPrivateRedis, type PrivateRedis } from '../support/privateRedis.ts';
import { until } from '../support/until.ts';

const GROUP = 'sb-group-dongwan';
const LEADING = 'sb-group-leading';

async function postReflection(service: TestService, id: string): Promise<number> {
  const response = await fetch(`${service.url}/sandbox/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      group: GROUP,
      user: 'sb-dw-member',
      text: `/学习心得 体会${id}\n第${id}篇：通过学习，我认识到要把党建工作落到实处。`,
      messageId: id,
    }),
  });
  await response.arrayBuffer();
  return response.status;
}

/**
 * Redis stopped, then frozen, while 学习心得 keep arriving, with a listener that fails the test on any unhandled
 * rejection. Whatever was refused (503) is delivered again, as platforms do. Counted in the database at the end:
 * each 学习心得 filed once, each receipt and each review notice sent once.
 */
describe('Redis outage and freeze: no unhandled rejection, nothing lost or doubled', () => {
  let redis: PrivateRedis;
  let admin: Redis;
  let service: TestService;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    redis = await startPrivateRedis({ persistent: true });
    service = await startTestService({ env: { REDIS_URL: redis.url } });
  });
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    admin?.disconnect();
    await service?.stop();
    await redis?.remove();
  });

  it('rides out both and files, answers and notifies every 学习心得 exactly once', async () => {
    const accepted: string[] = [];
    const refused: string[] = [];
    const send = async (id: string) => ((await postReflection(service, id)) === 200 ? accepted : refused).push(id);

    for (const id of ['r1', 'r2']) await send(id);
    expect(accepted).toEqual(['r1', 'r2']);

    // Outage: Redis killed while messages arrive, some of them in the middle of being handled.
    const inFlight = Promise.all(['r3', 'r4', 'r5'].map((id) => send(id)));
    await new Promise((r) => setTimeout(r, 50));
    await redis.kill();
    await inFlight;
    for (const id of ['o1', 'o2', 'o3']) {
      await send(id);
      await new Promise((r) => setTimeout(r, 1500));
    }
    await redis.restart();
    await until(async () => (await fetch(`${service.url}/healthz`)).status === 200, 30_000, 'healthz after the outage');

    // Freeze: every client stalls for 8 s.
    admin = new Redis(redis.url);
    await admin.call('CLIENT', 'PAUSE', '8000', 'ALL');
    await Promise.all(['f1', 'f2', 'f3'].map((id) => send(id)));
    await until(async () => (await fetch(`${service.url}/healthz`)).status === 200, 30_000, 'healthz after the freeze');

    // The platform delivers again what was refused.
    for (const id of [...refused]) {
      refused.splice(refused.indexOf(id), 1);
      await send(id);
    }
    expect(refused).toEqual([]);
    const all = ['r1', 'r2', 'r3', 'r4', 'r5', 'o1', 'o2', 'o3', 'f1', 'f2', 'f3'];
    expect([...accepted].sort()).toEqual([...all].sort());

    const db = service.database.prisma;
    await until(async () => (await db.inboundEvent.count({ where: { processedAt: { not: null } } })) === all.length, 60_000, 'events processed');
    await until(async () => (await db.outboundDelivery.count({ where: { status: 'SENT' } })) === all.length * 2, 60_000, 'receipts and notices sent');
    const briefings = await db.briefing.groupBy({ by: ['title'], where: { kind: 'REFLECTION' }, _count: true });
    expect(briefings.map((b) => [b.title, b._count]).sort()).toEqual(all.map((id) => [`体会${id}`, 1]).sort());
    const deliveries = await db.outboundDelivery.findMany({ select: { id: true, chatId: true, kind: true, status: true } });
    expect(deliveries).toHaveLength(all.length * 2);
    expect(deliveries.filter((d) => d.chatId === GROUP && d.kind === 'briefing_submitted')).toHaveLength(all.length);
    expect(deliveries.filter((d) => d.chatId === LEADING)).toHaveLength(all.length);
    const log = (await (await fetch(`${service.url}/sandbox/api/groups/${GROUP}/messages`)).json()) as { messages: { from: string; text: string }[] };
    expect(log.messages.filter((m) => m.from === 'bot' && m.text.includes('学习心得已报送'))).toHaveLength(all.length);
    expect(log.messages.filter((m) => m.text.includes('已经报送过了'))).toEqual([]);
    expect(unhandled).toEqual([]);
  }, 180_000);
});
