import { Redis } from 'ioredis';
import pino from 'pino';
import { DateTime } from 'luxon';
import { openDatabase, type Database } from '../../../src/core/db/openDatabase.ts';
import { migrate } from '../../../src/core/db/migrate.ts';
import { seedDemo } from '../../../src/app/demo/seedDemo.ts';
import { createQueues, type Queues } from '../../../jobs/queues.ts';
import { createSchedulesProcessor } from '../../../src/app/jobs/createSchedulesProcessor.ts';
import { fixedClock } from '../../../src/core/time/clock.ts';
import { createTestDatabase, type TestDatabase } from '../../support/testDatabase.ts';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../../support/testRedis.ts';
import type { OutboundMessage } from '../../../src/engine/chat/OutboundMessage.ts';

export const ZONE = 'Asia/Shanghai';

/** The demo town on a fresh PostgreSQL database, queues under a prefix of their own, and a movable clock. */
export interface Harness {
  database: Database;
  db: Database['prisma'];
  queues: Queues;
  clock: ReturnType<typeof fixedClock>;
  /** Runs a scheduled job as the schedules worker would, at a local time ("2026-11-03T08:40"). */
  run(name: string, localTime: string, queues?: Pick<Queues, 'outbound'>): Promise<Record<string, unknown>>;
  /** Every outbound job, whatever its state (delayed ones included). */
  outbound(): Promise<{ data: OutboundMessage; delay: number; timestamp: number }[]>;
  orgId(name: string): Promise<number>;
  stop(): Promise<void>;
}

export function at(localTime: string): Date {
  return DateTime.fromISO(localTime, { zone: ZONE }).toJSDate();
}

/** `config`: settings beyond TZ_NAME the schedules worker reads (PUBLIC_BASE_URL, a platform's id). */
export async function startHarness(config: Omit<Parameters<typeof createSchedulesProcessor>[0]['config'], 'TZ_NAME'> = {}): Promise<Harness> {
  const testDb: TestDatabase = await createTestDatabase('postgres');
  const database = await openDatabase({ url: testDb.url! });
  await migrate(database);
  await seedDemo(database.prisma);
  const prefix = uniquePrefix('sched');
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  const queues = createQueues(redis, prefix);
  const clock = fixedClock('2026-11-01T00:00:00Z');
  const log = pino({ level: 'silent' });
  return {
    database,
    db: database.prisma,
    queues,
    clock,
    async run(name, localTime, override) {
      clock.set(at(localTime));
      const processor = createSchedulesProcessor({ db: database.prisma, config: { ...config, TZ_NAME: ZONE }, clock, log, queues: override ?? queues });
      return (await processor({ name, id: `${name}-${localTime}` })) as unknown as Record<string, unknown>;
    },
    async outbound() {
      const jobs = await queues.outbound.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed', 'prioritized']);
      return jobs.map((j) => ({ data: j.data, delay: j.opts.delay ?? 0, timestamp: j.timestamp }));
    },
    async orgId(name) {
      return (await database.prisma.organization.findUniqueOrThrow({ where: { name } })).id;
    },
    async stop() {
      await queues.close();
      redis.disconnect();
      await database.close();
      await testDb.drop();
      await deletePrefix(prefix);
    },
  };
}
