import { UnrecoverableError, type Job } from 'bullmq';
import type { Logger } from 'pino';
import type { Db } from '../../src/core/db/openDatabase.ts';
import type { Clock } from '../../src/core/time/clock.ts';
import type { Config } from '../../src/core/config/loadConfig.ts';
import type { Queues } from '../queues.ts';
import { runSchedule, type ScheduleOutcome } from '../../src/areas/pushes/runSchedule.ts';
import { scheduleNames } from '../schedules.ts';

export interface SchedulesDeps {
  db: Db;
  config: Pick<Config, 'TZ_NAME'>;
  clock: Clock;
  log: Logger;
  queues: Pick<Queues, 'outbound'>;
}

/** The one processor of the schedules queue: switches on job.name; every push inside is idempotent. */
export function createSchedulesProcessor(deps: SchedulesDeps) {
  return async function processSchedule(job: Pick<Job, 'name' | 'id'> & { attemptsMade?: number }): Promise<ScheduleOutcome> {
    const log = deps.log.child({ queue: 'schedules', job: job.name, jobId: job.id, attempt: (job.attemptsMade ?? 0) + 1 });
    if (!(scheduleNames as readonly string[]).includes(job.name)) throw new UnrecoverableError(`unknown scheduled job "${job.name}"`);
    const outcome = await runSchedule({ db: deps.db, clock: deps.clock, zone: deps.config.TZ_NAME, log, outbound: deps.queues.outbound }, job.name);
    log.info(outcome, 'scheduled job done');
    return outcome;
  };
}
