import { createHmac, randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/core/log/logger.ts';
import { larkSignature } from '../../bots/lark/larkCrypto.ts';
import { encryptLarkPayload } from '../support/platformSigning.ts';
import { startTestService, type TestService } from '../support/startTestService.ts';
import { FakeLarkServer, FAKE_TENANT_TOKEN } from '../support/fakeLarkServer.ts';
import { FakeOneBotApi } from '../support/fakeOneBotApi.ts';
import { BOT_QQ, groupEvent } from '../support/oneBotEvents.ts';
import { feishuRequest, messageEvent, TEST_LARK } from '../support/larkEvents.ts';
import { TEST_REDIS_URL } from '../support/testRedis.ts';

/** Distinctive values, so a leak anywhere (a log line, a job, a Redis key) is found by plain text search. */
const SECRETS = {
  LARK_APP_SECRET: 'SecAppSecret7f3a9c1e',
  LARK_ENCRYPT_KEY: 'SecEncryptKey2b8d4e6f',
  LARK_VERIFICATION_TOKEN: 'SecVerifyToken5c7e9a1b',
  ONEBOT_SECRET: 'SecOneBotSecret3d5f7b9a',
  ONEBOT_ACCESS_TOKEN: 'SecOneBotAccess8e1c3a5d',
};
const LEAKS = [...Object.values(SECRETS), FAKE_TENANT_TOKEN];

const LARK_GROUP = 'oc_security_dongwan';
const LARK_USER = 'ou_security_secretary';
const QQ_GROUP = 700900;
const QQ_USER = 20901;
const LIMIT = 16 * 1024;

function signedLark(payload: unknown, options: { timestamp?: number; body?: string; contentType?: string } = {}) {
  const request = feishuRequest(payload, { encryptKey: SECRETS.LARK_ENCRYPT_KEY, ...(options.timestamp ? { timestamp: options.timestamp } : {}) });
  if (options.body !== undefined) {
    // Re-sign a body of our own (e.g. not JSON), exactly as Feishu would sign whatever it sends.
    const ts = request.headers['x-lark-request-timestamp']!;
    const nonce = request.headers['x-lark-request-nonce']!;
    request.body = options.body;
    request.headers['x-lark-signature'] = larkSignature(ts, nonce, SECRETS.LARK_ENCRYPT_KEY, options.body);
  }
  if (options.contentType !== undefined) request.headers['content-type'] = options.contentType;
  return request;
}

function oneBotSignature(raw: string, secret = SECRETS.ONEBOT_SECRET): string {
  return `sha1=${createHmac('sha1', secret).update(raw).digest('hex')}`;
}

describe('webhook security (running service, fake Feishu and OneBot)', () => {
  let service: TestService;
  let fakeLark: FakeLarkServer;
  let onebot: FakeOneBotApi;
  const logLines: string[] = [];

  async function inboundTotal(): Promise<number> {
    const counts = await service.queues.inbound.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized', 'waiting-children');
    return Object.values(counts).reduce((a, b) => a + b, 0);
  }

  const post = (path: string, body: BodyInit | null, headers: Record<string, string>) => fetch(`${service.url}${path}`, { method: 'POST', headers, body });

  beforeAll(async () => {
    fakeLark = await new FakeLarkServer().start();
    onebot = await new FakeOneBotApi().start();
    service = await startTestService({
      env: {
        LARK_APP_ID: TEST_LARK.appId,
        LARK_DOMAIN: fakeLark.url,
        ONEBOT_API_URL: onebot.url,
        ONEBOT_SEND_INTERVAL_MS: '10',
        ONEBOT_SEND_JITTER_MS: '0',
        WEBHOOK_BODY_LIMIT_BYTES: String(LIMIT),
        PHOTO_MAX_BYTES: String(1024 * 1024),
        // Real platforms on: the demo and the sandbox are opt-in; this test uses both.
        DEMO: '1',
        SANDBOX: '1',
        ...SECRETS,
      },
      log: createLogger('trace', { write: (line: string) => void logLines.push(line) }),
    });
    const db = service.database.prisma;
    // Feishu and QQ act on a real organisation (the demo is the sandbox's alone).
    const dongwan = await db.organization.create({ data: { name: '东湾村党支部（真实）', level: 'BRANCH', domain: 'VILLAGE' } });
    const secretary = await db.member.create({
      data: { name: '李春生', organizationId: dongwan.id, roles: { create: [{ role: 'SECRETARY', organizationId: dongwan.id }] } },
    });
    await db.chatGroup.create({ data: { platform: 'LARK', chatId: LARK_GROUP, name: '东湾村飞书群', organizationId: dongwan.id, purpose: 'BRANCH' } });
    await db.chatIdentity.create({ data: { platform: 'LARK', platformUserId: LARK_USER, displayName: '李春生', memberId: secretary.id } });
    await db.chatGroup.create({ data: { platform: 'QQ', chatId: String(QQ_GROUP), name: '东湾村QQ群', organizationId: dongwan.id, purpose: 'BRANCH' } });
    await db.chatIdentity.create({ data: { platform: 'QQ', platformUserId: String(QQ_USER), displayName: '李春生', memberId: secretary.id } });
  });
  afterAll(async () => {
    await service?.stop();
    await fakeLark?.stop();
    await onebot?.stop();
  });

  describe('/webhooks/lark', () => {
    const event = () =>
      messageEvent({ chatId: LARK_GROUP, senderOpenId: LARK_USER, messageType: 'text', content: { text: '/我的' }, token: SECRETS.LARK_VERIFICATION_TOKEN });

    it('refuses bad, missing, wrong-key and stale signatures, wrong content types, oversized, empty and non-JSON bodies, queueing nothing', async () => {
      const before = await inboundTotal();
      const good = signedLark(event());
      const cases: { name: string; status: number; request: { body: string | null; headers: Record<string, string> } }[] = [
        { name: 'bad signature', status: 401, request: { body: good.body, headers: { ...good.headers, 'x-lark-signature': 'a'.repeat(64) } } },
        { name: 'body changed after signing', status: 401, request: { body: good.body.replace('"}', ' "}'), headers: good.headers } },
        {
          name: 'missing signature headers',
          status: 401,
          request: { body: good.body, headers: { 'content-type': 'application/json' } },
        },
        { name: 'signed with another key', status: 401, request: feishuRequest(event(), { encryptKey: 'not-the-key' }) },
        { name: 'stale timestamp (replay of an old capture)', status: 401, request: signedLark(event(), { timestamp: Math.floor(Date.now() / 1000) - 3600 }) },
        {
          name: 'wrong verification token inside',
          status: 401,
          request: signedLark(messageEvent({ chatId: LARK_GROUP, senderOpenId: LARK_USER, messageType: 'text', content: { text: '/我的' }, token: 'wrong' })),
        },
        { name: 'text/plain', status: 415, request: signedLark(event(), { contentType: 'text/plain' }) },
        { name: 'form-encoded', status: 415, request: signedLark(event(), { contentType: 'application/x-www-form-urlencoded' }) },
        {
          name: 'no content type',
          status: 415,
          request: { body: good.body, headers: Object.fromEntries(Object.entries(good.headers).filter(([k]) => k !== 'content-type')) },
        },
        { name: 'oversized', status: 413, request: signedLark(event(), { body: JSON.stringify({ encrypt: 'A'.repeat(LIMIT + 10) }) }) },
        { name: 'empty body, signed', status: 400, request: signedLark(event(), { body: '' }) },
        { name: 'empty body, unsigned', status: 400, request: { body: null, headers: { 'content-type': 'application/json' } } },
        { name: 'not JSON, signed', status: 400, request: signedLark(event(), { body: '<xml>hello</xml>' }) },
        { name: 'a JSON array', status: 400, request: signedLark(event(), { body: '[1,2,3]' }) },
        {
          name: 'encrypted with another key, signed with ours',
          status: 401,
          request: signedLark(event(), { body: JSON.stringify({ encrypt: encryptLarkPayload(JSON.stringify(event()), 'not-the-key') }) }),
        },
        { name: 'plain (unencrypted) event although a key is set', status: 401, request: signedLark(event(), { body: JSON.stringify(event()) }) },
      ];
      for (const c of cases) {
        const response = await post('/webhooks/lark', c.request.body, c.request.headers);
        expect({ name: c.name, status: response.status }).toEqual({ name: c.name, status: c.status });
        const answer = (await response.json()) as { error?: string };
        expect(answer.error, c.name).toMatch(/[\u4e00-\u9fff]/);
      }
      expect(await inboundTotal()).toBe(before);
      expect(fakeLark.sends.length).toBe(0);
    });

    it('acts once on a replayed event: the same delivery again, and the same event id re-signed later', async () => {
      const payload = event();
      const first = signedLark(payload);
      expect((await post('/webhooks/lark', first.body, first.headers)).status).toBe(200);
      await fakeLark.waitFor((sends) => sends.length >= 1);
      const afterFirst = await inboundTotal();
      expect((await post('/webhooks/lark', first.body, first.headers)).status).toBe(200);
      const resigned = signedLark(payload);
      expect((await post('/webhooks/lark', resigned.body, resigned.headers)).status).toBe(200);
      expect(await inboundTotal()).toBe(afterFirst);
      // A later event's reply shows the queue moved past the replays.
      const later = signedLark(
        messageEvent({ chatId: LARK_GROUP, senderOpenId: LARK_USER, messageType: 'text', content: { text: '/帮助' }, token: SECRETS.LARK_VERIFICATION_TOKEN }),
      );
      expect((await post('/webhooks/lark', later.body, later.headers)).status).toBe(200);
      await fakeLark.waitFor((sends) => sends.length >= 2);
      expect(fakeLark.sends.filter((s) => s.target === payload.event.message.message_id)).toHaveLength(1);
      expect(fakeLark.sends.every((s) => s.status === 200)).toBe(true);
    });
  });

  describe('/webhooks/onebot', () => {
    const report = (text: string) =>
      groupEvent({
        groupId: QQ_GROUP,
        userId: QQ_USER,
        message: [
          { type: 'at', data: { qq: String(BOT_QQ) } },
          { type: 'text', data: { text: ` ${text}` } },
        ],
      });

    it('refuses bad and missing signatures, wrong content types, oversized, empty and non-JSON bodies, queueing nothing', async () => {
      const before = await inboundTotal();
      const raw = JSON.stringify(report('/我的'));
      const json = { 'content-type': 'application/json' };
      const cases: { name: string; status: number; body: string | null; headers: Record<string, string> }[] = [
        { name: 'bad signature', status: 401, body: raw, headers: { ...json, 'x-signature': `sha1=${'0'.repeat(40)}` } },
        { name: 'signed with another secret', status: 401, body: raw, headers: { ...json, 'x-signature': oneBotSignature(raw, 'other') } },
        { name: 'signature without the sha1= prefix', status: 401, body: raw, headers: { ...json, 'x-signature': oneBotSignature(raw).slice(5) } },
        { name: 'body changed after signing', status: 401, body: raw.replace('/我的', '/帮助'), headers: { ...json, 'x-signature': oneBotSignature(raw) } },
        { name: 'missing signature', status: 401, body: raw, headers: json },
        { name: 'text/plain', status: 415, body: raw, headers: { 'content-type': 'text/plain', 'x-signature': oneBotSignature(raw) } },
        {
          name: 'form-encoded',
          status: 415,
          body: `data=${encodeURIComponent(raw)}`,
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-signature': oneBotSignature(`data=${encodeURIComponent(raw)}`) },
        },
        { name: 'oversized', status: 413, body: 'x'.repeat(LIMIT + 10), headers: { ...json, 'x-signature': oneBotSignature('x'.repeat(LIMIT + 10)) } },
        { name: 'empty body, unsigned', status: 401, body: null, headers: json },
        { name: 'empty body, signed', status: 400, body: '', headers: { ...json, 'x-signature': oneBotSignature('') } },
        { name: 'not JSON, signed', status: 400, body: 'hello', headers: { ...json, 'x-signature': oneBotSignature('hello') } },
        { name: 'JSON but not a OneBot report, signed', status: 400, body: '{"a":1}', headers: { ...json, 'x-signature': oneBotSignature('{"a":1}') } },
      ];
      for (const c of cases) {
        const response = await post('/webhooks/onebot', c.body, c.headers);
        expect({ name: c.name, status: response.status }).toEqual({ name: c.name, status: c.status });
        const answer = (await response.json()) as { error?: string };
        expect(answer.error, c.name).toMatch(/[\u4e00-\u9fff]/);
      }
      expect(await inboundTotal()).toBe(before);
      expect(onebot.sends.length).toBe(0);
    });

    it('acts once on a replayed report', async () => {
      const event = report('/我的');
      const raw = JSON.stringify(event);
      const headers = { 'content-type': 'application/json', 'x-signature': oneBotSignature(raw) };
      expect((await post('/webhooks/onebot', raw, headers)).status).toBe(204);
      await vi.waitFor(() => expect(onebot.sends.length).toBeGreaterThanOrEqual(1), { timeout: 30_000, interval: 50 });
      const afterFirst = await inboundTotal();
      for (let i = 0; i < 3; i++) expect((await post('/webhooks/onebot', raw, headers)).status).toBe(204);
      expect(await inboundTotal()).toBe(afterFirst);
      const later = JSON.stringify(report('/帮助'));
      expect((await post('/webhooks/onebot', later, { 'content-type': 'application/json', 'x-signature': oneBotSignature(later) })).status).toBe(204);
      await vi.waitFor(() => expect(onebot.sends.length).toBeGreaterThanOrEqual(2), { timeout: 30_000, interval: 50 });
      const quoting = onebot.sends.filter((s) => s.message.some((seg) => seg.type === 'reply' && seg.data.id === String(event.message_id)));
      expect(quoting).toHaveLength(1);
      expect(onebot.sends.every((s) => s.authorization === `Bearer ${SECRETS.ONEBOT_ACCESS_TOKEN}`)).toBe(true);
    });
  });

  describe('/sandbox/api/messages', () => {
    it('refuses wrong content types, oversized, empty and non-JSON bodies, queueing nothing', async () => {
      const before = await inboundTotal();
      const body = JSON.stringify({ group: 'sb-group-dongwan', user: 'sb-dw-member', text: '/我的' });
      const cases: { name: string; status: number; body: string | null; headers: Record<string, string> }[] = [
        { name: 'text/plain', status: 415, body, headers: { 'content-type': 'text/plain' } },
        {
          name: 'form-encoded',
          status: 415,
          body: 'group=sb-group-dongwan&user=sb-dw-member&text=%2F%E6%88%91%E7%9A%84',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        },
        {
          name: 'oversized',
          status: 413,
          body: JSON.stringify({ group: 'sb-group-dongwan', user: 'sb-dw-member', text: 'x', fileName: 'a.csv', fileBase64: 'A'.repeat(16_000_000) }),
          headers: { 'content-type': 'application/json' },
        },
        { name: 'empty', status: 400, body: null, headers: { 'content-type': 'application/json' } },
        { name: 'not JSON', status: 400, body: '{"group":', headers: { 'content-type': 'application/json' } },
        {
          name: 'unknown persona',
          status: 404,
          body: JSON.stringify({ group: 'sb-group-dongwan', user: 'nobody', text: '/我的' }),
          headers: { 'content-type': 'application/json' },
        },
      ];
      for (const c of cases) {
        const response = await post('/sandbox/api/messages', c.body, c.headers);
        expect({ name: c.name, status: response.status }).toEqual({ name: c.name, status: c.status });
        expect(((await response.json()) as { error?: string }).error, c.name).toMatch(/[\u4e00-\u9fff]/);
      }
      expect(await inboundTotal()).toBe(before);
    });

    it('acts once on a message delivered again with the same id', async () => {
      const messageId = `replay-${randomBytes(4).toString('hex')}`;
      const first = await service.say('sb-group-dongwan', 'sb-dw-secretary', '/加分 @赵大勇 1 志愿服务：清扫村道', { messageId });
      expect(first.map((r) => r.text).join('\n')).toContain('已加分');
      await service.say('sb-group-dongwan', 'sb-dw-secretary', '/加分 @赵大勇 1 志愿服务：清扫村道', { messageId });
      const entries = await service.database.prisma.pointEntry.count({ where: { reason: '志愿服务：清扫村道' } });
      expect(entries).toBe(1);
    });
  });

  describe('secrets', () => {
    it('never appear in the log (level trace) or anywhere in Redis under the service prefix', async () => {
      // The traffic above included Feishu and OneBot events, sends with the tenant token and the access token,
      // and every kind of refused request. Make sure the Feishu client really fetched a tenant token.
      expect(fakeLark.tokenRequests).toBeGreaterThan(0);
      expect(logLines.length).toBeGreaterThan(20);
      expect(logLines.some((line) => line.includes('"level":10') || line.includes('"level":20'))).toBe(true);
      const leakedInLog = logLines.filter((line) => LEAKS.some((secret) => line.includes(secret)));
      expect(leakedInLog).toEqual([]);

      const redis = new Redis(TEST_REDIS_URL);
      try {
        const found: string[] = [];
        let scanned = 0;
        // The Feishu and QQ events' jobs must have been read, or the search proves nothing.
        let sawLarkJob = false;
        let sawQqJob = false;
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${service.prefix}:*`, 'COUNT', 500);
          cursor = next;
          for (const key of keys) {
            scanned++;
            const type = await redis.type(key);
            let text = key;
            if (type === 'string') text += await redis.get(key);
            else if (type === 'hash') text += JSON.stringify(await redis.hgetall(key));
            else if (type === 'list') text += JSON.stringify(await redis.lrange(key, 0, -1));
            else if (type === 'set') text += JSON.stringify(await redis.smembers(key));
            else if (type === 'zset') text += JSON.stringify(await redis.zrange(key, 0, -1, 'WITHSCORES'));
            else if (type === 'stream') text += JSON.stringify(await redis.xrange(key, '-', '+'));
            if (text.includes(LARK_GROUP)) sawLarkJob = true;
            if (text.includes(String(QQ_GROUP))) sawQqJob = true;
            for (const secret of LEAKS) if (text.includes(secret)) found.push(`${key} (${type}) holds ${secret.slice(0, 6)}…`);
          }
        } while (cursor !== '0');
        expect(scanned).toBeGreaterThan(10);
        expect({ sawLarkJob, sawQqJob }).toEqual({ sawLarkJob: true, sawQqJob: true });
        expect(found).toEqual([]);
      } finally {
        redis.disconnect();
      }
    });
  });
});
