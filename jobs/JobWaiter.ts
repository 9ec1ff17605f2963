import { QueueEvents, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** The wait ran out (Redis slow or away, or the job still running): the caller answers "try again later". */
export class JobWaitTimeout extends Error {
  constructor(jobId: string, timeoutMs: number) {
    super(`job ${jobId} did not finish within ${timeoutMs} ms`);
    this.name = 'JobWaitTimeout';
  }
}

/**
 * Waits for jobs of one queue to finish, with one QueueEvents subscription shared by every waiter (BullMQ's
 * job.waitUntilFinished adds listeners per call, which leaks under load).
 *
 * Every promise made here is settled exactly once and always awaited: a Redis outage or freeze can make a
 * wait fail, never leave a rejection unhandled (Node exits on one).
 */
export class JobWaiter {
  private readonly events: QueueEvents;
  private readonly pending = new Map<string, Pending[]>();
  private ready: Promise<void>;

  constructor(
    private readonly queue: Pick<Queue, 'name' | 'getJob' | 'getJobState'>,
    connection: Redis,
    prefix: string,
    /** How often a pending wait looks the job up again, in case its event was missed (see wait()). */
    private readonly recheckMs = 500,
  ) {
    this.events = new QueueEvents(queue.name, { connection, prefix });
    this.events.on('error', () => undefined);
    this.events.on('completed', ({ jobId, returnvalue }) => this.settle(jobId, (p) => p.resolve(parse(returnvalue))));
    this.events.on('failed', ({ jobId, failedReason }) => this.settle(jobId, (p) => p.reject(new Error(failedReason))));
    this.ready = this.events.waitUntilReady().then(() => undefined);
    // Observed here so a failed start is never an unhandled rejection; whenReady() and wait() still see it.
    this.ready.catch(() => undefined);
  }

  /**
   * Resolves once the shared subscription is listening (so a caller can start its own clock after it); gives up
   * after timeoutMs (Redis away or frozen).
   */
  whenReady(timeoutMs = 10_000): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new JobWaitTimeout('(subscription)', timeoutMs)), timeoutMs);
      this.ready.then(
        () => {
          clearTimeout(timer);
          resolve();
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  /**
   * The job's return value once it completes (including when it had completed already). The timeout covers the
   * whole wait: getting ready, looking the job up and waiting for it.
   */
  wait<T>(jobId: string, timeoutMs: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let done = false;
      let recheck: NodeJS.Timeout | undefined;
      const entry: Pending = {
        resolve: (value) => finish(() => resolve(value as T)),
        reject: (error) => finish(() => reject(error)),
      };
      const timer = setTimeout(() => {
        this.remove(jobId, entry);
        entry.reject(new JobWaitTimeout(jobId, timeoutMs));
      }, timeoutMs);
      const finish = (action: () => void) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        clearTimeout(recheck);
        action();
      };
      const list = this.pending.get(jobId) ?? [];
      list.push(entry);
      this.pending.set(jobId, list);
      // Registered first, then checked, so a job finishing in between is not missed. The event stream only
      // reports what happens after its first read, which may start after this check (right after start-up, the
      // first job often finishes in that gap), so the job is looked up again until the wait ends.
      const check = () => {
        this.lookUp(jobId).then(
          (state) => {
            if (done) return;
            if (state?.state === 'completed') this.settle(jobId, (p) => p.resolve(state.returnvalue));
            else if (state?.state === 'failed') this.settle(jobId, (p) => p.reject(new Error(state.failedReason)));
            else recheck = setTimeout(check, this.recheckMs);
          },
          (error: unknown) => {
            if (done) return;
            if (!first) {
              // A later look-up failing (Redis briefly away) leaves the wait to its event or its timeout.
              recheck = setTimeout(check, this.recheckMs);
              return;
            }
            this.remove(jobId, entry);
            entry.reject(error instanceof Error ? error : new Error(String(error)));
          },
        );
        first = false;
      };
      let first = true;
      check();
    });
  }

  /**
   * The job's final state with its result. The state is read first and the job after it: a job read while still
   * running carries no return value, even if its state reads "completed" a moment later.
   */
  private async lookUp(jobId: string): Promise<{ state: string; returnvalue: unknown; failedReason: string } | null> {
    await this.ready;
    const state = await this.queue.getJobState(jobId);
    if (state !== 'completed' && state !== 'failed') return null;
    const job = await this.queue.getJob(jobId);
    if (!job) return null;
    return { state, returnvalue: job.returnvalue, failedReason: job.failedReason };
  }

  private remove(jobId: string, entry: Pending): void {
    const list = this.pending.get(jobId);
    if (!list) return;
    const rest = list.filter((p) => p !== entry);
    if (rest.length) this.pending.set(jobId, rest);
    else this.pending.delete(jobId);
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
