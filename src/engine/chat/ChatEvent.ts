import type { Platform } from '../../core/generated/prisma/enums.ts';

/** Where the bytes of a picture can be fetched; only the adapter of `platform` knows how. */
export type ImageRef =
  | { kind: 'inline'; base64: string; fileName?: string }
  /** A sandbox upload kept on disk by its id (the bytes never travel through Redis). */
  | { kind: 'sandbox'; uploadId: string; fileName?: string }
  | { kind: 'lark'; messageId: string; fileKey: string }
  | { kind: 'url'; url: string; fileName?: string }
  | { kind: 'wechaty'; messageId: string }
  /** DingTalk: a robot message's downloadCode, exchanged for a short-lived URL through robot/messageFiles/download. */
  | { kind: 'dingtalk'; downloadCode: string; fileName?: string };

/** Where the bytes of a non-image file (a roster .xlsx/.csv) can be fetched; only the adapter knows how. */
export type FileRef =
  | { kind: 'inline'; base64: string; fileName: string }
  | { kind: 'sandbox'; uploadId: string; fileName: string }
  | { kind: 'lark'; messageId: string; fileKey: string; fileName: string }
  | { kind: 'url'; url: string; fileName: string }
  | { kind: 'wechaty'; messageId: string; fileName: string }
  | { kind: 'dingtalk'; downloadCode: string; fileName: string }
  /** QQ (OneBot v11): a group file, fetched through the implementation's file API; size as the report gave it. */
  | { kind: 'onebot'; groupId: string; fileId: string; busid?: number; fileName: string; size?: number };

export interface Mention {
  platformUserId: string;
  name: string;
}

/**
 * One chat event, whatever the platform. Adapters build it from raw payloads; domain code sees only this.
 * It travels through Redis as JSON, so it holds plain data only.
 */
export interface ChatEvent {
  platform: Platform;
  /** The platform's id for this delivery; the dedupe key. */
  eventId: string;
  kind: 'message' | 'card_action' | 'bot_added';
  chatId: string;
  chatType: 'group' | 'p2p';
  chatName?: string;
  messageId?: string;
  sender: { platformUserId: string; displayName?: string };
  /** Message text with the bot's @mention removed; for card actions the command the button carries. */
  text: string;
  mentionsBot: boolean;
  mentions: Mention[];
  images: ImageRef[];
  /** Non-image files sent with the message (optional: adapters that cannot receive files leave it out). */
  files?: FileRef[];
  /** ISO time the platform says the message was sent. */
  sentAt: string;
  /** Card actions: the message the card is in, so the reply can update it. */
  cardMessageId?: string;
}

export type PlatformName = Platform;
