import { DateTime } from 'luxon';
import { instantToIso } from '../../core/time/calendarDay.ts';
import type { Logger } from 'pino';
import type { Db } from '../../core/db/openDatabase.ts';
import type { Clock } from '../../core/time/clock.ts';
import type { EnqueuePushes, EnqueueResult, Push } from '../../engine/notify/Push.ts';
import { loadPushSettings } from './pushSettings.ts';
import { OrganizationTree } from './queries/organizationTree.ts';
import { generateCadenceTasks } from '../tasks/generateCadenceTasks.ts';
import { reconcileTasks } from '../tasks/reconcileTasks.ts';
import { buildReminderPushes } from './reminders/buildReminderPushes.ts';
import { buildEscalationPushes } from './reminders/buildEscalationPushes.ts';
import { buildWeeklyPointsPushes } from './points/buildWeeklyPointsPushes.ts';
import { buildDigestPushes, digestPeriod } from './digest/buildDigestPushes.ts';
import { buildStarPushes } from './stars/buildStarPushes.ts';
import type { BoardLinkOptions } from '../board/boardAccess.ts';

export interface ScheduleDeps {
  db: Db;
  clock: Clock;
  zone: string;
  log: Logger;
  /** Delivery (jobs/enqueueViews.ts), passed in by src/app so this area never imports jobs/. */
  enqueue: EnqueuePushes;
  /** Signs board and poster links for digests and star boards; without it they carry no links. */
  boardLinks?: (now: Date) => Promise<BoardLinkOptions>;
}

export interface ScheduleOutcome extends Partial<EnqueueResult> {
  job: string;
  today: string;
  created?: number;
  closed?: number;
}

/**
 * One scheduled job, for "today" as the injected clock says (never the job's own timestamp), so tests can
 * run any instant and a job that ran late still does the right day's work.
 */
export async function runSchedule(deps: ScheduleDeps, name: string): Promise<ScheduleOutcome> {
  const { db, zone } = deps;
  const now = deps.clock.now();
  const today = instantToIso(now, zone);
  const send = (pushes: Push[]) => deps.enqueue(pushes, now);
  switch (name) {
    case 'morning': {
      const { created } = await generateCadenceTasks(db, today, zone);
      const { closed } = await reconcileTasks(db, now, zone);
      const settings = await loadPushSettings(db);
      const tree = await OrganizationTree.load(db);
      const pushes = [...(await buildReminderPushes(db, tree, today, settings, zone)), ...(await buildEscalationPushes(db, tree, today, settings, zone))];
      return { job: name, today, created, closed, ...(await send(pushes)) };
    }
    case 'reconcile': {
      const { closed } = await reconcileTasks(db, now, zone);
      return { job: name, today, closed };
    }
    case 'weeklyPoints': {
      const tree = await OrganizationTree.load(db);
      return { job: name, today, ...(await send(await buildWeeklyPointsPushes(db, tree, now, await loadPushSettings(db), zone))) };
    }
    case 'weeklyDigest':
    case 'monthlyDigest': {
      // The first digest after start-up (before any morning run) counts the obligations of the period it covers:
      // they are created here if the morning job has not made them yet (idempotent on Task.cadenceKey).
      const period = digestPeriod(today, name === 'weeklyDigest' ? 'week' : 'month');
      await generateCadenceTasks(db, period.from, zone);
      await generateCadenceTasks(db, period.to, zone);
      await reconcileTasks(db, now, zone);
      const tree = await OrganizationTree.load(db);
      const pictures = { now, ...(deps.boardLinks ? { links: await deps.boardLinks(now) } : {}) };
      return { job: name, today, ...(await send(await buildDigestPushes(db, tree, today, name === 'weeklyDigest' ? 'week' : 'month', zone, pictures))) };
    }
    case 'yearEndStars': {
      const tree = await OrganizationTree.load(db);
      const year = DateTime.fromJSDate(now, { zone }).year;
      const publication = await buildStarPushes(db, tree, year, now, '', { zone, ...(deps.boardLinks ? { posterLinks: await deps.boardLinks(now) } : {}) });
      return { job: name, today, ...(await send(publication.pushes)) };
    }
    default:
      throw new Error(`unknown scheduled job "${name}"`);
  }
}
