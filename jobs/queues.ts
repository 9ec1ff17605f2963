import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ChatEvent } from '../src/engine/chat/ChatEvent.ts';
import type { OutboundMessage } from '../src/engine/chat/OutboundMessage.ts';

export const INBOUND = 'inbound';
export const OUTBOUND = 'outbound';
export const SCHEDULES = 'schedules';

// Completed inbound jobs are kept a day so a platform's re-delivery with the same id is refused by BullMQ;
// the InboundEvent table stops anything older.
// Exponential backoff from 1 s over 12 attempts keeps retrying for about half an hour: long enough to outlast a
// database restart or failover.
export const inboundJobOptions: JobsOptions = {
  attempts: 12,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 100_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

export const outboundJobOptions: JobsOptions = {
  attempts: 12,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 24 * 3600, count: 100_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

export interface InboundResult {
  deliveryIds: string[];
  duplicate?: boolean;
}

export interface Queues {
  inbound: Queue<ChatEvent, InboundResult>;
  outbound: Queue<OutboundMessage>;
  schedules: Queue;
  close(): Promise<void>;
}

export function createQueues(connection: Redis, prefix: string): Queues {
  const inbound = new Queue<ChatEvent, InboundResult>(INBOUND, { connection, prefix, defaultJobOptions: inboundJobOptions });
  const outbound = new Queue<OutboundMessage>(OUTBOUND, { connection, prefix, defaultJobOptions: outboundJobOptions });
  const schedules = new Queue(SCHEDULES, { connection, prefix });
  // Connection errors surface as failed adds (a 503 to the platform) and in /healthz; without a listener
  // they would also be printed as unhandled 'error' events.
  for (const queue of [inbound, outbound, schedules]) queue.on('error', () => undefined);
  return {
    inbound,
    outbound,
    schedules,
    async close() {
      await Promise.all([inbound.close(), outbound.close(), schedules.close()]);
    },
  };
}

/** BullMQ job ids may not contain ':'-only segments that look numeric; keep them readable and safe. */
export function inboundJobId(event: Pick<ChatEvent, 'platform' | 'eventId'>): string {
  return `${event.platform}-${event.eventId}`.replace(/:/g, '_');
}

export function outboundJobId(deliveryId: string): string {
  return deliveryId.replace(/:/g, '_');
}
