import { QueueEvents, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/**
 * Waits for jobs of one queue to finish, with one QueueEvents subscription shared by every waiter (BullMQ's
 * job.waitUntilFinished adds listeners per call, which leaks under load).
 */
export class JobWaiter {
  private readonly events: QueueEvents;
  private readonly pending = new Map<string, Pending[]>();
  private ready: Promise<void>;

  constructor(
    private readonly queue: Queue,
    connection: Redis,
    prefix: string,
  ) {
    this.events = new QueueEvents(queue.name, { connection, prefix });
    this.events.on('error', () => undefined);
    this.events.on('completed', ({ jobId, returnvalue }) => this.settle(jobId, (p) => p.resolve(parse(returnvalue))));
    this.events.on('failed', ({ jobId, failedReason }) => this.settle(jobId, (p) => p.reject(new Error(failedReason))));
    this.ready = this.events.waitUntilReady().then(() => undefined);
  }

  /** Resolves once the shared subscription is listening (so a caller can start its own clock after it). */
  async whenReady(): Promise<void> {
    await this.ready;
  }

  /** The job's return value once it completes (including when it had completed already). */
  async wait<T>(jobId: string, timeoutMs: number): Promise<T> {
    await this.ready;
    const result = new Promise<T>((resolve, reject) => {
      const list = this.pending.get(jobId) ?? [];
      list.push({ resolve: resolve as (v: unknown) => void, reject });
      this.pending.set(jobId, list);
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.pending.delete(jobId);
        reject(new Error(`job ${jobId} did not finish within ${timeoutMs} ms`));
      }, timeoutMs);
    });
    // Registered first, then checked, so a job finishing in between is not missed.
    const job = await this.queue.getJob(jobId);
    if (job) {
      const state = await job.getState();
      if (state === 'completed') this.settle(jobId, (p) => p.resolve(job.returnvalue));
      else if (state === 'failed') this.settle(jobId, (p) => p.reject(new Error(job.failedReason)));
    }
    try {
      return await Promise.race([result, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private settle(jobId: string, action: (pending: Pending) => void): void {
    const list = this.pending.get(jobId);
    if (!list) return;
    this.pending.delete(jobId);
    for (const pending of list) action(pending);
  }

  async close(): Promise<void> {
    await this.events.close();
  }
}

function parse(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
