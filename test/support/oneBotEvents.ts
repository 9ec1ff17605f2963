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

export interface GroupFileInput {
  groupId: number;
  userId: number;
  /** The file id the implementation's file API takes. */
  id: string;
  name: string;
  size: number;
  busid?: number;
}

/** A group file upload notice, as go-cqhttp, NapCat and LLOneBot post it (`file: {id, name, size, busid}`). */
export function groupUploadNotice(input: GroupFileInput): Record<string, unknown> {
  return {
    time: Math.floor(Date.now() / 1000),
    self_id: BOT_QQ,
    post_type: 'notice',
    notice_type: 'group_upload',
    group_id: input.groupId,
    user_id: input.userId,
    file: { id: input.id, name: input.name, size: input.size, busid: input.busid ?? 102 },
  };
}

/** The `file` segment NapCat puts in a group message for the same upload: sizes as strings, as NTQQ gives them. */
export function fileSegment(input: Pick<GroupFileInput, 'id' | 'name' | 'size'>): { type: 'file'; data: Record<string, string> } {
  return { type: 'file', data: { file: input.name, file_id: input.id, file_size: String(input.size) } };
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
