import { UnrecoverableError } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { DingTalkAdapter, type DingTalkAdapterOptions } from '../../../bots/dingtalk/DingTalkAdapter.ts';
import { LarkRateLimiter } from '../../../bots/lark/LarkRateLimiter.ts';
import { createRedis } from '../../../src/core/redis/createRedis.ts';
import type { MessageView } from '../../../cards/MessageView.ts';
import { FakeDingTalk } from '../../support/fakeDingTalk.ts';
import { TEST_DINGTALK } from '../../support/dingTalkEvents.ts';
import { makePng } from '../../support/makeImages.ts';
import { rosterWorkbook } from '../../areas/roster/rosterWorkbook.ts';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../../support/testRedis.ts';

const GROUP = 'cidSendTestGroup0001==';
const view: MessageView = {
  kind: 'record_receipt',
  title: '会议记录已登记',
  tone: 'success',
  lines: ['东湾村党支部 11月18日 主题党日'],
  fields: [{ label: '实到', value: '3 人' }],
  note: '如需修改，请重新发送 /会议记录',
};

describe('DingTalk sending through the group-message OpenAPI (fake DingTalk)', () => {
  let fake: FakeDingTalk;
  const redis = createRedis(TEST_REDIS_URL, 'worker');
  const prefix = uniquePrefix('dtsend');
  const adapters: DingTalkAdapter[] = [];
  const make = (extra: Partial<DingTalkAdapterOptions> = {}) => {
    const adapter = new DingTalkAdapter({
      ...TEST_DINGTALK,
      gatewayUrl: fake.gatewayUrl,
      apiBase: fake.url,
      oapiBase: fake.url,
      cardTemplateId: 'test-template.schema',
      timeoutMs: 5000,
      maxImageBytes: 1024 * 1024,
      redis,
      prefix,
      log: pino({ level: 'silent' }),
      ...extra,
    });
    adapters.push(adapter);
    return adapter;
  };

  beforeAll(async () => {
    fake = await new FakeDingTalk().start();
  });
  afterAll(async () => {
    redis.disconnect();
    await fake?.stop();
    await deletePrefix(prefix);
  });

  it('posts a view without buttons as sampleMarkdown to the group, with one cached access token', async () => {
    const adapter = make();
    const result = await adapter.send({ deliveryId: 'md-1', platform: 'DINGTALK', chatId: GROUP, view });
    await adapter.send({ deliveryId: 'md-2', platform: 'DINGTALK', chatId: GROUP, view: { ...view, title: '第二条' } });
    const sent = fake.sends.filter((s) => s.kind === 'group' && s.status === 200);
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatchObject({ target: GROUP, msgKey: 'sampleMarkdown', param: { title: '会议记录已登记' } });
    expect(sent[0]!.param.text).toBe(
      '### ✅ 【会议记录已登记】\n\n东湾村党支部 11月18日 主题党日\n\n**实到**：3 人\n\n<font color=common_level3_base_color>如需修改，请重新发送 /会议记录</font>',
    );
    expect(result.platformMessageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(adapter.api.tokenFetches).toBe(1);
  });

  it('sends to one person of a private chat through oToMessages/batchSend', async () => {
    await make().send({ deliveryId: 'p2p-1', platform: 'DINGTALK', chatId: 'staff:0316150155', view });
    expect(fake.sends.find((s) => s.kind === 'user')).toMatchObject({ target: '0316150155', msgKey: 'sampleMarkdown' });
  });

  it('waits out throttling answers (403 QpsLimit, Retry-After) and then sends once', async () => {
    fake.throttle(2, { target: 'cidThrottled==', retryAfterSeconds: 0 });
    await make().send({ deliveryId: 'throttled-1', platform: 'DINGTALK', chatId: 'cidThrottled==', view });
    const calls = fake.sends.filter((s) => s.target === 'cidThrottled==');
    expect(calls.map((s) => s.status)).toEqual([403, 403, 200]);
  });

  it('uploads a picture (media/upload) and posts it as sampleImageMsg after the text, never twice on a retry', async () => {
    const adapter = make();
    const png = makePng({ width: 5, height: 5, seed: 3 });
    const message = { deliveryId: 'pic-1', platform: 'DINGTALK' as const, chatId: 'cidPictures==', view, imageBase64: png.toString('base64') };
    await adapter.send(message);
    await adapter.send(message);
    const calls = fake.sends.filter((s) => s.target === 'cidPictures==');
    expect(calls.map((s) => s.msgKey)).toEqual(['sampleMarkdown', 'sampleImageMsg']);
    const upload = fake.uploads.at(-1)!;
    expect(upload.type).toBe('image');
    expect(upload.bytes.equals(png)).toBe(true);
    expect(calls[1]!.param).toEqual({ photoURL: upload.mediaId });
  });

  it('uploads a file (media/upload type file) and posts it as sampleFile after the text, never twice on a retry', async () => {
    const adapter = make();
    const workbook = await rosterWorkbook([['东湾村党支部', '钉钉甲', '13900009901', '党员', '否']]);
    const message = {
      deliveryId: 'file-1',
      platform: 'DINGTALK' as const,
      chatId: 'cidFiles==',
      view: { ...view, lines: ['下载链接（7 天内有效）：https://zhibu.example.cn/files/abc'] },
      file: { fileName: '东湾村党支部-2026年党建台账.xlsx', base64: workbook.toString('base64') },
    };
    await adapter.send(message);
    await adapter.send(message);
    const calls = fake.sends.filter((s) => s.target === 'cidFiles==');
    expect(calls.map((s) => s.msgKey)).toEqual(['sampleMarkdown', 'sampleFile']);
    expect(calls[0]!.param.text).toContain('https://zhibu.example.cn/files/abc');
    const upload = fake.uploads.find((u) => u.mediaId === calls[1]!.param.mediaId)!;
    expect(upload).toMatchObject({ type: 'file', fileName: '东湾村党支部-2026年党建台账.xlsx' });
    expect(upload.bytes.equals(workbook)).toBe(true);
    expect(calls[1]!.param).toEqual({ mediaId: upload.mediaId, fileName: '东湾村党支部-2026年党建台账.xlsx', fileType: 'xlsx' });
    expect(fake.uploads.filter((u) => u.bytes.equals(workbook))).toHaveLength(1);
  });

  it('a token DingTalk revoked before its expiry is dropped by an upload too: a fresh one is fetched and the upload goes', async () => {
    const adapter = make();
    await adapter.send({ deliveryId: 'revoke-0', platform: 'DINGTALK', chatId: 'cidRevoked==', view });
    const fetchesBefore = adapter.api.tokenFetches;
    fake.revokeToken();
    const png = makePng({ width: 4, height: 4, seed: 8 });
    const mediaId = await adapter.api.uploadMedia(png, 'board.png', 'image');
    expect(adapter.api.tokenFetches).toBe(fetchesBefore + 1);
    expect(fake.uploads.find((u) => u.mediaId === mediaId)?.bytes.equals(png)).toBe(true);
  });

  it('sends a file into a private chat through oToMessages/batchSend, with the type of its extension', async () => {
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
    await make().send({
      deliveryId: 'file-p2p-1',
      platform: 'DINGTALK',
      chatId: 'staff:0316150155000009',
      view,
      file: { fileName: '星级公示栏-A4.pdf', base64: pdf.toString('base64') },
    });
    const calls = fake.sends.filter((s) => s.kind === 'user' && s.target === '0316150155000009');
    expect(calls.map((s) => s.msgKey)).toEqual(['sampleMarkdown', 'sampleFile']);
    expect(calls[1]!.param).toMatchObject({ fileName: '星级公示栏-A4.pdf', fileType: 'pdf' });
    expect(fake.uploads.find((u) => u.mediaId === calls[1]!.param.mediaId)!.bytes.equals(pdf)).toBe(true);
  });

  it('an upload that fails leaves the text with its link delivered and the delivery succeeds without the file', async () => {
    const adapter = make();
    const uploadsBefore = fake.uploads.length;
    const requestsBefore = fake.uploadRequests;
    fake.failUploads(1);
    const result = await adapter.send({
      deliveryId: 'file-fails-1',
      platform: 'DINGTALK',
      chatId: 'cidUploadFails==',
      view: { ...view, lines: ['下载链接（7 天内有效）：https://zhibu.example.cn/files/def'] },
      file: { fileName: '台账.xlsx', base64: Buffer.from('PK not really').toString('base64') },
    });
    const calls = fake.sends.filter((s) => s.target === 'cidUploadFails==');
    expect(calls.map((s) => s.msgKey)).toEqual(['sampleMarkdown']);
    expect(calls[0]!.param.text).toContain('https://zhibu.example.cn/files/def');
    expect(result.platformMessageId).toBeTruthy();
    expect(fake.uploadRequests).toBe(requestsBefore + 1);
    expect(fake.uploads.length).toBe(uploadsBefore);
  });

  it('gives up at once (UnrecoverableError) when DingTalk refuses the request itself', async () => {
    const wrong = make({ robotCode: 'dingwrongrobot' });
    await expect(wrong.send({ deliveryId: 'bad-1', platform: 'DINGTALK', chatId: GROUP, view })).rejects.toBeInstanceOf(UnrecoverableError);
  });

  it('shares the send limits through Redis: another worker sees the slots this one took', async () => {
    const tiny = () =>
      new LarkRateLimiter({
        redis,
        prefix,
        namespace: 'dingtalk',
        perChat: { limit: 2, windowMs: 60_000 },
        perApp: { limit: 100, windowMs: 1000 },
        perAppMinute: { limit: 1000, windowMs: 60_000 },
      });
    const worker1 = make({ limiter: tiny() });
    await worker1.send({ deliveryId: 'rl-1', platform: 'DINGTALK', chatId: 'cidLimited==', view });
    await worker1.send({ deliveryId: 'rl-2', platform: 'DINGTALK', chatId: 'cidLimited==', view });
    const worker2 = tiny();
    expect(await worker2.tryTake('cidLimited==')).toBeGreaterThan(0);
    expect(await worker2.tryTake('cidOtherGroup==')).toBe(0);
  });
});
