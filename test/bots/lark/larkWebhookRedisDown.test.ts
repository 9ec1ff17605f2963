import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { LarkAdapter } from '../../../bots/lark/LarkAdapter.ts';
import { InboundReplies } from '../../../jobs/InboundReplies.ts';
import { createQueues, type Queues } from '../../../jobs/queues.ts';
import { createIngest } from '../../../jobs/createIngest.ts';
import { createRedis, waitUntilReady } from '../../../src/core/redis/createRedis.ts';
import { TEST_REDIS_URL, uniquePrefix } from '../../support/testRedis.ts';
import { createApp } from '../../../src/app/server/createApp.ts';
import type { Db } from '../../../src/core/db/openDatabase.ts';
import { FakeLarkServer } from '../../support/fakeLarkServer.ts';
import { feishuRequest, messageEvent, TEST_LARK } from '../../support/larkEvents.ts';

describe('Feishu webhook while Redis is unreachable', () => {
  let fake: FakeLarkServer;
  let queues: Queues;
  let producer: ReturnType<typeof createRedis>;
  let adapter: LarkAdapter;
  let proxy: Server;
  const sockets = new Set<Socket>();
  const prefix = uniquePrefix('larkdown');

  beforeAll(async () => {
    fake = await new FakeLarkServer().start();
    // A TCP relay in front of the real Redis, so the test can take Redis away after the service started.
    const target = new URL(TEST_REDIS_URL);
    proxy = createServer((client) => {
      const upstream = connect(Number(target.port || 6379), target.hostname);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('error', () => undefined);
        s.on('close', () => sockets.delete(s));
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    producer = createRedis(`redis://127.0.0.1:${(proxy.address() as AddressInfo).port}`, 'producer');
    await waitUntilReady(producer);
    queues = createQueues(producer, prefix);
    await queues.inbound.count();
    adapter = new LarkAdapter({
      appId: TEST_LARK.appId,
      appSecret: TEST_LARK.appSecret,
      encryptKey: TEST_LARK.encryptKey,
      verificationToken: TEST_LARK.verificationToken,
      domain: fake.url,
      mode: 'webhook',
      timestampToleranceSeconds: 300,
      bodyLimitBytes: 65536,
      maxImageBytes: 1024 * 1024,
      redis: producer,
      prefix,
      replies: new InboundReplies({ queues, eventsConnection: () => producer, prefix }),
      log: pino({ level: 'silent' }),
    });
  });

  afterAll(async () => {
    await queues?.close().catch(() => undefined);
    producer?.disconnect();
    await fake?.stop();
    proxy?.close();
  });

  it('answers 503 so that Feishu delivers the event again later', async () => {
    await adapter.resolveBotOpenId();
    proxy.close();
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const app = createApp({ db: {} as Db, redis: producer, log: pino({ level: 'silent' }), adapters: [adapter], ingest: createIngest(queues) });
    const request = feishuRequest(messageEvent({ chatId: 'oc_1', senderOpenId: 'ou_s', messageType: 'text', content: { text: '/帮助' } }));
    const response = await app.request('/webhooks/lark', { method: 'POST', headers: request.headers, body: request.body });
    expect(response.status).toBe(503);
    expect(((await response.json()) as { error: string }).error).toContain('稍后重试');
  });
});
