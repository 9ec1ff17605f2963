import { UnrecoverableError, type Job } from 'bullmq';
import type { Logger } from 'pino';
import type { Db } from '../../core/db/openDatabase.ts';
import type { Clock } from '../../core/time/clock.ts';
import type { Config } from '../../core/config/loadConfig.ts';
import { linkBase } from '../../core/config/linkBase.ts';
import { scheduleNames } from '../../core/config/schedulePatterns.ts';
import type { Queues } from '../../../jobs/queues.ts';
import { enqueueViews } from '../../../jobs/enqueueViews.ts';
import { runSchedule, type ScheduleOutcome } from '../../areas/pushes/runSchedule.ts';
import { boardSecret } from '../../areas/board/boardAccess.ts';

export interface SchedulesDeps {
  db: Db;
  config: Pick<Config, 'TZ_NAME'> & Partial<Pick<Config, 'BOARD_SECRET' | 'BOARD_LINK_DAYS'>> & Parameters<typeof linkBase>[0];
  clock: Clock;
  log: Logger;
  queues: Pick<Queues, 'outbound'>;
}

/**
 * The one processor of the schedules queue: switches on job.name; every push inside is idempotent. It lives in
 * the composition root because it joins the pushes area to the outbound queue (jobs/ never imports an area).
 */
export function createSchedulesProcessor(deps: SchedulesDeps) {
  return async function processSchedule(job: Pick<Job, 'name' | 'id'> & { attemptsMade?: number }): Promise<ScheduleOutcome> {
    const log = deps.log.child({ queue: 'schedules', job: job.name, jobId: job.id, attempt: (job.attemptsMade ?? 0) + 1 });
    if (!(scheduleNames as readonly string[]).includes(job.name)) throw new UnrecoverableError(`unknown scheduled job "${job.name}"`);
    const { BOARD_SECRET, BOARD_LINK_DAYS = 30 } = deps.config;
    // Digests and boards go to groups of every platform: without a public address their links would open nowhere.
    const baseUrl = linkBase(deps.config);
    const boardLinks =
      baseUrl === null
        ? undefined
        : async (now: Date) => ({ db: deps.db, secret: await boardSecret(deps.db, BOARD_SECRET), now, days: BOARD_LINK_DAYS, baseUrl });
    const enqueue = (pushes: Parameters<typeof enqueueViews>[1], now: Date) => enqueueViews({ db: deps.db, outbound: deps.queues.outbound }, pushes, now);
    const outcome = await runSchedule(
      { db: deps.db, clock: deps.clock, zone: deps.config.TZ_NAME, log, enqueue, ...(boardLinks ? { boardLinks } : {}) },
      job.name,
    );
    log.info(outcome, 'scheduled job done');
    return outcome;
  };
}
