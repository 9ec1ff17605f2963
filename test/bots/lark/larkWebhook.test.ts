import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../../support/startTestService.ts';
import { FakeLarkServer, FAKE_BOT_OPEN_ID } from '../../support/fakeLarkServer.ts';
import { botAddedEvent, cardActionEvent, feishuRequest, messageEvent, TEST_LARK } from '../../support/larkEvents.ts';
import { larkSignature } from '../../../bots/lark/larkCrypto.ts';
import { encryptLarkPayload } from '../../support/platformSigning.ts';
import type { ChatEvent } from '../../../src/engine/chat/ChatEvent.ts';
import type { LarkAdapter } from '../../../bots/lark/LarkAdapter.ts';

const GROUP = 'oc_dongwan_group_0001';
const SECRETARY = 'ou_secretary_lichunsheng';
const MEMBER = 'ou_member_zhaodayong';

describe('Feishu webhook through the real SDK against a fake Open API', () => {
  let fake: FakeLarkServer;
  let service: TestService;

  const post = (request: { body: string; headers: Record<string, string> }) =>
    fetch(`${service.url}/webhooks/lark`, { method: 'POST', headers: request.headers, body: request.body });

  async function queueIsIdle() {
    for (let i = 0; i < 400; i++) {
      const [inbound, outbound] = await Promise.all([
        service.queues.inbound.getJobCounts('waiting', 'active', 'delayed', 'prioritized'),
        service.queues.outbound.getJobCounts('waiting', 'active', 'delayed', 'prioritized'),
      ]);
      if (Object.values(inbound).every((n) => n === 0) && Object.values(outbound).every((n) => n === 0)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('queues did not drain');
  }

  async function inboundJobTotal() {
    const counts = await service.queues.inbound.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized');
    return Object.values(counts).reduce((a, b) => a + b, 0);
  }

  beforeAll(async () => {
    fake = await new FakeLarkServer().start();
    service = await startTestService({
      town: 'real',
      env: {
        LARK_APP_ID: TEST_LARK.appId,
        LARK_APP_SECRET: TEST_LARK.appSecret,
        LARK_ENCRYPT_KEY: TEST_LARK.encryptKey,
        LARK_VERIFICATION_TOKEN: TEST_LARK.verificationToken,
        LARK_DOMAIN: fake.url,
        WEBHOOK_BODY_LIMIT_BYTES: '65536',
      },
    });
    const db = service.database.prisma;
    const dongwan = await db.organization.findFirstOrThrow({ where: { name: '东湾村党支部' } });
    const secretary = await db.member.findFirstOrThrow({ where: { name: '李春生' } });
    await db.chatGroup.create({ data: { platform: 'LARK', chatId: GROUP, name: '东湾村党支部飞书群', organizationId: dongwan.id, purpose: 'BRANCH' } });
    await db.chatIdentity.create({ data: { platform: 'LARK', platformUserId: SECRETARY, displayName: '李春生', memberId: secretary.id } });
  });

  afterAll(async () => {
    await service?.stop();
    await fake?.stop();
  });

  it('answers a plain url_verification with the challenge', async () => {
    const response = await fetch(`${service.url}/webhooks/lark`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ challenge: 'ajls384kdjx98XX', token: TEST_LARK.verificationToken, type: 'url_verification' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ challenge: 'ajls384kdjx98XX' });
  });

  it('answers an encrypted url_verification with the challenge', async () => {
    const body = JSON.stringify({
      encrypt: encryptLarkPayload(
        JSON.stringify({ challenge: 'enc-challenge-42', token: TEST_LARK.verificationToken, type: 'url_verification' }),
        TEST_LARK.encryptKey,
      ),
    });
    const response = await fetch(`${service.url}/webhooks/lark`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ challenge: 'enc-challenge-42' });
  });

  it('refuses a url_verification with the wrong token', async () => {
    const response = await fetch(`${service.url}/webhooks/lark`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ challenge: 'x', token: 'not-the-token', type: 'url_verification' }),
    });
    expect(response.status).toBe(401);
  });

  it('runs /帮助 from a bound member in a bound group and the reply card reaches Feishu as a reply', async () => {
    const event = messageEvent({
      chatId: GROUP,
      senderOpenId: SECRETARY,
      messageType: 'text',
      content: { text: '@_user_1 /帮助' },
      mentions: [{ key: '@_user_1', openId: FAKE_BOT_OPEN_ID, name: '支部助手' }],
    });
    const response = await post(feishuRequest(event));
    expect(response.status).toBe(200);
    const messageId = event.event.message.message_id;
    const sends = await fake.waitFor((s) => s.some((x) => x.kind === 'reply' && x.target === messageId));
    const reply = sends.find((x) => x.kind === 'reply' && x.target === messageId)!;
    expect(reply.msgType).toBe('interactive');
    expect(reply.uuid!.length).toBeLessThanOrEqual(50);
    const card = JSON.parse(reply.content) as { schema: string; header: { title: { content: string } } };
    expect(card.schema).toBe('2.0');
    expect(card.header.title.content).toBe('支部助手 · 指令帮助');
    expect(reply.content).toContain('李春生');
  });

  it('processes a re-delivered event once', async () => {
    const event = messageEvent({ chatId: GROUP, senderOpenId: SECRETARY, messageType: 'text', content: { text: '/我的' } });
    const messageId = event.event.message.message_id;
    expect((await post(feishuRequest(event))).status).toBe(200);
    await fake.waitFor((s) => s.some((x) => x.kind === 'reply' && x.target === messageId));
    // Feishu delivers the same event again (fresh signature, same event_id), twice.
    expect((await post(feishuRequest(event))).status).toBe(200);
    expect((await post(feishuRequest(event))).status).toBe(200);
    await queueIsIdle();
    expect(fake.sends.filter((x) => x.target === messageId)).toHaveLength(1);
    const seen = await service.database.prisma.inboundEvent.count({ where: { platform: 'LARK', eventId: event.header.event_id } });
    expect(seen).toBe(1);
  });

  it('normalises a post with text, an @member and two images, and fetches both images through messageResource', async () => {
    fake.images.set('img_v3_first', Buffer.from('first-image-bytes'));
    fake.images.set('img_v3_second', Buffer.from('second-image-bytes'));
    const event = messageEvent({
      chatId: GROUP,
      senderOpenId: SECRETARY,
      messageType: 'post',
      content: {
        zh_cn: {
          title: '主题党日',
          content: [
            [
              { tag: 'at', user_id: '@_user_1', user_name: '支部助手' },
              { tag: 'text', text: ' 今天的主题党日，' },
              { tag: 'at', user_id: '@_user_2', user_name: '赵大勇' },
              { tag: 'text', text: ' 拍了照片' },
            ],
            [{ tag: 'img', image_key: 'img_v3_first', width: 300, height: 200 }],
            [{ tag: 'img', image_key: 'img_v3_second', width: 300, height: 200 }],
          ],
        },
      },
      mentions: [
        { key: '@_user_1', openId: FAKE_BOT_OPEN_ID, name: '支部助手' },
        { key: '@_user_2', openId: MEMBER, name: '赵大勇' },
      ],
    });
    expect((await post(feishuRequest(event))).status).toBe(200);
    const job = await service.queues.inbound.getJob(`LARK-${event.header.event_id}`);
    const data = job!.data as ChatEvent;
    expect(data.text).toBe('主题党日\n今天的主题党日，@赵大勇 拍了照片');
    expect(data.mentionsBot).toBe(true);
    expect(data.mentions).toEqual([{ platformUserId: MEMBER, name: '赵大勇' }]);
    expect(data.images).toEqual([
      { kind: 'lark', messageId: event.event.message.message_id, fileKey: 'img_v3_first' },
      { kind: 'lark', messageId: event.event.message.message_id, fileKey: 'img_v3_second' },
    ]);
    const adapter = service.adapters.get('LARK') as LarkAdapter;
    const images = await Promise.all(data.images.map((ref) => adapter.fetchImage(ref)));
    expect(images.map((i) => i.bytes.toString())).toEqual(['first-image-bytes', 'second-image-bytes']);
    expect(images[0]!.mimeType).toBe('image/png');
    expect(fake.downloads.filter((d) => d.messageId === event.event.message.message_id)).toEqual([
      { messageId: event.event.message.message_id, fileKey: 'img_v3_first', type: 'image' },
      { messageId: event.event.message.message_id, fileKey: 'img_v3_second', type: 'image' },
    ]);
  });

  describe('refuses bad requests and enqueues nothing', () => {
    const event = () => messageEvent({ chatId: GROUP, senderOpenId: SECRETARY, messageType: 'text', content: { text: '/帮助' } });

    it.each([
      [
        'a bad signature',
        () => {
          const request = feishuRequest(event());
          request.headers['x-lark-signature'] = request.headers['x-lark-signature']!.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
          return request;
        },
        401,
      ],
      ['a signature made with another key', () => feishuRequest(event(), { encryptKey: 'someone-else' }), 401],
      ['a stale timestamp', () => feishuRequest(event(), { timestamp: Math.floor(Date.now() / 1000) - 301 }), 401],
      ['a timestamp from the future', () => feishuRequest(event(), { timestamp: Math.floor(Date.now() / 1000) + 400 }), 401],
      [
        'a wrong verification token',
        () => feishuRequest(messageEvent({ chatId: GROUP, senderOpenId: SECRETARY, messageType: 'text', content: { text: '/帮助' }, token: 'wrong-token' })),
        401,
      ],
      [
        'a missing signature',
        () => {
          const request = feishuRequest(event());
          delete request.headers['x-lark-signature'];
          return request;
        },
        401,
      ],
      ['a body that is not JSON (correctly signed)', () => signedRaw('{"encrypt": not json'), 400],
      ['an oversized body', () => feishuRequest({ ...event(), padding: 'x'.repeat(70_000) }), 413],
    ] as const)('%s', async (_name, build, status) => {
      const before = await inboundJobTotal();
      const response = await post(build());
      expect(response.status).toBe(status);
      const body = (await response.json()) as { error: string };
      expect(body.error).toMatch(/[\u4e00-\u9fa5]/u);
      expect(await inboundJobTotal()).toBe(before);
    });
  });

  it('turns a card button click into the same command, answering with a toast and the updated card', async () => {
    const cardMessageId = 'om_card_for_click_1';
    const event = cardActionEvent({ chatId: GROUP, operatorOpenId: SECRETARY, messageId: cardMessageId, command: '/帮助 绑定' });
    const response = await post(feishuRequest(event));
    expect(response.status).toBe(200);
    const answer = (await response.json()) as {
      toast: { type: string; content: string };
      card?: { type: string; data: { header: { title: { content: string } } } };
    };
    expect(answer.toast.content.length).toBeGreaterThan(0);
    if (answer.card) {
      expect(answer.card.type).toBe('raw');
      expect(answer.card.data.header.title.content).toBe('指令：/绑定');
      expect(answer.toast.type).toBe('info');
    } else {
      // The worker took longer than the callback may wait: the outbound queue patches the card instead.
      expect(answer.toast.content).toBe('已收到，正在处理');
      const sends = await fake.waitFor((s) => s.some((x) => x.kind === 'patch' && x.target === cardMessageId));
      expect(sends.find((x) => x.kind === 'patch' && x.target === cardMessageId)!.content).toContain('指令：/绑定');
    }
  });

  it('checks permissions on a card click like typed text: an unbound user gets the bind hint', async () => {
    const event = cardActionEvent({ chatId: GROUP, operatorOpenId: 'ou_stranger', messageId: 'om_card_for_click_2', command: '/绑定群 东湾村党支部' });
    const response = await post(feishuRequest(event));
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { toast: { type: string }; card?: { data: unknown } };
    const cardText = answer.card
      ? JSON.stringify(answer.card.data)
      : (await fake.waitFor((s) => s.some((x) => x.kind === 'patch' && x.target === 'om_card_for_click_2'))).find((x) => x.target === 'om_card_for_click_2')!
          .content;
    expect(cardText).toContain('请先绑定身份');
    const group = await service.database.prisma.chatGroup.findUniqueOrThrow({ where: { platform_chatId: { platform: 'LARK', chatId: GROUP } } });
    expect(group.purpose).toBe('BRANCH');
  });

  it('greets a group when the bot is added, telling the admin how to bind it', async () => {
    const chatId = 'oc_new_group_greeting';
    expect((await post(feishuRequest(botAddedEvent({ chatId, operatorOpenId: SECRETARY, name: '新建党支部群' })))).status).toBe(200);
    const sends = await fake.waitFor((s) => s.some((x) => x.kind === 'create' && x.target === chatId));
    expect(sends.find((x) => x.target === chatId)!.content).toContain('/绑定群');
    const group = await service.database.prisma.chatGroup.findUniqueOrThrow({ where: { platform_chatId: { platform: 'LARK', chatId } } });
    expect(group.name).toBe('新建党支部群');
  });

  it('waits out a 429 with x-ogw-ratelimit-reset and then sends the message once', async () => {
    const chatId = 'oc_rate_limited_chat';
    fake.rateLimit(1, 1, chatId);
    await service.queues.outbound.add(
      'test',
      {
        deliveryId: 'test:429:0',
        platform: 'LARK',
        chatId,
        view: { kind: 'command_reply', title: '限流之后', tone: 'info', lines: ['第一次被限流，第二次成功'] },
      },
      { jobId: 'test_429_0' },
    );
    const sends = await fake.waitFor((s) => s.some((x) => x.target === chatId && x.status === 200));
    const attempts = sends.filter((x) => x.target === chatId);
    expect(attempts.map((x) => x.status)).toEqual([429, 200]);
    expect(attempts[0]!.uuid).toBe(attempts[1]!.uuid);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(900);
    await queueIsIdle();
    const delivery = await service.database.prisma.outboundDelivery.findUniqueOrThrow({ where: { id: 'test:429:0' } });
    expect(delivery.status).toBe('SENT');
  });

  it('replies in the chat instead when the message to reply to was recalled', async () => {
    const chatId = 'oc_recalled_chat';
    fake.recalled.add('om_recalled_1');
    await service.queues.outbound.add(
      'test',
      {
        deliveryId: 'test:recalled:0',
        platform: 'LARK',
        chatId,
        replyToMessageId: 'om_recalled_1',
        view: { kind: 'command_reply', title: '原消息已撤回', tone: 'info' },
      },
      { jobId: 'test_recalled_0' },
    );
    await fake.waitFor((s) => s.some((x) => x.kind === 'create' && x.target === chatId));
    const calls = fake.sends.filter((x) => x.target === chatId || x.target === 'om_recalled_1');
    expect(calls.map((x) => [x.kind, x.status])).toEqual([
      ['reply', 400],
      ['create', 200],
    ]);
    expect(calls[0]!.uuid).toBe(calls[1]!.uuid);
  });

  it('uploads a picture that comes with a message and shows it inside the card', async () => {
    const chatId = 'oc_board_chat';
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    await service.queues.outbound.add(
      'test',
      {
        deliveryId: 'test:image:0',
        platform: 'LARK',
        chatId,
        view: { kind: 'star_board', title: '2026 年度星级党员', tone: 'success', lines: ['见下图'] },
        imageBase64: png.toString('base64'),
      },
      { jobId: 'test_image_0' },
    );
    const sends = await fake.waitFor((s) => s.some((x) => x.target === chatId && x.status === 200));
    const card = JSON.parse(sends.find((x) => x.target === chatId)!.content) as { body: { elements: { tag: string; img_key?: string }[] } };
    const upload = fake.uploads.at(-1)!;
    expect(upload.bytes.equals(png)).toBe(true);
    expect(upload.imageType).toBe('message');
    expect(card.body.elements.at(-1)).toMatchObject({ tag: 'img', img_key: upload.imageKey });
  });

  it('never sends more than 5 messages a second to one chat (30 queued at once)', async () => {
    const chatId = 'oc_busy_chat';
    await service.queues.outbound.addBulk(
      Array.from({ length: 30 }, (_, i) => ({
        name: 'test',
        data: {
          deliveryId: `test:busy:${i}`,
          platform: 'LARK' as const,
          chatId,
          view: { kind: 'command_reply', title: `第 ${i + 1} 条`, tone: 'info' as const },
        },
        opts: { jobId: `test_busy_${i}` },
      })),
    );
    const sends = await fake.waitFor((s) => s.filter((x) => x.target === chatId && x.status === 200).length >= 30, 60_000);
    const times = sends
      .filter((x) => x.target === chatId)
      .map((x) => x.at)
      .sort((a, b) => a - b);
    expect(times).toHaveLength(30);
    for (let i = 0; i < times.length; i++) {
      const inWindow = times.filter((t) => t >= times[i]! && t < times[i]! + 1000).length;
      expect(inWindow).toBeLessThanOrEqual(5);
    }
    expect(new Set(sends.filter((x) => x.target === chatId).map((x) => x.uuid)).size).toBe(30);
  }, 90_000);
});

/** Correctly signed bytes that are not JSON: only the JSON check can refuse them. */
function signedRaw(body: string) {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = 'n0nce';
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-lark-request-timestamp': timestamp,
      'x-lark-request-nonce': nonce,
      'x-lark-signature': larkSignature(timestamp, nonce, TEST_LARK.encryptKey, body),
    },
  };
}
