import { randomBytes, randomUUID } from 'node:crypto';
import { larkSignature } from '../../bots/lark/larkCrypto.ts';
import { encryptLarkPayload } from './platformSigning.ts';

export const TEST_LARK = {
  appId: 'cli_a1b2c3d4e5f60718',
  appSecret: 'test-app-secret',
  encryptKey: 'test-encrypt-key-0123456789',
  verificationToken: 'test-verification-token',
};

export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

/** Encrypts and signs a payload exactly as Feishu does: `{"encrypt": …}` plus the three x-lark-* headers. */
export function feishuRequest(payload: unknown, options: { encryptKey?: string; timestamp?: number; encrypt?: boolean } = {}): SignedRequest {
  const encryptKey = options.encryptKey ?? TEST_LARK.encryptKey;
  const plain = JSON.stringify(payload);
  const body = options.encrypt === false ? plain : JSON.stringify({ encrypt: encryptLarkPayload(plain, encryptKey) });
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = randomBytes(8).toString('hex');
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-lark-request-timestamp': timestamp,
      'x-lark-request-nonce': nonce,
      'x-lark-signature': larkSignature(timestamp, nonce, encryptKey, body),
    },
  };
}

export function v2Header(eventType: string, eventId = `ev_${randomUUID().replace(/-/g, '')}`, token = TEST_LARK.verificationToken) {
  return { event_id: eventId, token, create_time: String(Date.now()), event_type: eventType, tenant_key: 'tenant_test', app_id: TEST_LARK.appId };
}

export interface MentionSpec {
  key: string;
  openId: string;
  name: string;
}

/** `im.message.receive_v1` as Feishu sends it (v2 schema). */
export function messageEvent(options: {
  chatId: string;
  senderOpenId: string;
  messageType: 'text' | 'post' | 'image';
  content: unknown;
  chatType?: 'group' | 'p2p';
  mentions?: MentionSpec[];
  eventId?: string;
  messageId?: string;
  token?: string;
}) {
  return {
    schema: '2.0',
    header: v2Header('im.message.receive_v1', options.eventId, options.token),
    event: {
      sender: {
        sender_id: { union_id: `on_${options.senderOpenId}`, user_id: 'u123', open_id: options.senderOpenId },
        sender_type: 'user',
        tenant_key: 'tenant_test',
      },
      message: {
        message_id: options.messageId ?? `om_${randomUUID().replace(/-/g, '')}`,
        root_id: '',
        parent_id: '',
        create_time: String(Date.now()),
        update_time: String(Date.now()),
        chat_id: options.chatId,
        chat_type: options.chatType ?? 'group',
        message_type: options.messageType,
        content: JSON.stringify(options.content),
        mentions: (options.mentions ?? []).map((m) => ({
          key: m.key,
          id: { union_id: `on_${m.openId}`, user_id: '', open_id: m.openId },
          name: m.name,
          tenant_key: 'tenant_test',
        })),
        user_agent: 'Mozilla/5.0 Lark/7.0',
      },
    },
  };
}

/** `card.action.trigger` (new card callback, v2 schema) for a button whose value carries a command. */
export function cardActionEvent(options: { chatId: string; operatorOpenId: string; messageId: string; command: string; eventId?: string }) {
  return {
    schema: '2.0',
    header: v2Header('card.action.trigger', options.eventId),
    event: {
      operator: { tenant_key: 'tenant_test', user_id: 'u123', open_id: options.operatorOpenId, union_id: `on_${options.operatorOpenId}` },
      token: `c-${randomUUID()}`,
      action: { value: { command: options.command }, tag: 'button', timezone: 'Asia/Shanghai' },
      host: 'im_message',
      delivery_type: 'url',
      context: { open_message_id: options.messageId, open_chat_id: options.chatId },
    },
  };
}

export function botAddedEvent(options: { chatId: string; operatorOpenId: string; name: string }) {
  return {
    schema: '2.0',
    header: v2Header('im.chat.member.bot.added_v1'),
    event: {
      chat_id: options.chatId,
      operator_id: { open_id: options.operatorOpenId, union_id: 'on_x', user_id: 'u1' },
      external: false,
      operator_tenant_key: 'tenant_test',
      name: options.name,
    },
  };
}
