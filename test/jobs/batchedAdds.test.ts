import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchedAdds, type BulkAddable } from '../../jobs/batchedAdds.ts';
import { inboundJobOptions } from '../../jobs/queues.ts';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../support/testRedis.ts';

/** Issue 13, item 3: the webhook's adds go to Redis together, and each caller learns only its own outcome. */
describe('batchedAdds', () => {
  const prefix = uniquePrefix('batch');
  let redis: Redis;
  let queue: Queue<{ n: number }>;

  beforeAll(() => {
    redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    queue = new Queue<{ n: number }>('inbound', { connection: redis, prefix, defaultJobOptions: inboundJobOptions });
  });
  afterAll(async () => {
    await queue.close();
    redis.disconnect();
    await deletePrefix(prefix);
  });

  /** The queue, counting how it was called. */
  function counted(target: BulkAddable<{ n: number }>) {
    const calls = { add: 0, addBulk: [] as number[] };
    const wrapped = {
      add: (...args: Parameters<BulkAddable<{ n: number }>['add']>) => {
        calls.add += 1;
        return target.add(...args);
      },
      addBulk: (jobs: Parameters<BulkAddable<{ n: number }>['addBulk']>[0]) => {
        calls.addBulk.push(jobs.length);
        return target.addBulk(jobs);
      },
    };
    return { calls, wrapped };
  }

  it('sends the adds of one turn of the event loop as one addBulk, with the queue’s job options, and settles after Redis has them', async () => {
    const { calls, wrapped } = counted(queue);
    const add = batchedAdds(wrapped);
    await Promise.all(Array.from({ length: 30 }, (_, n) => add('message', { n }, { jobId: `one-turn-${n}` })));
    expect(calls).toEqual({ add: 0, addBulk: [30] });
    const job = await queue.getJob('one-turn-17');
    expect(job?.data).toEqual({ n: 17 });
    expect(job?.opts.attempts).toBe(inboundJobOptions.attempts);
    expect(await queue.getWaitingCount()).toBeGreaterThanOrEqual(30);
  });

  it('keeps a batch to its maximum size and a lone add as a plain add', async () => {
    const { calls, wrapped } = counted(queue);
    const add = batchedAdds(wrapped, 8);
    await Promise.all(Array.from({ length: 20 }, (_, n) => add('message', { n }, { jobId: `capped-${n}` })));
    expect(calls.addBulk.every((size) => size <= 8)).toBe(true);
    expect(calls.addBulk.reduce((a, b) => a + b, 0) + calls.add).toBe(20);
    await add('message', { n: 99 }, { jobId: 'lone' });
    expect(calls.add).toBeGreaterThanOrEqual(1);
    expect((await queue.getJob('lone'))?.data).toEqual({ n: 99 });
  });

  it('a re-delivered id adds nothing twice, in one batch or across batches', async () => {
    const add = batchedAdds(queue);
    await Promise.all([add('message', { n: 1 }, { jobId: 'again' }), add('message', { n: 2 }, { jobId: 'again' })]);
    await add('message', { n: 3 }, { jobId: 'again' });
    const jobs = (await queue.getJobs(['waiting'])).filter((j) => j.id === 'again');
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.data).toEqual({ n: 1 });
  });

  it('when the batch fails, each add is tried alone: the good ones are queued, only the bad one’s caller hears the error', async () => {
    const refusing: BulkAddable<{ n: number }> = {
      addBulk: () => Promise.reject(new Error('pipeline broke')),
      add: (name, data, opts) => (data.n === 2 ? Promise.reject(new Error('this one is refused')) : queue.add(name, data, opts)),
    };
    const add = batchedAdds(refusing);
    const outcomes = await Promise.allSettled([1, 2, 3].map((n) => add('message', { n }, { jobId: `fallback-${n}` })));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason.message).toBe('this one is refused');
    expect((await queue.getJob('fallback-1'))?.data).toEqual({ n: 1 });
    expect(await queue.getJob('fallback-2')).toBeUndefined();
    expect((await queue.getJob('fallback-3'))?.data).toEqual({ n: 3 });
  });
});
