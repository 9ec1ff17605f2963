import { describe, expect, it } from 'vitest';
import { oneBotMessageEventSchema } from '../../../bots/onebot/oneBotEventSchema.ts';
import { normaliseOneBotMessage } from '../../../bots/onebot/normaliseOneBotEvent.ts';

const base = {
  time: 1795000000,
  self_id: 10001,
  post_type: 'message',
  message_type: 'group',
  sub_type: 'normal',
  message_id: 555,
  group_id: 700001,
  user_id: 20002,
  sender: { user_id: 20002, nickname: '小王', card: '王小燕（东湾村）', role: 'member' },
};

function normalise(message: unknown) {
  return normaliseOneBotMessage(oneBotMessageEventSchema.parse({ ...base, message }));
}

describe('normaliseOneBotMessage', () => {
  it('reads segments: @bot sets mentionsBot and leaves the text, other @ become mentions, images keep their url', () => {
    const event = normalise([
      { type: 'reply', data: { id: '12' } },
      { type: 'at', data: { qq: '10001' } },
      { type: 'text', data: { text: ' /积分 ' } },
      { type: 'at', data: { qq: 30003, name: '赵大勇' } },
      { type: 'image', data: { file: 'p.jpg', url: 'http://127.0.0.1:1/p.jpg' } },
    ]);
    expect(event).toMatchObject({
      platform: 'QQ',
      eventId: '10001-555',
      chatId: '700001',
      chatType: 'group',
      messageId: '555',
      sender: { platformUserId: '20002', displayName: '王小燕（东湾村）' },
      text: '/积分 @赵大勇',
      mentionsBot: true,
      mentions: [{ platformUserId: '30003', name: '赵大勇' }],
      images: [{ kind: 'url', url: 'http://127.0.0.1:1/p.jpg', fileName: 'p.jpg' }],
      sentAt: new Date(1795000000 * 1000).toISOString(),
    });
  });

  it('reads the CQ-code string format the same way', () => {
    const event = normalise('[CQ:at,qq=10001] /绑定 王小燕 0007[CQ:image,file=q.png,url=http://h/q.png?a=1&amp;b=2]');
    expect(event.text).toBe('/绑定 王小燕 0007');
    expect(event.mentionsBot).toBe(true);
    expect(event.images).toEqual([{ kind: 'url', url: 'http://h/q.png?a=1&b=2', fileName: 'q.png' }]);
  });

  it('accepts the negative message ids some implementations (Lagrange) report', () => {
    const event = normaliseOneBotMessage(oneBotMessageEventSchema.parse({ ...base, message_id: '-2147480000', message: '/帮助' }));
    expect(event.eventId).toBe('10001--2147480000');
    expect(event.messageId).toBe('-2147480000');
  });

  it('does not treat @全体成员 as a mention and falls back to the nickname', () => {
    const event = oneBotMessageEventSchema.parse({ ...base, sender: { nickname: '老李' }, message: '[CQ:at,qq=all] 开会' });
    const normalised = normaliseOneBotMessage(event);
    expect(normalised.mentions).toEqual([]);
    expect(normalised.mentionsBot).toBe(false);
    expect(normalised.sender.displayName).toBe('老李');
    expect(normalised.text).toBe('开会');
  });
});
