import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { TOPIC_ROBOT } from 'dingtalk-stream';
import { DingTalkAdapter } from '../../../bots/dingtalk/DingTalkAdapter.ts';
import { createQueues, type Queues } from '../../../jobs/queues.ts';
import { createIngest } from '../../../jobs/createIngest.ts';
import { createRedis, waitUntilReady } from '../../../src/core/redis/createRedis.ts';
import { FakeDingTalk } from '../../support/fakeDingTalk.ts';
import { TEST_DINGTALK, textMessage } from '../../support/dingTalkEvents.ts';
import { startPrivateRedis, type PrivateRedis } from '../../support/privateRedis.ts';
import { until } from '../../support/until.ts';

describe('DingTalk Stream while Redis cannot take the event', () => {
  let fake: FakeDingTalk;
  let privateRedis: PrivateRedis;
  let producer: ReturnType<typeof createRedis>;
  let queues: Queues;
  let adapter: DingTalkAdapter;

  beforeAll(async () => {
    fake = await new FakeDingTalk().start();
    fake.redeliverAfterMs = 300;
    privateRedis = await startPrivateRedis();
    producer = createRedis(privateRedis.url, 'producer');
    await waitUntilReady(producer);
    queues = createQueues(producer, 'dtdown');
    adapter = new DingTalkAdapter({
      ...TEST_DINGTALK,
      gatewayUrl: fake.gatewayUrl,
      apiBase: fake.url,
      oapiBase: fake.url,
      cardTemplateId: 'test-template.schema',
      timeoutMs: 5000,
      maxImageBytes: 1024 * 1024,
      redis: producer,
      prefix: 'dtdown',
      log: pino({ level: 'silent' }),
      ingestTimeoutMs: 500,
    });
    await adapter.connect(createIngest(queues));
    await until(() => fake.open, 20_000, 'the Stream connection');
  });

  afterAll(async () => {
    await adapter?.disconnect();
    await queues?.close().catch(() => undefined);
    producer?.disconnect();
    await fake?.stop();
    await privateRedis?.remove();
  });

  it('leaves the callback unacknowledged, so DingTalk delivers it again, and queues it once Redis is back', async () => {
    await privateRedis.kill();
    const message = textMessage('cidRedisDownGroup==', { staffId: '0316001', nick: '书记' }, '/积分');
    const acknowledged = fake.pushCallback(TOPIC_ROBOT, message, 'while-redis-down');
    // DingTalk pushed it more than once and got no answer while Redis was away.
    await until(() => fake.attempts('while-redis-down') >= 3, 20_000, 'three unanswered deliveries');
    await privateRedis.restart();
    const ack = await acknowledged;
    expect(ack.code).toBe(200);
    expect(fake.attempts('while-redis-down')).toBeGreaterThanOrEqual(4);
    await until(async () => (await queues.inbound.getJob(`DINGTALK-${message.msgId}`)) !== undefined, 20_000, 'the queued event');
    expect((await queues.inbound.getJob(`DINGTALK-${message.msgId}`))?.data).toMatchObject({ text: '/积分', chatId: 'cidRedisDownGroup==' });
  });
});
