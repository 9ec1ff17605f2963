import { describe, expect, it } from 'vitest';
import { normaliseDingTalkMessage } from '../../../bots/dingtalk/normaliseDingTalkMessage.ts';
import { robotMessageSchema } from '../../../bots/dingtalk/dingTalkSchemas.ts';
import { FAKE_CHATBOT_USER_ID, fileMessage, pictureMessage, richTextMessage, textMessage, type Person } from '../../support/dingTalkEvents.ts';

const GROUP = 'cidNormalise==';
const secretary: Person = { staffId: '03161501', nick: '春生书记' };
const liaison: Person = { staffId: '03161502', nick: '小燕子' };
const member: Person = { staffId: '03161503', nick: '大勇' };
const normalise = (payload: unknown) => normaliseDingTalkMessage(robotMessageSchema.parse(payload));

describe('normaliseDingTalkMessage', () => {
  it('takes the official sample of a group text message: the leading space of the removed @ is trimmed', () => {
    const result = normalise({
      conversationId: 'cidAsXSBLnA==',
      atUsers: [{ dingtalkId: '$:LWCP_v1:$4abc' }],
      chatbotCorpId: 'ding9f',
      chatbotUserId: '$:LWCP_v1:$4abc',
      msgId: 'msgLICYeHgY4JtMQw==',
      senderNick: '用户',
      isAdmin: true,
      senderStaffId: '16650698',
      sessionWebhookExpiredTime: 1690367502152,
      createAt: 1690362101894,
      senderCorpId: 'ding9',
      conversationType: '2',
      senderId: '$:LWCP_v1:$jqTgIfhRX9Q==',
      conversationTitle: '测试群',
      isInAtList: true,
      sessionWebhook: 'https://oapi.dingtalk.com/robot/sendBySession?session=76da36b4',
      text: { content: ' 测试数据' },
      robotCode: 'dingr3xc0b',
      msgtype: 'text',
    });
    expect(result).toEqual({
      ok: true,
      event: {
        platform: 'DINGTALK',
        eventId: 'msgLICYeHgY4JtMQw==',
        kind: 'message',
        chatId: 'cidAsXSBLnA==',
        chatType: 'group',
        chatName: '测试群',
        messageId: 'msgLICYeHgY4JtMQw==',
        sender: { platformUserId: '16650698', displayName: '用户' },
        text: '测试数据',
        mentionsBot: true,
        mentions: [],
        images: [],
        sentAt: new Date(1690362101894).toISOString(),
      },
    });
  });

  it('pairs each @昵称 in the text with the person in atUsers, leaving the robot out', () => {
    const result = normalise(textMessage(GROUP, secretary, '参加人员：@小燕子 @大勇 李春生', [liaison, member]));
    expect(result.ok && result.event.mentions).toEqual([
      { platformUserId: liaison.staffId, name: '小燕子' },
      { platformUserId: member.staffId, name: '大勇' },
    ]);
  });

  it('does not guess when the @ names and atUsers do not line up', () => {
    const result = normalise(textMessage(GROUP, secretary, '请 @小燕子 @某人 看看', [liaison]));
    expect(result.ok && result.event.mentions).toEqual([]);
  });

  it('uses the sender id for someone without a staff id (outside the organisation)', () => {
    const payload = { ...textMessage(GROUP, secretary, '/我的'), senderStaffId: undefined, senderId: '$:LWCP_v1:$outsider' };
    const result = normalise(payload);
    expect(result.ok && result.event.sender.platformUserId).toBe('$:LWCP_v1:$outsider');
  });

  it('reads pictures, rich text and files; refuses what carries nothing', () => {
    expect(normalise(pictureMessage(GROUP, liaison, 'dc1'))).toMatchObject({
      ok: true,
      event: { text: '', images: [{ kind: 'dingtalk', downloadCode: 'dc1' }] },
    });
    expect(normalise(richTextMessage(GROUP, liaison, [{ downloadCode: 'dc2' }, { text: ' ' }]))).toMatchObject({
      ok: true,
      event: { text: '', images: [{ downloadCode: 'dc2' }] },
    });
    expect(normalise(fileMessage(secretary, 'dc3', '名册.xlsx'))).toMatchObject({
      ok: true,
      event: { chatType: 'p2p', chatId: 'staff:03161501', files: [{ kind: 'dingtalk', downloadCode: 'dc3', fileName: '名册.xlsx' }] },
    });
    expect(normalise({ ...textMessage(GROUP, secretary, ''), atUsers: [{ dingtalkId: FAKE_CHATBOT_USER_ID }] })).toEqual({
      ok: false,
      reason: 'empty message',
    });
    expect(normalise({ ...pictureMessage(GROUP, liaison, 'x'), content: {} })).toMatchObject({ ok: false });
    expect(normalise({ ...textMessage(GROUP, secretary, 'x'), msgtype: 'audio' })).toEqual({ ok: false, reason: 'unsupported message type audio' });
  });
});
