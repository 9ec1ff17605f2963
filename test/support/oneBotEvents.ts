import { signOneBotBody } from './platformSigning.ts';

export const BOT_QQ = 10001;

let nextMessageId = 1;

export interface GroupEventInput {
  groupId: number;
  userId: number;
  nickname?: string;
  /** Segments, or a CQ-code string. */
  message: unknown;
  messageId?: number;
}

/** A OneBot v11 group message report, as NapCat or Lagrange post it. */
export function groupEvent(input: GroupEventInput): Record<string, unknown> & { message_id: number } {
  return {
    time: Math.floor(Date.now() / 1000),
    self_id: BOT_QQ,
    post_type: 'message',
    message_type: 'group',
    sub_type: 'normal',
    message_id: input.messageId ?? nextMessageId++ + Math.floor(Math.random() * 1e6) * 100,
    group_id: input.groupId,
    user_id: input.userId,
    message: input.message,
    ...(typeof input.message === 'string' ? { message_format: 'string' } : { message_format: 'array' }),
    raw_message: typeof input.message === 'string' ? input.message : '',
    font: 0,
    sender: { user_id: input.userId, nickname: input.nickname ?? `QQ${input.userId}`, card: '', role: 'member' },
  };
}

/** Posts a report to the running service's webhook, signed with the secret when one is given. */
export async function postOneBot(serviceUrl: string, body: unknown, secret?: string): Promise<Response> {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  return fetch(`${serviceUrl}/webhooks/onebot`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret ? { 'x-signature': signOneBotBody(secret, raw) } : {}) },
    body: raw,
  });
}
