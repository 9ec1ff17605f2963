import { UnrecoverableError, type Job } from 'bullmq';
import type { Logger } from 'pino';
import type { Db } from '../../src/core/db/openDatabase.ts';
import type { Clock } from '../../src/core/time/clock.ts';
import type { Config } from '../../src/core/config/loadConfig.ts';
import type { Queues } from '../queues.ts';
import { runSchedule, type ScheduleOutcome } from '../../src/areas/pushes/runSchedule.ts';
import { scheduleNames } from '../schedules.ts';
import { boardSecret } from '../../src/areas/board/boardAccess.ts';

export interface SchedulesDeps {
  db: Db;
  config: Pick<Config, 'TZ_NAME'> & Partial<Pick<Config, 'BOARD_SECRET' | 'BOARD_LINK_DAYS' | 'PUBLIC_BASE_URL'>>;
  clock: Clock;
  log: Logger;
  queues: Pick<Queues, 'outbound'>;
}

/** The one processor of the schedules queue: switches on job.name; every push inside is idempotent. */
export function createSchedulesProcessor(deps: SchedulesDeps) {
  return async function processSchedule(job: Pick<Job, 'name' | 'id'> & { attemptsMade?: number }): Promise<ScheduleOutcome> {
    const log = deps.log.child({ queue: 'schedules', job: job.name, jobId: job.id, attempt: (job.attemptsMade ?? 0) + 1 });
    if (!(scheduleNames as readonly string[]).includes(job.name)) throw new UnrecoverableError(`unknown scheduled job "${job.name}"`);
    const { BOARD_SECRET, BOARD_LINK_DAYS = 30, PUBLIC_BASE_URL } = deps.config;
    const boardLinks = async (now: Date) => ({ db: deps.db, secret: await boardSecret(deps.db, BOARD_SECRET), now, days: BOARD_LINK_DAYS, ...(PUBLIC_BASE_URL ? { baseUrl: PUBLIC_BASE_URL } : {}) });
    const outcome = await runSchedule({ db: deps.db, clock: deps.clock, zone: deps.config.TZ_NAME, log, outbound: deps.queues.outbound, boardLinks }, job.name);
    log.info(outcome, 'scheduled job done');
    return outcome;
  };
}
