import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { Logger } from 'pino';
import type { Platform } from '../../src/core/generated/prisma/enums.ts';
import type { OutboundMessage } from '../../src/engine/chat/OutboundMessage.ts';
import type { Db } from '../../src/core/db/openDatabase.ts';
import type { Clock } from '../../src/core/time/clock.ts';
import type { ChatAdapter } from '../../bots/ChatAdapter.ts';
import { SendNotReadyError } from '../../bots/SendNotReadyError.ts';

export interface OutboundDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  adapters: ReadonlyMap<Platform, ChatAdapter>;
}

/** Delivers each message once: a delivery already marked SENT is never sent again, whatever retried. */
export function createOutboundProcessor(deps: OutboundDeps) {
  return async function processOutbound(job: Job<OutboundMessage>, token?: string): Promise<{ sent: boolean }> {
    const message = job.data;
    const log = deps.log.child({ deliveryId: message.deliveryId, platform: message.platform, jobId: job.id, kind: message.view.kind });
    const adapter = deps.adapters.get(message.platform);
    if (!adapter) throw new UnrecoverableError(`no adapter for platform ${message.platform}`);
    const delivery = await deps.db.outboundDelivery.upsert({
      where: { id: message.deliveryId },
      create: { id: message.deliveryId, platform: message.platform, chatId: message.chatId, kind: message.view.kind, attempts: 1 },
      update: { attempts: { increment: 1 } },
    });
    if (delivery.status === 'SENT') {
      log.info('already delivered; not sending again');
      return { sent: false };
    }
    try {
      const result = await adapter.send(message);
      await deps.db.outboundDelivery.update({
        where: { id: message.deliveryId },
        data: { status: 'SENT', sentAt: deps.clock.now(), platformMessageId: result.platformMessageId ?? null, lastError: null },
      });
      log.info('delivered');
      return { sent: true };
    } catch (error) {
      await deps.db.outboundDelivery
        .update({ where: { id: message.deliveryId }, data: { lastError: String((error as Error).message).slice(0, 500) } })
        .catch(() => undefined);
      if (error instanceof SendNotReadyError && token) {
        // The platform is temporarily unable to send (e.g. WeChat logged out): wait without spending an attempt.
        log.warn({ retryAfterMs: error.retryAfterMs, reason: error.message }, 'platform not ready; delivery postponed');
        await job.moveToDelayed(Date.now() + error.retryAfterMs, token);
        throw new DelayedError();
      }
      throw error;
    }
  };
}
