import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { ChatEvent } from '../../src/engine/chat/ChatEvent.ts';
import type { MessageView } from '../../cards/MessageView.ts';
import { renderLarkCard } from '../../cards/render/renderLarkCard.ts';
import type { Ingest, ReplyWaiter } from '../ChatAdapter.ts';

/** Feishu's answer to a card callback: a toast and, when ready, the card that replaces the clicked one. */
export interface CardCallbackAnswer extends Record<string, unknown> {
  toast: { type: 'info' | 'success' | 'warning' | 'error'; content: string };
  card?: { type: 'raw'; data: Record<string, unknown> };
}

export interface LarkCardResponderOptions {
  redis: Redis;
  prefix: string;
  replies: ReplyWaiter;
  /** Feishu wants the answer within 3 s; leave room for the network. */
  waitMs?: number;
}

const toastType: Record<MessageView['tone'], CardCallbackAnswer['toast']['type']> = {
  info: 'info',
  success: 'success',
  warning: 'warning',
  error: 'error',
};

/**
 * A button click goes through the inbound queue like typed text (same parser, same permission check).
 * The callback waits a bounded time for that job; when it finished, the first reply becomes the new card
 * in the callback answer, and the outbound patch of the same card is skipped. When it takes longer, the
 * answer is a "已收到，正在处理" toast and the outbound queue patches the card (im.message.patch) later.
 */
export class LarkCardResponder {
  constructor(private readonly options: LarkCardResponderOptions) {}

  static answeredKey(prefix: string, deliveryId: string): string {
    return `${prefix}:lark:card-answered:${deliveryId}`;
  }

  async respond(event: ChatEvent, ingest: Ingest, log: Logger): Promise<CardCallbackAnswer> {
    const started = Date.now();
    const { jobId } = await ingest(event);
    // A card click always concerns the bot; should it ever not be queued there is nothing to wait for.
    if (jobId === null) return received();
    const waitMs = this.options.waitMs ?? 2500;
    try {
      const { replies } = this.options;
      await replies.whenReady(waitMs);
      const remaining = Math.max(100, waitMs - (Date.now() - started));
      const result = await replies.handled(jobId, remaining);
      if (result?.duplicate) return { toast: { type: 'info', content: '这个操作已经处理过了' } };
      const first = result?.deliveryIds?.[0];
      if (!first) return { toast: { type: 'success', content: '已处理' } };
      const view = await replies.queuedView(first);
      if (!view) return received();
      await this.options.redis.set(LarkCardResponder.answeredKey(this.options.prefix, first), '1', 'PX', 10 * 60_000);
      return {
        toast: { type: toastType[view.tone], content: view.title.slice(0, 40) },
        card: { type: 'raw', data: renderLarkCard(view) },
      };
    } catch (error) {
      log.info({ err: error, waitedMs: Date.now() - started }, 'card action still running; answered with a toast');
      return received();
    }
  }

  async close(): Promise<void> {
    await this.options.replies.close();
  }
}

function received(): CardCallbackAnswer {
  return { toast: { type: 'info', content: '已收到，正在处理' } };
}
