import { isLarkId } from './larkIds.ts';
import type { ChatEvent } from '../../src/engine/chat/ChatEvent.ts';
import { botAddedSchema, cardActionSchema, messageReceiveSchema, type LarkEnvelope } from './larkEventSchemas.ts';
import { parseLarkContent } from './parseLarkContent.ts';

export const MESSAGE_RECEIVE = 'im.message.receive_v1';
export const BOT_ADDED = 'im.chat.member.bot.added_v1';
export const CARD_ACTION = 'card.action.trigger';

export type Normalised =
  | { ok: true; event: ChatEvent }
  /** Nothing to do (another app's message, an unsupported message type, an event we do not handle). */
  | { ok: false; reason: string };

export interface NormaliseOptions {
  /** The bot's own open_id, to tell @bot from @member. */
  botOpenId: string | null;
  /** Card callbacks do not say whether the chat is a group; the adapter remembers it from messages. */
  chatTypeOf?: (chatId: string) => 'group' | 'p2p' | undefined;
}

/** A v2 event envelope → one ChatEvent. Pure: no network, no clock (times come from the payload). */
export function normaliseLarkEvent(envelope: LarkEnvelope, options: NormaliseOptions): Normalised {
  const { header } = envelope;
  const eventId = header.event_id;
  const createdAt = header.create_time ? new Date(Number(header.create_time)).toISOString() : new Date(0).toISOString();
  switch (header.event_type) {
    case MESSAGE_RECEIVE: {
      const parsed = messageReceiveSchema.safeParse(envelope.event);
      if (!parsed.success) return { ok: false, reason: `malformed ${MESSAGE_RECEIVE}: ${parsed.error.issues[0]?.message}` };
      const { sender, message } = parsed.data;
      if (sender.sender_type && sender.sender_type !== 'user') return { ok: false, reason: `message from ${sender.sender_type}` };
      const openId = sender.sender_id.open_id;
      if (!openId) return { ok: false, reason: 'sender has no open_id' };
      if (!isLarkId('openId', openId) || !isLarkId('message', message.message_id) || !isLarkId('chat', message.chat_id)) {
        return { ok: false, reason: 'malformed Feishu id' };
      }
      const content = parseLarkContent({
        messageId: message.message_id,
        messageType: message.message_type,
        content: message.content,
        mentions: message.mentions ?? [],
        botOpenId: options.botOpenId,
      });
      if (!content) return { ok: false, reason: `unsupported message type ${message.message_type}` };
      if (!content.text && content.images.length === 0) return { ok: false, reason: 'empty message' };
      if (content.images.some((ref) => ref.kind === 'lark' && !isLarkId('fileKey', ref.fileKey))) return { ok: false, reason: 'malformed Feishu file key' };
      const chatType = message.chat_type === 'p2p' ? 'p2p' : 'group';
      return {
        ok: true,
        event: {
          platform: 'LARK',
          eventId,
          kind: 'message',
          chatId: message.chat_id,
          chatType,
          messageId: message.message_id,
          sender: { platformUserId: openId },
          text: content.text,
          // In a private chat everything is addressed to the bot.
          mentionsBot: content.mentionsBot || chatType === 'p2p',
          mentions: content.mentions,
          images: content.images,
          sentAt: message.create_time ? new Date(Number(message.create_time)).toISOString() : createdAt,
        },
      };
    }
    case BOT_ADDED: {
      const parsed = botAddedSchema.safeParse(envelope.event);
      if (!parsed.success) return { ok: false, reason: `malformed ${BOT_ADDED}` };
      const data = parsed.data;
      if (!isLarkId('chat', data.chat_id)) return { ok: false, reason: 'malformed Feishu id' };
      return {
        ok: true,
        event: {
          platform: 'LARK',
          eventId,
          kind: 'bot_added',
          chatId: data.chat_id,
          chatType: 'group',
          ...(data.name ? { chatName: data.name } : {}),
          sender: { platformUserId: data.operator_id?.open_id ?? '' },
          text: '',
          mentionsBot: false,
          mentions: [],
          images: [],
          sentAt: createdAt,
        },
      };
    }
    case CARD_ACTION: {
      const parsed = cardActionSchema.safeParse(envelope.event);
      if (!parsed.success) return { ok: false, reason: `malformed ${CARD_ACTION}` };
      const { operator, action, context } = parsed.data;
      const value = action.value;
      const command =
        value && typeof value === 'object' && typeof (value as { command?: unknown }).command === 'string' ? (value as { command: string }).command : null;
      if (!command) return { ok: false, reason: 'card action without a command' };
      const chatId = context.open_chat_id;
      if (!chatId || !operator.open_id) return { ok: false, reason: 'card action without chat or operator' };
      if (!isLarkId('chat', chatId) || !isLarkId('openId', operator.open_id) || (context.open_message_id && !isLarkId('message', context.open_message_id))) {
        return { ok: false, reason: 'malformed Feishu id' };
      }
      return {
        ok: true,
        event: {
          platform: 'LARK',
          eventId,
          kind: 'card_action',
          chatId,
          chatType: options.chatTypeOf?.(chatId) ?? 'group',
          sender: { platformUserId: operator.open_id },
          text: command.slice(0, 2000),
          mentionsBot: true,
          mentions: [],
          images: [],
          sentAt: createdAt,
          ...(context.open_message_id ? { cardMessageId: context.open_message_id } : {}),
        },
      };
    }
    default:
      return { ok: false, reason: `event type ${header.event_type} not handled` };
  }
}
