import { describe, expect, it } from 'vitest';
import { normaliseLarkEvent } from '../../../bots/lark/normaliseLarkEvent.ts';
import { envelopeFromDispatcher } from '../../../bots/lark/envelopeFromDispatcher.ts';
import type { LarkEnvelope } from '../../../bots/lark/larkEventSchemas.ts';
import { botAddedEvent, cardActionEvent, messageEvent } from '../../support/larkEvents.ts';

const BOT = 'ou_the_bot';
const options = { botOpenId: BOT };
const norm = (e: unknown, o = options) => normaliseLarkEvent(e as LarkEnvelope, o);

describe('normaliseLarkEvent', () => {
  it('strips the bot mention from a group text and keeps other mentions with open_id and name', () => {
    const result = norm(
      messageEvent({
        chatId: 'oc_1',
        senderOpenId: 'ou_sender',
        messageType: 'text',
        content: { text: '@_user_1 /加分 @_user_2 5 参加志愿服务' },
        mentions: [
          { key: '@_user_1', openId: BOT, name: '支部助手' },
          { key: '@_user_2', openId: 'ou_zhao', name: '赵大勇' },
        ],
      }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.event).toMatchObject({
      platform: 'LARK',
      kind: 'message',
      chatType: 'group',
      text: '/加分 @赵大勇 5 参加志愿服务',
      mentionsBot: true,
      mentions: [{ platformUserId: 'ou_zhao', name: '赵大勇' }],
      images: [],
    });
  });

  it('a group message without @bot does not count as addressed to the bot; a p2p message always does', () => {
    const group = norm(messageEvent({ chatId: 'oc_1', senderOpenId: 'ou_s', messageType: 'text', content: { text: '大家好' } }));
    const p2p = norm(messageEvent({ chatId: 'oc_2', senderOpenId: 'ou_s', messageType: 'text', content: { text: '积分' }, chatType: 'p2p' }));
    expect(group.ok && group.event.mentionsBot).toBe(false);
    expect(p2p.ok && p2p.event).toMatchObject({ chatType: 'p2p', mentionsBot: true, text: '积分' });
  });

  it('an image message becomes a lark ImageRef', () => {
    const event = messageEvent({ chatId: 'oc_1', senderOpenId: 'ou_s', messageType: 'image', content: { image_key: 'img_v3_abc' }, messageId: 'om_img' });
    const result = norm(event);
    expect(result.ok && result.event.images).toEqual([{ kind: 'lark', messageId: 'om_img', fileKey: 'img_v3_abc' }]);
  });

  it('a post without a locale wrapper, command first, keeps the title after the command', () => {
    const result = norm(
      messageEvent({
        chatId: 'oc_1',
        senderOpenId: 'ou_s',
        messageType: 'post',
        content: {
          title: '三月支委会',
          content: [[{ tag: 'text', text: '/会议记录 支委会 3月5日' }], [{ tag: 'a', text: '附件', href: 'https://example.com' }]],
        },
      }),
    );
    expect(result.ok && result.event.text).toBe('/会议记录 支委会 3月5日\n附件\n三月支委会');
  });

  it('ignores messages sent by apps, unsupported types and malformed payloads', () => {
    const fromApp = messageEvent({ chatId: 'oc_1', senderOpenId: 'ou_s', messageType: 'text', content: { text: '/帮助' } });
    (fromApp.event.sender as { sender_type: string }).sender_type = 'app';
    expect(norm(fromApp).ok).toBe(false);
    const sticker = messageEvent({ chatId: 'oc_1', senderOpenId: 'ou_s', messageType: 'text', content: { text: 'x' } });
    (sticker.event.message as { message_type: string }).message_type = 'sticker';
    expect(norm(sticker)).toEqual({ ok: false, reason: 'unsupported message type sticker' });
    const broken = messageEvent({ chatId: 'oc_1', senderOpenId: 'ou_s', messageType: 'text', content: { text: 'x' } });
    (broken.event.message as { content: string }).content = '{not json';
    expect(norm(broken).ok).toBe(false);
  });

  it('bot added → bot_added with the chat name and the operator', () => {
    const result = norm(botAddedEvent({ chatId: 'oc_new', operatorOpenId: 'ou_admin', name: '南塘社区党支部群' }));
    expect(result.ok && result.event).toMatchObject({
      kind: 'bot_added',
      chatId: 'oc_new',
      chatName: '南塘社区党支部群',
      sender: { platformUserId: 'ou_admin' },
    });
  });

  it('card action → card_action carrying the command and the card message id; chat type from the adapter', () => {
    const event = cardActionEvent({ chatId: 'oc_1', operatorOpenId: 'ou_s', messageId: 'om_card', command: '/采用 3' });
    const result = normaliseLarkEvent(event as unknown as LarkEnvelope, { botOpenId: BOT, chatTypeOf: () => 'p2p' });
    expect(result.ok && result.event).toMatchObject({ kind: 'card_action', text: '/采用 3', cardMessageId: 'om_card', chatType: 'p2p', mentionsBot: true });
    const noCommand = cardActionEvent({ chatId: 'oc_1', operatorOpenId: 'ou_s', messageId: 'om_card', command: '' });
    expect(norm(noCommand).ok).toBe(false);
  });

  it('rebuilds the envelope from the EventDispatcher’s flattened data (long connection)', () => {
    const event = messageEvent({ chatId: 'oc_1', senderOpenId: 'ou_s', messageType: 'text', content: { text: '/帮助' } });
    const flattened = { ...event.header, ...event.event } as Record<string, unknown>;
    const result = norm(envelopeFromDispatcher(flattened));
    expect(result.ok && result.event).toMatchObject({ eventId: event.header.event_id, text: '/帮助', chatId: 'oc_1' });
  });
});
