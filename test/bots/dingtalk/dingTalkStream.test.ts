import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { TOPIC_CARD, TOPIC_ROBOT } from 'dingtalk-stream';
import { DingTalkAdapter } from '../../../bots/dingtalk/DingTalkAdapter.ts';
import { createQueues, type Queues } from '../../../jobs/queues.ts';
import { createIngest } from '../../../jobs/createIngest.ts';
import { createRedis } from '../../../src/core/redis/createRedis.ts';
import type { ChatEvent } from '../../../src/engine/chat/ChatEvent.ts';
import { FakeDingTalk } from '../../support/fakeDingTalk.ts';
import { cardClick, fileMessage, pictureMessage, richTextMessage, TEST_DINGTALK, textMessage, type Person } from '../../support/dingTalkEvents.ts';
import { makePng } from '../../support/makeImages.ts';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../../support/testRedis.ts';
import { until } from '../../support/until.ts';

const GROUP = 'cidStreamTestGroup0001==';
const secretary: Person = { staffId: '0316150155356344', nick: '春生书记' };
const liaison: Person = { staffId: '0316150155356345', nick: '小燕子' };

describe('DingTalk Stream mode: the real dingtalk-stream SDK against a fake gateway', () => {
  let fake: FakeDingTalk;
  let adapter: DingTalkAdapter;
  let queues: Queues;
  const redis = createRedis(TEST_REDIS_URL, 'producer');
  const prefix = uniquePrefix('dtstream');
  const jobOf = async (msgId: string) => (await queues.inbound.getJob(`DINGTALK-${msgId}`))?.data as ChatEvent | undefined;

  beforeAll(async () => {
    fake = await new FakeDingTalk().start();
    queues = createQueues(redis, prefix);
    adapter = new DingTalkAdapter({
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
    });
    await adapter.connect(createIngest(queues));
    await until(() => fake.open, 20_000, 'the Stream connection');
  });

  afterAll(async () => {
    await adapter?.disconnect();
    await queues?.close();
    redis.disconnect();
    await fake?.stop();
    await deletePrefix(prefix);
  });

  it('asks the configured gateway for the robot and card callbacks with the app credentials', () => {
    expect(fake.gatewayRequests[0]).toMatchObject({ clientId: TEST_DINGTALK.clientId });
    expect(fake.gatewayRequests[0]!.subscriptions).toEqual(
      expect.arrayContaining([
        { type: 'CALLBACK', topic: TOPIC_ROBOT },
        { type: 'CALLBACK', topic: TOPIC_CARD },
      ]),
    );
  });

  it('queues a text message that @-s the robot and acknowledges the frame', async () => {
    const message = textMessage(GROUP, secretary, '/积分 @小燕子', [liaison]);
    const ack = await fake.pushCallback(TOPIC_ROBOT, message);
    expect(ack.code).toBe(200);
    expect(JSON.parse(ack.data)).toEqual({ response: {} });
    expect(await jobOf(message.msgId)).toMatchObject({
      platform: 'DINGTALK',
      kind: 'message',
      chatId: GROUP,
      chatType: 'group',
      chatName: '东湾村党支部工作群（钉钉）',
      text: '/积分 @小燕子',
      mentionsBot: true,
      mentions: [{ platformUserId: liaison.staffId, name: '小燕子' }],
      sender: { platformUserId: secretary.staffId, displayName: '春生书记' },
    });
  });

  it('queues a picture and downloads its bytes through robot/messageFiles/download', async () => {
    const png = makePng({ width: 4, height: 3, seed: 7 });
    fake.files.set('dc-picture-1', { bytes: png, contentType: 'image/png' });
    const message = pictureMessage(GROUP, liaison, 'dc-picture-1');
    expect((await fake.pushCallback(TOPIC_ROBOT, message)).code).toBe(200);
    const event = await jobOf(message.msgId);
    expect(event).toMatchObject({ text: '', images: [{ kind: 'dingtalk', downloadCode: 'dc-picture-1' }] });
    const got = await adapter.fetchImage(event!.images[0]!);
    expect(got.bytes.equals(png)).toBe(true);
    expect(got.mimeType).toBe('image/png');
    expect(fake.downloads).toContain('dc-picture-1');
  });

  it('reads rich text: the text pieces joined, the pictures as images', async () => {
    const message = richTextMessage(GROUP, liaison, [{ text: '主题党日照片' }, { downloadCode: 'dc-rich-1' }, { text: '\n' }, { text: '请查收' }]);
    expect((await fake.pushCallback(TOPIC_ROBOT, message)).code).toBe(200);
    expect(await jobOf(message.msgId)).toMatchObject({ text: '主题党日照片\n请查收', images: [{ kind: 'dingtalk', downloadCode: 'dc-rich-1' }] });
  });

  it('queues a file sent in a private chat and fetches it', async () => {
    const csv = Buffer.from('姓名,手机\n张三,13800000000\n', 'utf8');
    fake.files.set('dc-file-1', { bytes: csv, contentType: 'application/octet-stream' });
    const message = fileMessage(secretary, 'dc-file-1', '名册.csv');
    expect((await fake.pushCallback(TOPIC_ROBOT, message)).code).toBe(200);
    const event = await jobOf(message.msgId);
    expect(event).toMatchObject({
      chatType: 'p2p',
      chatId: `staff:${secretary.staffId}`,
      mentionsBot: true,
      files: [{ kind: 'dingtalk', fileName: '名册.csv' }],
    });
    const got = await adapter.fetchFile(event!.files![0]!);
    expect(got).toMatchObject({ fileName: '名册.csv' });
    expect(got.bytes.equals(csv)).toBe(true);
  });

  it('turns a click on a card button into the command the button carries, and answers into the same card', async () => {
    const view = {
      kind: 'briefing_review',
      title: '简报待审',
      tone: 'info' as const,
      lines: ['东湾村党支部报送了简报。'],
      buttons: [
        { label: '采用', command: '/采用 12', style: 'primary' as const },
        { label: '退回', command: '/退回 12' },
      ],
    };
    await adapter.send({ deliveryId: 'dt-card-1', platform: 'DINGTALK', chatId: GROUP, view });
    const card = fake.sends.find((s) => s.kind === 'card')!;
    expect(card.target).toBe(GROUP);
    expect(JSON.parse(card.param.sys_full_json_obj!).msgButtons).toEqual([
      { id: 'zb_0', text: '采用', color: 'blue', request: true },
      { id: 'zb_1', text: '退回', color: 'gray', request: true },
    ]);
    const ack = await fake.pushCallback(TOPIC_CARD, cardClick(card.outTrackId!, secretary.staffId, 'zb_1'), 'card-click-1');
    expect(ack.code).toBe(200);
    expect((await queues.inbound.getJob('DINGTALK-card-card-click-1'))?.data).toMatchObject({
      kind: 'card_action',
      chatId: GROUP,
      text: '/退回 12',
      sender: { platformUserId: secretary.staffId },
      cardMessageId: card.outTrackId,
    });
    await adapter.send({
      deliveryId: 'dt-card-1-answer',
      platform: 'DINGTALK',
      chatId: GROUP,
      view: { kind: 'done', title: '已退回', tone: 'success', lines: ['简报已退回。'] },
      updateMessageId: card.outTrackId!,
    });
    expect(fake.sends.find((s) => s.kind === 'card-update')).toMatchObject({
      target: card.outTrackId,
      param: { msgTitle: '✅ 【已退回】', msgContent: '简报已退回。' },
    });
  });

  it('queues a message DingTalk delivers again only once, and acknowledges every delivery', async () => {
    const message = textMessage(GROUP, secretary, '/进度');
    const first = await fake.pushCallback(TOPIC_ROBOT, message, 'redelivery-a');
    const again = await fake.pushCallback(TOPIC_ROBOT, message, 'redelivery-b');
    expect([first.code, again.code]).toEqual([200, 200]);
    const jobs = (await queues.inbound.getJobs(['waiting', 'delayed', 'active'])).filter((j) => j.data.eventId === message.msgId);
    expect(jobs).toHaveLength(1);
  });

  it('acknowledges and drops frames it has nothing to do with (unknown card, unsupported message type)', async () => {
    const before = await queues.inbound.count();
    expect((await fake.pushCallback(TOPIC_CARD, cardClick('zb-unknown', secretary.staffId, 'zb_0'))).code).toBe(200);
    const audio = { ...textMessage(GROUP, secretary, ''), msgtype: 'audio', content: { duration: 3, downloadCode: 'x' } };
    expect((await fake.pushCallback(TOPIC_ROBOT, audio)).code).toBe(200);
    expect(await queues.inbound.count()).toBe(before);
  });

  it('connects again through the gateway after the connection dropped, and receives on the new one', async () => {
    const connections = fake.connections;
    const asked = fake.gatewayRequests.length;
    fake.gatewayDown = true;
    fake.dropConnection();
    // The SDK keeps retrying while the gateway refuses.
    await until(() => fake.gatewayRequests.length >= asked + 2, 20_000, 'a retried discovery');
    fake.gatewayDown = false;
    await until(() => fake.connections > connections && fake.open, 20_000, 'a new connection');
    const message = textMessage(GROUP, secretary, '/帮助');
    expect((await fake.pushCallback(TOPIC_ROBOT, message)).code).toBe(200);
    expect(await jobOf(message.msgId)).toMatchObject({ text: '/帮助' });
  });
});
