import { types } from 'wechaty';
import type { Contact as ContactInterface, Message as MessageInterface, Room as RoomInterface } from 'wechaty';
import type { ChatEvent, FileRef, ImageRef, Mention } from '../../src/engine/chat/ChatEvent.ts';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function nameIn(room: RoomInterface, contact: ContactInterface): Promise<string> {
  return ((await room.alias(contact).catch(() => undefined)) || contact.name() || contact.id).trim();
}

/**
 * A WeChat room message → ChatEvent, or null for what the bot does not act on (its own messages, private
 * chats, stickers, voice…); attachments become FileRefs. The bot's @mention is removed from the text; other mentions are kept as `@名字`.
 */
export async function normaliseWechatyMessage(message: MessageInterface, self: ContactInterface): Promise<ChatEvent | null> {
  const selfId = self.id;
  if (message.self()) return null;
  const room = message.room();
  if (!room) return null;
  const type = message.type();
  if (type !== types.Message.Text && type !== types.Message.Image && type !== types.Message.Attachment) return null;
  const talker = message.talker();
  const images: ImageRef[] = type === types.Message.Image ? [{ kind: 'wechaty', messageId: message.id }] : [];
  const files: FileRef[] = [];
  if (type === types.Message.Attachment) {
    // The name decides how the roster is read (.xlsx or .csv); the bytes are fetched only when a command needs them.
    // WeChat gives an attachment's name as its text; only without one is the FileBox asked, which a puppet may
    // answer by downloading the file, and that is work for a command, not for every attachment posted.
    const named = message.text().trim();
    const fileName = /\.[A-Za-z0-9]{1,8}$/.test(named)
      ? named
      : (
          await message.toFileBox().then(
            (box) => box.name,
            () => '',
          )
        ).trim() || named;
    if (!fileName) return null;
    files.push({ kind: 'wechaty', messageId: message.id, fileName: fileName.slice(0, 255) });
  }
  let text = type === types.Message.Text ? message.text() : '';
  const mentionList = type === types.Message.Text ? await message.mentionList().catch(() => [] as ContactInterface[]) : [];
  const selfNames = [...new Set([await nameIn(room, self), self.name()].filter(Boolean))];
  let mentionsBot = mentionList.some((c) => c.id === selfId);
  for (const name of selfNames) {
    const pattern = new RegExp(`@${escapeRegExp(name)}(\u2005|\u0020|$)`, 'gu');
    if (pattern.test(text)) {
      // Some puppets do not report mentions: the @name in the text counts as well.
      mentionsBot = true;
      text = text.replace(pattern, ' ');
    }
  }
  const mentions: Mention[] = [];
  for (const contact of mentionList) {
    if (contact.id === selfId) continue;
    mentions.push({ platformUserId: contact.id, name: await nameIn(room, contact) });
  }
  const topic = await room.topic().catch(() => undefined);
  const displayName = await nameIn(room, talker);
  return {
    platform: 'WECHAT',
    eventId: message.id,
    kind: 'message',
    chatId: room.id,
    chatType: 'group',
    ...(topic ? { chatName: topic } : {}),
    messageId: message.id,
    sender: { platformUserId: talker.id, ...(displayName ? { displayName } : {}) },
    text: text.replace(/\u2005/g, ' ').trim(),
    mentionsBot,
    mentions,
    images,
    ...(files.length > 0 ? { files } : {}),
    sentAt: message.date().toISOString(),
  };
}
