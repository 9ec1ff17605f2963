import { describe, expect, it } from 'vitest';
import { mayConcernBot } from '../../../src/engine/chat/mayConcernBot.ts';
import type { ChatEvent } from '../../../src/engine/chat/ChatEvent.ts';
import { buildRegistry } from '../../../src/app/buildRegistry.ts';

const registry = buildRegistry();
const event = (over: Partial<ChatEvent>): ChatEvent => ({
  platform: 'LARK',
  eventId: 'ev',
  kind: 'message',
  chatId: 'oc_group',
  chatType: 'group',
  sender: { platformUserId: 'ou_x' },
  text: '',
  mentionsBot: false,
  mentions: [],
  images: [],
  sentAt: new Date(0).toISOString(),
  ...over,
});

describe('what can concern the bot, from the event alone', () => {
  it.each([
    ['大家好，今天下午三点开会', false],
    ['收到，马上到', false],
    ['收到', false], // the commonest word in a work group: 「/收到」 needs a task number
    ['收到 12', true],
    ['好的👌', false],
    ['   ', false],
    ['/帮助', true],
    ['／积分', true],
    ['帮助', true],
    ['确认', true],
    ['确定', true],
    ['积分榜', true],
    ['/不存在的指令', true],
  ])('「%s」 in a group: %s', (text, expected) => {
    expect(mayConcernBot(event({ text }), registry)).toBe(expected);
  });

  it('anything addressed to the bot, pictures and files, private chats, card clicks and the bot being added', () => {
    expect(mayConcernBot(event({ text: '我的积分是多少？', mentionsBot: true }), registry)).toBe(true);
    expect(mayConcernBot(event({ text: '', images: [{ kind: 'lark', messageId: 'om_1', fileKey: 'img_1' }] }), registry)).toBe(true);
    expect(mayConcernBot(event({ text: '', files: [{ kind: 'lark', messageId: 'om_1', fileKey: 'file_1', fileName: '名册.xlsx' }] }), registry)).toBe(true);
    expect(mayConcernBot(event({ text: '你好', chatType: 'p2p' }), registry)).toBe(true);
    expect(mayConcernBot(event({ kind: 'card_action', text: '/收到 3' }), registry)).toBe(true);
    expect(mayConcernBot(event({ kind: 'bot_added', text: '' }), registry)).toBe(true);
  });
});
