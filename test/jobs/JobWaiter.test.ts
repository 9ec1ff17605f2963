import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobWaiter, JobWaitTimeout } from '../../jobs/JobWaiter.ts';
import { createRedis } from '../../src/core/redis/createRedis.ts';
import { startPrivateRedis, type PrivateRedis } from '../support/privateRedis.ts';
import { until } from '../support/until.ts';
import { TEST_REDIS_URL } from '../support/testRedis.ts';

describe('JobWaiter when Redis freezes', () => {
  let redis: PrivateRedis;
  let producer: Redis;
  let events: Redis;
  let admin: Redis;
  let queue: Queue;
  let waiter: JobWaiter;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    redis = await startPrivateRedis();
    producer = createRedis(redis.url, 'producer');
    events = createRedis(redis.url, 'worker');
    admin = new Redis(redis.url);
    queue = new Queue('waited', { connection: createRedis(redis.url, 'worker'), prefix: 'jw' });
    queue.on('error', () => undefined);
    waiter = new JobWaiter(queue, events, 'jw');
    await waiter.whenReady();
  });
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await waiter?.close().catch(() => undefined);
    await queue?.close().catch(() => undefined);
    for (const c of [producer, events, admin]) c?.disconnect();
    await redis?.remove();
  });

  it('rejects with a timeout, and leaves no unhandled rejection, when the job lookup hangs past the timeout', async () => {
    // Every client stalls for 3 s: the lookup of the job (getJob) hangs longer than the wait allows.
    await admin.call('CLIENT', 'PAUSE', '3000', 'ALL');
    const waited = waiter.wait('never-added', 300).then(
      () => 'resolved',
      (error: unknown) => error,
    );
    expect(await waited).toBeInstanceOf(JobWaitTimeout);
    // The lookup finishes after the pause ends; nothing may be left rejecting in the background.
    await until(async () => (await admin.ping()) === 'PONG', 10_000, 'Redis answering again');
    await until(async () => (await queue.getJob('never-added')) === undefined, 10_000, 'lookup answering again');
    await new Promise((r) => setImmediate(r));
    expect(unhandled).toEqual([]);
  });

  it('still returns the value of a job that completes after a freeze', async () => {
    const worker = new Worker('waited', async (job) => ({ doubled: (job.data as { n: number }).n * 2 }), {
      connection: createRedis(redis.url, 'worker'),
      prefix: 'jw',
    });
    worker.on('error', () => undefined);
    try {
      await admin.call('CLIENT', 'PAUSE', '1000', 'WRITE');
      await until(async () => (await admin.ping()) === 'PONG', 10_000, 'Redis answering again');
      await queue.add('double', { n: 21 }, { jobId: 'after-freeze' });
      expect(await waiter.wait<{ doubled: number }>('after-freeze', 20_000)).toEqual({ doubled: 42 });
      // A job already finished is answered from its stored state.
      expect(await waiter.wait<{ doubled: number }>('after-freeze', 20_000)).toEqual({ doubled: 42 });
    } finally {
      await worker.close();
    }
    expect(unhandled).toEqual([]);
  });
});

describe('JobWaiter when the completion event is missed', () => {
  let events: Redis;
  let waiter: JobWaiter | undefined;
  afterAll(async () => {
    await waiter?.close().catch(() => undefined);
    events?.disconnect();
  });

  it('still answers with the return value of a job that finished between its look-up and the first event read', async () => {
    // Right after start-up the event stream may begin reading after a job finished; no event ever comes for it.
    let state: 'active' | 'completed' = 'active';
    let returnvalue: unknown = null;
    const queue = {
      name: `missed-${process.pid}-${Date.now()}`,
      async getJobState() {
        const seen = state;
        state = 'completed';
        returnvalue = { deliveryIds: ['a:0'] };
        return seen;
      },
      async getJob() {
        return { returnvalue, failedReason: '' };
      },
    } as unknown as ConstructorParameters<typeof JobWaiter>[0];
    events = createRedis(TEST_REDIS_URL, 'worker');
    waiter = new JobWaiter(queue, events, 'jw-missed', 50);
    await waiter.whenReady();
    expect(await waiter.wait('job-1', 5_000)).toEqual({ deliveryIds: ['a:0'] });
  });
});
