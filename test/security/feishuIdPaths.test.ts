import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLarkConversation, LARK_TEST_GROUP, type LarkConversation } from '../support/larkConversation.ts';
import { feishuRequest, messageEvent } from '../support/larkEvents.ts';
import { FAKE_BOT_OPEN_ID } from '../support/fakeLarkServer.ts';
import type { LarkAdapter } from '../../bots/lark/LarkAdapter.ts';
import { InvalidLarkIdError } from '../../bots/lark/larkIds.ts';

/**
 * Attack (issue 11, found 8): Feishu ids went into API paths unchecked, so a crafted message id
 * (`om_../../bot/v3/info#`) sent the bot's own credentials to another Open API path. Ids are now checked by
 * pattern at the edge and again before any path is built.
 */
describe('Feishu ids are checked before they reach an API path', () => {
  let chat: LarkConversation;
  const inboundTotal = async () =>
    Object.values(await chat.service.queues.inbound.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized')).reduce(
      (a, b) => a + b,
      0,
    );

  beforeAll(async () => {
    chat = await startLarkConversation();
  }, 120_000);
  afterAll(async () => {
    await chat?.stop();
  });

  it.each([
    ['message_id', { messageId: 'om_../../bot/v3/info#' }],
    ['chat_id', { chatId: 'oc_../../../open-apis/bot/v3/info?' }],
    ['open_id', { senderOpenId: 'ou_x/../../y' }],
  ])('a crafted %s is acknowledged, queued for nothing and sent nowhere', async (_field, override) => {
    const before = await inboundTotal();
    const requestsBefore = chat.fake.requests.length;
    const event = messageEvent({
      chatId: LARK_TEST_GROUP,
      senderOpenId: 'ou_attacker',
      messageType: 'text',
      content: { text: '@_user_1 /帮助' },
      mentions: [{ key: '@_user_1', openId: FAKE_BOT_OPEN_ID, name: '支部助手' }],
      ...override,
    });
    const response = await fetch(`${chat.service.url}/webhooks/lark`, { method: 'POST', ...feishuRequest(event) });
    expect(response.status).toBe(200);
    expect(await inboundTotal()).toBe(before);
    await new Promise((r) => setTimeout(r, 300));
    expect(chat.fake.requests.slice(requestsBefore).filter((r) => r.includes('..') || r.includes('bot/v3/info'))).toEqual([]);
  });

  it('an image key with a path in it is refused the same way', async () => {
    const before = await inboundTotal();
    const event = messageEvent({
      chatId: LARK_TEST_GROUP,
      senderOpenId: 'ou_attacker',
      messageType: 'image',
      content: { image_key: 'img_../../../bot/v3/info#' },
    });
    expect((await fetch(`${chat.service.url}/webhooks/lark`, { method: 'POST', ...feishuRequest(event) })).status).toBe(200);
    expect(await inboundTotal()).toBe(before);
  });

  it('the adapter itself refuses to build a path from a bad id (never retried), and asks Feishu nothing', async () => {
    const adapter = chat.service.adapters.get('LARK') as LarkAdapter;
    const requestsBefore = chat.fake.requests.length;
    await expect(adapter.fetchImage({ kind: 'lark', messageId: 'om_../../bot/v3/info#', fileKey: 'img_ok' })).rejects.toBeInstanceOf(InvalidLarkIdError);
    await expect(adapter.fetchImage({ kind: 'lark', messageId: 'om_ok', fileKey: 'img_v3/../../x' })).rejects.toBeInstanceOf(InvalidLarkIdError);
    await expect(
      adapter.send({
        deliveryId: 'bad-reply-1',
        platform: 'LARK',
        chatId: LARK_TEST_GROUP,
        view: { kind: 'x', title: 't', tone: 'info' },
        replyToMessageId: 'om_../../bot/v3/info#',
      }),
    ).rejects.toBeInstanceOf(InvalidLarkIdError);
    expect(chat.fake.requests.slice(requestsBefore).filter((r) => r.includes('..'))).toEqual([]);
    expect((await fetch(`${chat.service.url}/healthz`)).status).toBe(200);
  });

  it('with Feishu configured the sandbox is off (no open page next to a real platform)', async () => {
    expect((await fetch(`${chat.service.url}/sandbox`)).status).toBe(404);
    expect((await fetch(`${chat.service.url}/sandbox/api/personas`)).status).toBe(404);
  });
});
