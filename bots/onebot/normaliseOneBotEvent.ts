import { createHash } from 'node:crypto';
import type { ChatEvent, FileRef, ImageRef, Mention } from '../../src/engine/chat/ChatEvent.ts';
import { parseCqMessage, type OneBotSegment } from './parseCqMessage.ts';
import { oneBotFileSegmentSchema, type OneBotGroupIncrease, type OneBotGroupUpload, type OneBotMessageEvent } from './oneBotEventSchema.ts';

/** The dedupe key of a QQ delivery: the same message id may exist under two bot accounts. */
export function oneBotEventId(selfId: string, messageId: string): string {
  return `${selfId}-${messageId}`;
}

function segmentsOf(event: OneBotMessageEvent): OneBotSegment[] {
  if (typeof event.message === 'string') return parseCqMessage(event.message);
  return event.message.map((s) => {
    const data: Record<string, string> = {};
    for (const [k, v] of Object.entries(s.data ?? {})) if (v !== null && v !== undefined) data[k] = v;
    return { type: s.type, data };
  });
}

function timeOf(seconds: number | undefined): string {
  return (seconds ? new Date(seconds * 1000) : new Date()).toISOString();
}

/** A QQ group message → ChatEvent. The bot's own @ sets mentionsBot and is taken out of the text. */
export function normaliseOneBotMessage(event: OneBotMessageEvent): ChatEvent {
  const text: string[] = [];
  const mentions: Mention[] = [];
  const images: ImageRef[] = [];
  const files: FileRef[] = [];
  let mentionsBot = false;
  for (const segment of segmentsOf(event)) {
    const data = segment.data;
    switch (segment.type) {
      case 'text':
        text.push(data.text ?? '');
        break;
      case 'at': {
        const qq = data.qq ?? '';
        if (qq === event.self_id) {
          mentionsBot = true;
        } else if (qq && qq !== 'all') {
          const name = data.name?.replace(/^@/, '') || qq;
          mentions.push({ platformUserId: qq, name });
          text.push(`@${name} `);
        }
        break;
      }
      case 'image': {
        const url = data.url ?? (/^https?:\/\//.test(data.file ?? '') ? data.file : undefined);
        if (url) images.push({ kind: 'url', url, ...(data.file && !/^https?:/.test(data.file) ? { fileName: data.file } : {}) });
        break;
      }
      case 'file': {
        // The bytes are fetched only when a command needs them (fetchFile), through the file API, never from `url`/`path`.
        const file = oneBotFileSegmentSchema.safeParse(data);
        if (file.success) files.push({ kind: 'onebot', groupId: event.group_id!, ...file.data });
        break;
      }
      default:
        // reply, face and the rest carry nothing a command reads.
        break;
    }
  }
  const sender = event.sender ?? {};
  const displayName = sender.card?.trim() || sender.nickname?.trim();
  return {
    platform: 'QQ',
    eventId: oneBotEventId(event.self_id, event.message_id),
    kind: 'message',
    chatId: event.group_id!,
    chatType: 'group',
    ...(event.group_name ? { chatName: event.group_name } : {}),
    messageId: event.message_id,
    sender: { platformUserId: event.user_id, ...(displayName ? { displayName } : {}) },
    text: text
      .join('')
      .replace(/[ \t]+\n/g, '\n')
      .trim(),
    mentionsBot,
    mentions,
    images,
    ...(files.length > 0 ? { files } : {}),
    sentAt: timeOf(event.time),
  };
}

/**
 * A group file upload notice → a message carrying only the file. It has no message id: its event id is made of the
 * group and the file id, so a re-delivered notice is processed once.
 */
export function normaliseOneBotGroupUpload(event: OneBotGroupUpload): ChatEvent {
  const fileKey = createHash('sha256').update(`${event.group_id}\n${event.file.id}`).digest('hex').slice(0, 24);
  return {
    ...groupNotice(event.group_id, event.user_id, event.time),
    eventId: `${event.self_id}-upload-${fileKey}`,
    kind: 'message',
    files: [
      {
        kind: 'onebot',
        groupId: event.group_id,
        fileId: event.file.id,
        fileName: event.file.name,
        ...(event.file.size !== undefined ? { size: event.file.size } : {}),
        ...(event.file.busid !== undefined ? { busid: event.file.busid } : {}),
      },
    ],
  };
}

/** The bot was added to a QQ group. */
export function normaliseOneBotGroupIncrease(event: OneBotGroupIncrease): ChatEvent {
  return {
    ...groupNotice(event.group_id, event.user_id, event.time),
    eventId: `${event.self_id}-join-${event.group_id}-${event.time ?? 0}`,
    kind: 'bot_added',
  };
}

/** What a group notice (a file uploaded, the bot added) says as a chat event: no text, nobody mentioned. */
function groupNotice(groupId: string, userId: string, time: number | undefined): Omit<ChatEvent, 'eventId' | 'kind'> {
  return {
    platform: 'QQ',
    chatId: groupId,
    chatType: 'group',
    sender: { platformUserId: userId },
    text: '',
    mentionsBot: false,
    mentions: [],
    images: [],
    sentAt: timeOf(time),
  };
}
