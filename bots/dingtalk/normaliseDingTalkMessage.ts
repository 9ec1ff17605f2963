import type { ChatEvent, FileRef, ImageRef, Mention } from '../../src/engine/chat/ChatEvent.ts';
import { fileContentSchema, pictureContentSchema, richTextContentSchema, type RobotMessage } from './dingTalkSchemas.ts';

export type NormalisedDingTalk = { ok: true; event: ChatEvent } | { ok: false; reason: string };

/** Private chats are addressed by the person's staff id: the one-to-one send API takes staff ids, not conversation ids. */
export const P2P_CHAT_PREFIX = 'staff:';

/** Who a DingTalk account is: the staff id inside the organisation, else the robot-scoped sender id (external people). */
export function dingTalkUserId(staffId: string | undefined, dingtalkId: string | undefined): string | undefined {
  return staffId || dingtalkId || undefined;
}

const MENTION_TOKEN = /[@＠]([^\s\u3000@＠]+)/gu;

/**
 * A robot message (TOPIC_ROBOT) → ChatEvent. Pure: no network, no clock. DingTalk takes the robot's own @ out of
 * the text and lists everyone mentioned in `atUsers` (ids only, the robot included); the other people's `@昵称`
 * stay in the text in the order they were written, so the n-th `@昵称` is paired with the n-th person in
 * `atUsers` who is not the robot. When the counts differ the pairing is unknown and the names are looked up as
 * written.
 */
export function normaliseDingTalkMessage(message: RobotMessage): NormalisedDingTalk {
  const senderId = dingTalkUserId(message.senderStaffId, message.senderId);
  if (!senderId) return { ok: false, reason: 'message without a sender' };
  const isGroup = message.conversationType === '2';
  if (!isGroup && !message.senderStaffId) return { ok: false, reason: 'private chat from someone outside the organisation' };
  let text = '';
  const images: ImageRef[] = [];
  const files: FileRef[] = [];
  switch (message.msgtype) {
    case 'text':
      text = message.text?.content ?? '';
      break;
    case 'picture': {
      const picture = pictureContentSchema.safeParse(message.content);
      if (!picture.success) return { ok: false, reason: 'picture without a downloadCode' };
      images.push({ kind: 'dingtalk', downloadCode: picture.data.downloadCode });
      break;
    }
    case 'richText': {
      const rich = richTextContentSchema.safeParse(message.content);
      if (!rich.success) return { ok: false, reason: 'rich text without richText' };
      for (const item of rich.data.richText) {
        if (item.downloadCode && (item.type === 'picture' || item.text === undefined)) images.push({ kind: 'dingtalk', downloadCode: item.downloadCode });
        else if (item.text !== undefined) text += item.text;
      }
      break;
    }
    case 'file': {
      const file = fileContentSchema.safeParse(message.content);
      if (!file.success) return { ok: false, reason: 'file without downloadCode or fileName' };
      files.push({ kind: 'dingtalk', downloadCode: file.data.downloadCode, fileName: file.data.fileName });
      break;
    }
    default:
      return { ok: false, reason: `unsupported message type ${message.msgtype}` };
  }
  text = text
    .replace(/\r\n/g, '\n')
    .replace(/[ \t\u3000]+\n/gu, '\n')
    .trim();
  if (!text && images.length === 0 && files.length === 0) return { ok: false, reason: 'empty message' };

  const others = (message.atUsers ?? []).filter((u) => u.dingtalkId !== message.chatbotUserId);
  const tokens = [...text.matchAll(MENTION_TOKEN)].map((m) => m[1]!).filter((name) => name !== '所有人');
  const mentions: Mention[] = [];
  if (tokens.length === others.length) {
    others.forEach((user, index) => {
      const id = dingTalkUserId(user.staffId, user.dingtalkId);
      if (id && !mentions.some((m) => m.platformUserId === id)) mentions.push({ platformUserId: id, name: tokens[index]! });
    });
  }
  const sentAt = new Date(message.createAt ?? 0).toISOString();
  return {
    ok: true,
    event: {
      platform: 'DINGTALK',
      eventId: message.msgId,
      kind: 'message',
      chatId: isGroup ? message.conversationId : `${P2P_CHAT_PREFIX}${message.senderStaffId}`,
      chatType: isGroup ? 'group' : 'p2p',
      ...(isGroup && message.conversationTitle ? { chatName: message.conversationTitle } : {}),
      messageId: message.msgId,
      sender: { platformUserId: senderId, ...(message.senderNick ? { displayName: message.senderNick } : {}) },
      text,
      // A group robot hears only messages that @ it; in a private chat everything is addressed to it.
      mentionsBot: isGroup ? message.isInAtList !== false : true,
      mentions,
      images,
      ...(files.length > 0 ? { files } : {}),
      sentAt,
    },
  };
}
