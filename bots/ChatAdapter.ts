import type { Hono } from 'hono';
import type { Platform } from '../src/core/generated/prisma/enums.ts';
import type { ChatEvent, FileRef, ImageRef } from '../src/engine/chat/ChatEvent.ts';
import type { OutboundMessage } from '../src/engine/chat/OutboundMessage.ts';
import type { ImageBytes } from '../src/engine/chat/handleChatEvent.ts';

/** Hands a normalised event to the inbound queue; false when it was a duplicate. */
export type Ingest = (event: ChatEvent) => Promise<{ queued: boolean; jobId: string }>;

export interface SendResult {
  platformMessageId?: string;
}

/**
 * The same shape for every platform. Adapters translate; they never touch the database:
 * inbound they only normalise and call `ingest`, outbound they only deliver what they are given.
 */
export interface ChatAdapter {
  readonly platform: Platform;
  /** Web side: mount webhook routes (Lark, OneBot) or pages (sandbox, WeChat login QR). */
  mountRoutes?(app: Hono, ingest: Ingest): void;
  /** Long-lived connections (Lark long connection, wechaty). */
  connect?(ingest: Ingest): Promise<void>;
  disconnect?(): Promise<void>;
  send(message: OutboundMessage): Promise<SendResult>;
  fetchImage(ref: ImageRef): Promise<ImageBytes>;
  /** Non-image files (roster spreadsheets); adapters of platforms without files leave it out. */
  fetchFile?(ref: FileRef): Promise<ImageBytes>;
}
