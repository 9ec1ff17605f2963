import { Worker } from 'bullmq';
import type { Logger } from 'pino';
import type { Redis } from 'ioredis';
import { INBOUND, OUTBOUND, type Queues } from './queues.ts';
import { createInboundProcessor, type InboundDeps } from './processors/inbound.ts';
import { createOutboundProcessor, type OutboundDeps } from './processors/outbound.ts';

export interface WorkerOptions {
  connection: () => Redis;
  prefix: string;
  log: Logger;
  inbound: Omit<InboundDeps, 'queues' | 'log'>;
  outbound: Omit<OutboundDeps, 'log'>;
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
    concurrency: options.concurrency?.inbound ?? 4,
    ...lockOptions(options.lockDurationMs),
  });
  const outbound = new Worker(OUTBOUND, createOutboundProcessor({ ...options.outbound, log }), {
    connection: options.connection(),
    prefix: options.prefix,
    concurrency: options.concurrency?.outbound ?? 8,
    ...lockOptions(options.lockDurationMs),
  });
  for (const worker of [inbound, outbound]) {
    worker.on('failed', (job, error) => log.warn({ queue: worker.name, jobId: job?.id, err: error }, 'job failed'));
    worker.on('error', (error) => log.error({ queue: worker.name, err: error }, 'worker error'));
  }
  return {
    workers: [inbound, outbound],
    async close() {
      await Promise.all([inbound.close(), outbound.close()]);
    },
  };
}

function lockOptions(lockDurationMs: number | undefined) {
  if (!lockDurationMs) return {};
  return { lockDuration: lockDurationMs, stalledInterval: lockDurationMs, maxStalledCount: 3 };
}
