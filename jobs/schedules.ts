import type { Queue } from 'bullmq';
import type { Config } from '../src/core/config/loadConfig.ts';
import { scheduleNames, schedulePatterns } from '../src/core/config/schedulePatterns.ts';

export const scheduleJobOptions = {
  attempts: 3,
  backoff: { type: 'exponential' as const, delay: 30_000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 1000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

/**
 * Registers (or updates) one BullMQ job scheduler per scheduled job, keyed by its name, so registering at
 * every start-up never duplicates one; schedulers this version no longer knows are removed.
 */
export async function registerSchedules(queue: Queue, config: Config): Promise<{ registered: string[]; removed: string[] }> {
  const patterns = schedulePatterns(config);
  const registered: string[] = [];
  if (config.SCHEDULES) {
    for (const name of scheduleNames) {
      await queue.upsertJobScheduler(name, { pattern: patterns[name], tz: config.TZ_NAME }, { name, data: {}, opts: scheduleJobOptions });
      registered.push(name);
    }
  }
  const removed: string[] = [];
  for (const existing of await queue.getJobSchedulers(0, -1)) {
    const id = existing.key;
    if (!registered.includes(id)) {
      await queue.removeJobScheduler(id);
      removed.push(id);
    }
  }
  return { registered, removed };
}
