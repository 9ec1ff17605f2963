import { Redis } from 'ioredis';
import { DateTime } from 'luxon';
import type { BenchCase, BenchFigure } from '../BenchCase.ts';
import { round } from '../BenchCase.ts';
import { openDatabase } from '../../src/core/db/openDatabase.ts';
import { migrate } from '../../src/core/db/migrate.ts';
import { generateCounty } from '../../src/app/demo/generateCounty.ts';
import { createQueues } from '../../jobs/queues.ts';
import { enqueueViews } from '../../jobs/enqueueViews.ts';
import { OrganizationTree } from '../../src/areas/pushes/queries/organizationTree.ts';
import { digestData } from '../../src/areas/pushes/digest/digestData.ts';
import { digestView } from '../../src/areas/pushes/digest/digestView.ts';
import { digestPeriod } from '../../src/areas/pushes/digest/buildDigestPushes.ts';
import { computeStars } from '../../src/areas/pushes/stars/computeStars.ts';
import { generateCadenceTasks } from '../../src/areas/tasks/generateCadenceTasks.ts';
import { reconcileTasks } from '../../src/areas/tasks/reconcileTasks.ts';
import { buildReminderPushes } from '../../src/areas/pushes/reminders/buildReminderPushes.ts';
import { defaultPushSettings } from '../../src/areas/pushes/pushSettings.ts';
import { createTestDatabase } from '../../test/support/testDatabase.ts';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../../test/support/testRedis.ts';

const ZONE = 'Asia/Shanghai';
const TODAY = '2026-11-30';

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await fn();
  return [value, performance.now() - started];
}

/**
 * County scale (domain.md §8: 925 organisations, 20,898 members): generate a year of data in PostgreSQL, then
 * time the weekly leading-group digest, every member's and branch's stars, and one morning's reminders for
 * every branch (on the month's last day every branch owes its 支委会, so each gets a reminder).
 */
const countyScale: BenchCase = {
  name: 'countyScale',
  async run(): Promise<BenchFigure[]> {
    const testDb = await createTestDatabase('postgres');
    const database = await openDatabase({ url: testDb.url! });
    const prefix = uniquePrefix('bench');
    const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    const queues = createQueues(redis, prefix);
    try {
      await migrate(database);
      const db = database.prisma;
      const [county, generateMs] = await timed(() => generateCounty(db, { today: TODAY }));
      const now = DateTime.fromISO(`${TODAY}T08:40`, { zone: ZONE }).toJSDate();
      const tree = await OrganizationTree.load(db);

      const { from, to } = digestPeriod(TODAY, 'week');
      const [digest, digestMs] = await timed(async () => digestView(await digestData(db, tree, county.rootId, from, to, TODAY, ZONE), 'week'));

      const [stars, starsMs] = await timed(async () => {
        const rating = await computeStars(db, 2026, now, ZONE);
        return { members: rating.members.length, branches: rating.branches.length };
      });

      const [, generateTasksMs] = await timed(() => generateCadenceTasks(db, TODAY, ZONE));
      const [reconciled, reconcileMs] = await timed(() => reconcileTasks(db, now, ZONE));
      const [morning, morningMs] = await timed(async () => {
        const pushes = await buildReminderPushes(db, tree, TODAY, defaultPushSettings, ZONE);
        return enqueueViews({ db, outbound: queues.outbound }, pushes, now);
      });
      const [again, againMs] = await timed(async () =>
        enqueueViews({ db, outbound: queues.outbound }, await buildReminderPushes(db, tree, TODAY, defaultPushSettings, ZONE), now),
      );
      if (morning.messages < county.branches || again.enqueued !== 0) throw new Error(`unexpected morning: ${JSON.stringify({ morning, again })}`);

      return [
        { name: 'organisations', value: county.organizations, unit: 'count' },
        { name: 'members', value: county.members, unit: 'count' },
        { name: 'activities', value: county.activities, unit: 'count' },
        { name: 'point entries', value: county.pointEntries, unit: 'count' },
        { name: 'photos', value: county.photos, unit: 'count' },
        { name: 'generate county', value: round(generateMs / 1000), unit: 's' },
        { name: 'weekly leading-group digest', value: round(digestMs), unit: 'ms' },
        { name: 'digest table rows shown', value: digest.table?.rows.length ?? 0, unit: 'count' },
        { name: 'stars of every member and branch', value: round(starsMs), unit: 'ms' },
        { name: 'members rated', value: stars.members, unit: 'count' },
        { name: 'generate cadence tasks (2 months)', value: round(generateTasksMs), unit: 'ms' },
        { name: 'reconcile records → tasks', value: round(reconcileMs), unit: 'ms' },
        { name: 'assignments closed by records', value: reconciled.closed, unit: 'count' },
        { name: "enqueue one morning's reminders", value: round(morningMs), unit: 'ms' },
        { name: 'reminder messages queued', value: morning.messages, unit: 'count' },
        { name: 'same morning again (all skipped)', value: round(againMs), unit: 'ms' },
      ];
    } finally {
      await queues.close();
      redis.disconnect();
      await database.close();
      await testDb.drop();
      await deletePrefix(prefix);
    }
  },
};

export default countyScale;
