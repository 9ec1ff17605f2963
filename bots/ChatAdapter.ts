import type { Hono } from 'hono';
import type { Platform } from '../src/core/generated/prisma/enums.ts';
import type { ChatEvent, FileRef, ImageRef } from '../src/engine/chat/ChatEvent.ts';
import type { OutboundMessage } from '../src/engine/chat/OutboundMessage.ts';
import type { ImageBytes } from '../src/engine/chat/handleChatEvent.ts';
import type { MessageView } from '../cards/MessageView.ts';

/** Hands a normalised event to the inbound queue; false when it was a duplicate. */
/** Queued durably under `jobId`, or (chatter that cannot concern the bot) acknowledged and dropped. */
export type IngestResult = { queued: true; jobId: string } | { queued: false; jobId: null };
export type Ingest = (event: ChatEvent) => Promise<IngestResult>;

/**
 * Waits for what an ingested event led to, for the adapters that answer in the same request (a Feishu card
 * click, the sandbox page). Passed in by src/app (jobs/InboundReplies.ts), so adapters never import jobs/.
 * Every wait is bounded and rejects when its time runs out.
 */
export interface ReplyWaiter {
  /** Resolves once waiting is possible at all (the job-event subscription listens). */
  whenReady(timeoutMs: number): Promise<void>;
  /** The worker's result for the ingested job: the delivery ids of its replies, or that it was a duplicate. */
  handled(jobId: string, timeoutMs: number): Promise<{ deliveryIds?: string[]; duplicate?: boolean } | null | undefined>;
  /** Resolves once every one of these replies has been through the outbound queue. */
  sent(deliveryIds: string[], timeoutMs: number): Promise<void>;
  /** The view of a reply still in the outbound queue; null when it is not (any more). */
  queuedView(deliveryId: string): Promise<MessageView | null>;
  close(): Promise<void>;
}

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
