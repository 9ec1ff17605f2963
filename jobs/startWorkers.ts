import { Worker, type Job } from 'bullmq';
import type { Logger } from 'pino';
import type { Redis } from 'ioredis';
import { INBOUND, OUTBOUND, SCHEDULES, type Queues } from './queues.ts';
import { createInboundProcessor, type InboundDeps } from './processors/inbound.ts';
import { createOutboundProcessor, type OutboundDeps } from './processors/outbound.ts';

/**
 * Jobs per worker process. Outbound jobs mostly wait (on the platform's answer, or for a rate-limit slot), so
 * many run at once: with 8, a burst to one Feishu group (5/s) held every slot asleep and a fan-out to hundreds
 * of groups reached well under half of Feishu's 50/s per app.
 */
export const DEFAULT_CONCURRENCY = { inbound: 4, outbound: 32 } as const;

export interface WorkerOptions {
  connection: () => Redis;
  prefix: string;
  log: Logger;
  inbound: Omit<InboundDeps, 'queues' | 'log'>;
  outbound: Omit<OutboundDeps, 'log'>;
  /** Scheduled pushes (reminders, 督办, points updates, star boards, digests); absent = no schedules worker. */
  schedules?: (job: Job) => Promise<unknown>;
  queues: Queues;
  concurrency?: { inbound?: number; outbound?: number };
  /** A crashed worker's jobs are taken over after this long. */
  lockDurationMs?: number;
}

export interface Workers {
  close(): Promise<void>;
  workers: Worker[];
}

export function startWorkers(options: WorkerOptions): Workers {
  const { log } = options;
  const inbound = new Worker(INBOUND, createInboundProcessor({ ...options.inbound, queues: options.queues, log }), {
    connection: options.connection(),
    prefix: options.prefix,
    concurrency: options.concurrency?.inbound ?? DEFAULT_CONCURRENCY.inbound,
    ...lockOptions(options.lockDurationMs),
  });
  const outbound = new Worker(OUTBOUND, createOutboundProcessor({ ...options.outbound, log }), {
    connection: options.connection(),
    prefix: options.prefix,
    concurrency: options.concurrency?.outbound ?? DEFAULT_CONCURRENCY.outbound,
    ...lockOptions(options.lockDurationMs),
  });
  const schedules = options.schedules
    ? new Worker(SCHEDULES, options.schedules, {
        connection: options.connection(),
        prefix: options.prefix,
        concurrency: 1,
      })
    : null;
  const all = schedules ? [inbound, outbound, schedules] : [inbound, outbound];
  for (const worker of all) {
    worker.on('failed', (job, error) => log.warn({ queue: worker.name, jobId: job?.id, err: error }, 'job failed'));
    worker.on('error', (error) => log.error({ queue: worker.name, err: error }, 'worker error'));
  }
  return {
    workers: all,
    async close() {
      await Promise.all(all.map((w) => w.close()));
    },
  };
}

function lockOptions(lockDurationMs: number | undefined) {
  if (!lockDurationMs) return {};
  return { lockDuration: lockDurationMs, stalledInterval: lockDurationMs, maxStalledCount: 3 };
}
