import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { LarkAdapter } from '../../../bots/lark/LarkAdapter.ts';
import type { Ingest } from '../../../bots/ChatAdapter.ts';
import type { ChatEvent } from '../../../src/engine/chat/ChatEvent.ts';
import { InboundReplies } from '../../../jobs/InboundReplies.ts';
import { createQueues, type Queues } from '../../../jobs/queues.ts';
import { createRedis } from '../../../src/core/redis/createRedis.ts';
import { FakeLarkServer, FAKE_BOT_OPEN_ID } from '../../support/fakeLarkServer.ts';
import { cardActionEvent, messageEvent, TEST_LARK } from '../../support/larkEvents.ts';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../../support/testRedis.ts';

async function until(check: () => boolean, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('long connection (LARK_MODE=ws) through the SDK WSClient against a fake Feishu endpoint', () => {
  let fake: FakeLarkServer;
  let adapter: LarkAdapter;
  let queues: Queues;
  const redis = createRedis(TEST_REDIS_URL, 'worker');
  const prefix = uniquePrefix('larkws');
  const ingested: ChatEvent[] = [];
  const ingest: Ingest = async (event) => {
    ingested.push(event);
    return { queued: true, jobId: `LARK-${event.eventId}` };
  };

  beforeAll(async () => {
    fake = await new FakeLarkServer().start();
    queues = createQueues(redis, prefix);
    adapter = new LarkAdapter({
      appId: TEST_LARK.appId,
      appSecret: TEST_LARK.appSecret,
      domain: fake.url,
      mode: 'ws',
      timestampToleranceSeconds: 300,
      bodyLimitBytes: 65536,
      maxImageBytes: 1024 * 1024,
      redis,
      prefix,
      replies: new InboundReplies({ queues, eventsConnection: () => createRedis(TEST_REDIS_URL, 'worker'), prefix }),
      log: pino({ level: 'silent' }),
      wsPingTimeoutSeconds: 1,
      cardWaitMs: 300,
    });
    await adapter.connect(ingest);
    await until(() => fake.longConnection.connections >= 1, 'the long connection');
    // The client pings as soon as the socket opens; once a ping arrived its frame handlers are in place.
    await until(() => fake.longConnection.pings.length >= 1, 'the first ping');
  });

  afterAll(async () => {
    await adapter?.disconnect();
    await queues?.close();
    redis.disconnect();
    await fake?.stop();
    await deletePrefix(prefix);
  });

  it('normalises and ingests a message pushed over the connection, and acknowledges the frame', async () => {
    const event = messageEvent({
      chatId: 'oc_ws_group',
      senderOpenId: 'ou_ws_user',
      messageType: 'text',
      content: { text: '@_user_1 /积分' },
      mentions: [{ key: '@_user_1', openId: FAKE_BOT_OPEN_ID, name: '支部助手' }],
    });
    const answer = await fake.longConnection.pushEvent(event, 'ws-msg-1');
    expect(JSON.parse(answer.payload!.toString('utf8'))).toMatchObject({ code: 200 });
    const got = ingested.find((e) => e.eventId === event.header.event_id);
    expect(got).toMatchObject({
      platform: 'LARK',
      kind: 'message',
      chatId: 'oc_ws_group',
      text: '/积分',
      mentionsBot: true,
      sender: { platformUserId: 'ou_ws_user' },
    });
  });

  it('answers a card callback over the connection with a toast', async () => {
    const event = cardActionEvent({ chatId: 'oc_ws_group', operatorOpenId: 'ou_ws_user', messageId: 'om_ws_card', command: '/收到 T-1' });
    const answer = await fake.longConnection.pushEvent(event, 'ws-card-1');
    const payload = JSON.parse(answer.payload!.toString('utf8')) as { code: number; data: string };
    expect(payload.code).toBe(200);
    const callback = JSON.parse(Buffer.from(payload.data, 'base64').toString('utf8')) as { toast: { content: string } };
    // No worker runs in this test, so the command cannot finish within the wait: the toast says it is on its way.
    expect(callback.toast.content).toBe('已收到，正在处理');
    expect(ingested.find((e) => e.eventId === event.header.event_id)).toMatchObject({ kind: 'card_action', text: '/收到 T-1', cardMessageId: 'om_ws_card' });
  });

  it('notices a half-open socket (pings go unanswered) and connects again', async () => {
    const before = fake.longConnection.connections;
    fake.longConnection.silent = true;
    await until(() => fake.longConnection.connections > before, 'a reconnect after the ping timeout');
    fake.longConnection.silent = false;
    const pings = fake.longConnection.pings.length;
    await until(() => fake.longConnection.pings.length > pings, 'a ping on the new connection');
    const event = messageEvent({ chatId: 'oc_ws_group', senderOpenId: 'ou_ws_user', messageType: 'text', content: { text: '/帮助' }, chatType: 'p2p' });
    const answer = await fake.longConnection.pushEvent(event, 'ws-msg-2');
    expect(JSON.parse(answer.payload!.toString('utf8'))).toMatchObject({ code: 200 });
    expect(ingested.some((e) => e.eventId === event.header.event_id)).toBe(true);
  });
});
