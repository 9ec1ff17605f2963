import type { JobsOptions } from 'bullmq';

/** What of a BullMQ Queue this needs (a Queue of data T is one). */
export interface BulkAddable<T> {
  add(name: string, data: T, opts?: JobsOptions): Promise<unknown>;
  addBulk(jobs: { name: string; data: T; opts?: JobsOptions }[]): Promise<unknown>;
}

interface Waiting<T> {
  name: string;
  data: T;
  opts: JobsOptions;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Adds to a BullMQ queue the way a busy webhook needs: the adds that arrive in the same turn of the event loop go
 * to Redis as one pipeline (`addBulk`) instead of one socket write each (the webhook's largest single cost in the
 * bench). Each caller's promise settles only once Redis has its job, so nothing is acknowledged before it is
 * durably queued. A failed batch is retried job by job, so one bad add cannot fail the others.
 */
export function batchedAdds<T>(queue: BulkAddable<T>, maxBatch = 200): (name: string, data: T, opts: JobsOptions) => Promise<void> {
  let waiting: Waiting<T>[] = [];
  let scheduled = false;

  const flush = async (): Promise<void> => {
    const batch = waiting;
    waiting = [];
    scheduled = false;
    if (batch.length === 1) {
      const only = batch[0]!;
      await queue.add(only.name, only.data, only.opts).then(() => only.resolve(), only.reject);
      return;
    }
    try {
      await queue.addBulk(batch.map(({ name, data, opts }) => ({ name: name, data: data, opts })));
      for (const item of batch) item.resolve();
    } catch {
      await Promise.all(batch.map((item) => queue.add(item.name, item.data, item.opts).then(() => item.resolve(), item.reject)));
    }
  };

  return (name, data, opts) =>
    new Promise<void>((resolve, reject) => {
      waiting.push({ name, data, opts, resolve, reject });
      if (waiting.length >= maxBatch) {
        void flush();
      } else if (!scheduled) {
        scheduled = true;
        setImmediate(() => void flush());
      }
    });
}
