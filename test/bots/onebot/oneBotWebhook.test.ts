import { afterAll, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { Redis } from 'ioredis';
import pino from 'pino';
import type { ChatEvent } from '../../../src/engine/chat/ChatEvent.ts';
import { OneBotAdapter, type OneBotAdapterOptions } from '../../../bots/onebot/OneBotAdapter.ts';
import { signOneBotBody } from '../../support/platformSigning.ts';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../../support/testRedis.ts';

const SECRET = 'test-onebot-secret';
const redis = new Redis(TEST_REDIS_URL);
const prefix = uniquePrefix('obwh');

afterAll(async () => {
  redis.disconnect();
  await deletePrefix(prefix);
});

function setup(options: Partial<OneBotAdapterOptions> = {}, ingestError?: Error) {
  const events: ChatEvent[] = [];
  const adapter = new OneBotAdapter({
    timeoutMs: 1000,
    bodyLimitBytes: 4096,
    maxImageBytes: 1024,
    pacer: { waitTurn: async () => 0 },
    redis,
    prefix,
    log: pino({ level: 'silent' }),
    ...options,
  });
  const app = new Hono();
  adapter.mountRoutes(app, async (event) => {
    if (ingestError) throw ingestError;
    events.push(event);
    return { queued: true, jobId: event.eventId };
  });
  const post = (body: string, headers: Record<string, string> = {}, remote = '127.0.0.1') =>
    app.request(
      '/webhooks/onebot',
      { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body },
      { incoming: { socket: { remoteAddress: remote } } },
    );
  return { events, post };
}

const groupMessage = JSON.stringify({
  time: 1795000000,
  self_id: 10001,
  post_type: 'message',
  message_type: 'group',
  message_id: 1,
  group_id: 700001,
  user_id: 20002,
  message: [{ type: 'text', data: { text: '/帮助' } }],
  sender: { nickname: '小王' },
});

describe('POST /webhooks/onebot', () => {
  it('accepts a correctly signed group message and queues it', async () => {
    const { events, post } = setup({ secret: SECRET });
    const response = await post(groupMessage, { 'x-signature': signOneBotBody(SECRET, groupMessage) }, '203.0.113.9');
    expect(response.status).toBe(204);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ platform: 'QQ', eventId: '10001-1', chatId: '700001', text: '/帮助' });
  });

  it('refuses a wrong or missing signature with 401 and queues nothing', async () => {
    const { events, post } = setup({ secret: SECRET });
    expect((await post(groupMessage, { 'x-signature': signOneBotBody('other-secret', groupMessage) })).status).toBe(401);
    expect((await post(groupMessage)).status).toBe(401);
    // The signature covers the raw bytes: the same JSON re-spaced does not pass.
    const respaced = JSON.stringify(JSON.parse(groupMessage), null, 1);
    expect((await post(respaced, { 'x-signature': signOneBotBody(SECRET, groupMessage) })).status).toBe(401);
    expect(events).toHaveLength(0);
  });

  it('answers 400 to a body that is not JSON and 413 to one over the limit', async () => {
    const { events, post } = setup({ secret: SECRET });
    const broken = '{"self_id": 1,';
    expect((await post(broken, { 'x-signature': signOneBotBody(SECRET, broken) })).status).toBe(400);
    const huge = JSON.stringify({ self_id: 1, post_type: 'message', pad: 'x'.repeat(5000) });
    expect((await post(huge, { 'x-signature': signOneBotBody(SECRET, huge) })).status).toBe(413);
    expect(events).toHaveLength(0);
  });

  it('without a secret accepts only loopback by default', async () => {
    const { events, post } = setup();
    expect((await post(groupMessage, {}, '198.51.100.7')).status).toBe(403);
    expect((await post(groupMessage, {}, '::ffff:127.0.0.1')).status).toBe(204);
    expect(events).toHaveLength(1);
  });

  it('without a secret accepts the configured address and refuses the rest', async () => {
    const { events, post } = setup({ allowedAddress: '10.0.0.5, 10.0.0.6' });
    expect((await post(groupMessage, {}, '127.0.0.1')).status).toBe(403);
    expect((await post(groupMessage, {}, '10.0.0.6')).status).toBe(204);
    expect(events).toHaveLength(1);
  });

  it('ignores meta events, notices and private messages with 204', async () => {
    const { events, post } = setup();
    const heartbeat = JSON.stringify({ time: 1, self_id: 10001, post_type: 'meta_event', meta_event_type: 'heartbeat', interval: 5000 });
    const privateMessage = JSON.stringify({ ...JSON.parse(groupMessage), message_type: 'private', group_id: undefined, message_id: 2 });
    const poke = JSON.stringify({ time: 1, self_id: 10001, post_type: 'notice', notice_type: 'notify', sub_type: 'poke', group_id: 1, user_id: 2 });
    for (const body of [heartbeat, privateMessage, poke]) expect((await post(body)).status).toBe(204);
    expect(events).toHaveLength(0);
  });

  it('turns the bot joining a group into a bot_added event', async () => {
    const { events, post } = setup();
    const joined = JSON.stringify({
      time: 5,
      self_id: 10001,
      post_type: 'notice',
      notice_type: 'group_increase',
      sub_type: 'invite',
      group_id: 700009,
      user_id: 10001,
      operator_id: 20002,
    });
    expect((await post(joined)).status).toBe(204);
    expect(events).toMatchObject([{ kind: 'bot_added', chatId: '700009' }]);
  });

  it('queues one event for a group file NapCat reports twice (a file segment and a group_upload notice)', async () => {
    const { events, post } = setup();
    const file = { id: '/9c1e-77aa', name: '名册.xlsx', size: 2048, busid: 102 };
    const notice = (extra: object = {}) =>
      JSON.stringify({ time: 9, self_id: 10001, post_type: 'notice', notice_type: 'group_upload', group_id: 700001, user_id: 20002, file, ...extra });
    const segmentMessage = JSON.stringify({
      ...JSON.parse(groupMessage),
      message_id: 77,
      message: [{ type: 'file', data: { file: file.name, file_id: 'nt-uuid-1', file_size: String(file.size) } }],
    });
    expect((await post(segmentMessage)).status).toBe(204);
    expect((await post(notice())).status).toBe(204);
    expect(events).toHaveLength(1);
    expect(events[0]!.files).toEqual([{ kind: 'onebot', groupId: '700001', fileId: 'nt-uuid-1', fileName: '名册.xlsx', size: 2048 }]);
    // Another sender's file of the same name, and the same sender's other file, are their own events.
    expect((await post(notice({ user_id: 20003 }))).status).toBe(204);
    expect((await post(notice({ file: { ...file, id: '/other', name: '名册（改）.xlsx' } }))).status).toBe(204);
    expect(events.map((e) => [e.sender.platformUserId, e.files?.[0]?.fileName])).toEqual([
      ['20002', '名册.xlsx'],
      ['20003', '名册.xlsx'],
      ['20002', '名册（改）.xlsx'],
    ]);
  });

  it('ignores the notice of a file the bot uploaded itself, and a group_upload notice it cannot read', async () => {
    const { events, post } = setup();
    const own = JSON.stringify({
      time: 9,
      self_id: 10001,
      post_type: 'notice',
      notice_type: 'group_upload',
      group_id: 700001,
      user_id: 10001,
      file: { id: '/own', name: '东湾村党支部-2026年党建台账.xlsx', size: 9000, busid: 102 },
    });
    const broken = JSON.stringify({
      time: 9,
      self_id: 10001,
      post_type: 'notice',
      notice_type: 'group_upload',
      group_id: 700001,
      user_id: 20002,
      file: { name: 'x.xlsx' },
    });
    expect((await post(own)).status).toBe(204);
    expect((await post(broken)).status).toBe(204);
    expect(events).toHaveLength(0);
  });

  it('lets the twin report of a file through when the first could not be queued', async () => {
    const failing = setup({}, new Error("Stream isn't writeable and enableOfflineQueue options is false"));
    const body = JSON.stringify({
      time: 9,
      self_id: 10001,
      post_type: 'notice',
      notice_type: 'group_upload',
      group_id: 700002,
      user_id: 20002,
      file: { id: '/retry-me', name: '名册.csv', size: 100, busid: 102 },
    });
    expect((await failing.post(body)).status).toBe(503);
    const working = setup();
    expect((await working.post(body)).status).toBe(204);
    expect(working.events).toHaveLength(1);
  });

  it('answers 503 when the queue cannot be reached, so OneBot may send again', async () => {
    const { post } = setup({}, new Error("Stream isn't writeable and enableOfflineQueue options is false"));
    expect((await post(groupMessage)).status).toBe(503);
  });
});
