import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { Hono } from 'hono';
import { serve, type ServerType } from '@hono/node-server';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import type { BenchCase, BenchFigure } from '../BenchCase.ts';
import { round } from '../BenchCase.ts';
import { benchLarkAdapter } from '../benchLarkAdapter.ts';
import { createQueues } from '../../jobs/queues.ts';
import { createIngest } from '../../jobs/createIngest.ts';
import { createRedis } from '../../src/core/redis/createRedis.ts';
import { FakeLarkServer, FAKE_BOT_OPEN_ID } from '../../test/support/fakeLarkServer.ts';
import { feishuRequest, messageEvent } from '../../test/support/larkEvents.ts';

const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 20;

async function listen(app: Hono): Promise<{ url: string; server: ServerType }> {
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function run(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/**
 * Webhook ingest: signed, encrypted `im.message.receive_v1` events, each with its own event_id, against
 * /webhooks/lark (verify signature → decrypt → check token → normalise → enqueue on Redis → 200), beside a
 * bare Hono route that only answers 200, in the same process and the same run.
 */
const larkWebhookIngest: BenchCase = {
  name: 'larkWebhookIngest',
  async run(): Promise<BenchFigure[]> {
    const prefix = `zb_bench_${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
    const fake = await new FakeLarkServer().start();
    const producer = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'producer');
    const events: Redis[] = [];
    const queues = createQueues(producer, prefix);
    const adapter = benchLarkAdapter({
      fakeUrl: fake.url,
      redis: producer,
      prefix,
      queues,
      eventsConnection: () => {
        const r = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'worker');
        events.push(r);
        return r;
      },
      log: pino({ level: 'silent' }),
    });
    await adapter.resolveBotOpenId();

    const larkApp = new Hono();
    adapter.mountRoutes(larkApp, createIngest(queues));
    // The same route with an ingest that queues nothing: what the webhook costs before Redis.
    const noQueueApp = new Hono();
    adapter.mountRoutes(noQueueApp, async () => ({ queued: false, jobId: null }));
    const bareApp = new Hono();
    bareApp.post('/webhooks/lark', (c) => c.json({}));
    const lark = await listen(larkApp);
    const bare = await listen(bareApp);
    const noQueue = await listen(noQueueApp);

    // Every request a distinct event, encrypted and signed beforehand so the load generator measures the server.
    const pool = Array.from({ length: 60_000 }, (_, i) =>
      feishuRequest(
        messageEvent({
          chatId: 'oc_bench_group',
          senderOpenId: `ou_bench_${i % 200}`,
          messageType: 'text',
          content: { text: `@_user_1 /帮助 ${i}` },
          mentions: [{ key: '@_user_1', openId: FAKE_BOT_OPEN_ID, name: '支部助手' }],
        }),
      ),
    );
    let next = 0;
    const request = () => {
      const r = pool[next++ % pool.length]!;
      return { method: 'POST' as const, path: '/webhooks/lark', headers: r.headers, body: r.body };
    };
    const setupRequest = (req: autocannon.Request) => ({ ...req, ...request() });

    try {
      const probe = request();
      const probeResponse = await fetch(`${lark.url}/webhooks/lark`, { method: 'POST', headers: probe.headers, body: probe.body });
      if (probeResponse.status !== 200) throw new Error(`webhook answered ${probeResponse.status}: ${await probeResponse.text()}`);
      const bareResult = await run({ url: bare.url, method: 'POST', connections: CONNECTIONS, duration: DURATION_SECONDS, requests: [{ setupRequest }] });
      const noQueueResult = await run({ url: noQueue.url, method: 'POST', connections: CONNECTIONS, duration: DURATION_SECONDS, requests: [{ setupRequest }] });
      const larkResult = await run({ url: lark.url, method: 'POST', connections: CONNECTIONS, duration: DURATION_SECONDS, requests: [{ setupRequest }] });
      const non2xx = larkResult.non2xx + larkResult.errors;
      if (process.env.BENCH_DEBUG) console.error(JSON.stringify((larkResult as unknown as { statusCodeStats: unknown }).statusCodeStats));
      const queued = await queues.inbound.count();
      return [
        { name: 'bare Hono 200 requests/s', value: round(bareResult.requests.average, 0), unit: 'req/s' },
        { name: 'bare Hono 200 p99', value: bareResult.latency.p99, unit: 'ms' },
        { name: '/webhooks/lark requests/s', value: round(larkResult.requests.average, 0), unit: 'req/s' },
        { name: '/webhooks/lark p99', value: larkResult.latency.p99, unit: 'ms' },
        { name: '/webhooks/lark without the queue requests/s', value: round(noQueueResult.requests.average, 0), unit: 'req/s' },
        { name: '/webhooks/lark non-2xx or errors', value: non2xx, unit: 'count' },
        { name: '/webhooks/lark events queued', value: queued, unit: 'count' },
        { name: 'throughput ratio lark / bare', value: round(larkResult.requests.average / bareResult.requests.average, 3), unit: 'x' },
        { name: 'p99 ratio lark / bare', value: round(larkResult.latency.p99 / Math.max(bareResult.latency.p99, 1), 2), unit: 'x' },
      ];
    } finally {
      await new Promise<void>((resolve) => lark.server.close(() => resolve()));
      await new Promise<void>((resolve) => bare.server.close(() => resolve()));
      await new Promise<void>((resolve) => noQueue.server.close(() => resolve()));
      await adapter.disconnect();
      await queues.close();
      let cursor = '0';
      do {
        const [nextCursor, keys] = await producer.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
        cursor = nextCursor;
        if (keys.length > 0) await producer.del(...keys);
      } while (cursor !== '0');
      producer.disconnect();
      for (const r of events) r.disconnect();
      await fake.stop();
    }
  },
};

export default larkWebhookIngest;
