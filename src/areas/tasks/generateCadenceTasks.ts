import type { Db } from '../../core/db/openDatabase.ts';
import { cadenceBranches } from './branchOrganizations.ts';
import { obligationsAround } from './cadenceObligations.ts';
import { endOfDay } from '../../core/time/calendarDay.ts';

/**
 * Creates the cadence obligations of every 党支部 for the current and next period (idempotent on
 * Task.cadenceKey, so running it every morning, twice, or on two workers creates each one once), and the
 * assignment of each (also repairing a run interrupted between the two statements).
 * Two set-based statements per 5000 obligations: a county's 9,000 take a moment, not minutes.
 */
export async function generateCadenceTasks(db: Db, todayIso: string, zone: string): Promise<{ created: number }> {
  const branches = await cadenceBranches(db);
  const obligations = obligationsAround(branches, todayIso);
  let created = 0;
  for (let i = 0; i < obligations.length; i += 5000) {
    const chunk = obligations.slice(i, i + 5000);
    created += await db.$executeRaw`
      INSERT INTO "Task" ("title", "kind", "scope", "organizationId", "activityType", "deadline", "cadenceKey")
      SELECT t, 'HOLD_ACTIVITY', 'ORGANIZATION', o, a::"ActivityType", d::timestamptz AT TIME ZONE 'UTC', k
      FROM unnest(${chunk.map((x) => x.title)}::text[], ${chunk.map((x) => x.organizationId)}::int[], ${chunk.map((x) => x.type)}::text[],
                  ${chunk.map((x) => endOfDay(x.deadline, zone).toISOString())}::text[], ${chunk.map((x) => x.cadenceKey)}::text[]) AS u(t, o, a, d, k)
      ON CONFLICT ("cadenceKey") DO NOTHING`;
    await db.$executeRaw`
      INSERT INTO "TaskAssignment" ("taskId", "organizationId")
      SELECT t."id", t."organizationId" FROM "Task" t
      WHERE t."cadenceKey" = ANY(${chunk.map((x) => x.cadenceKey)}::text[])
        AND NOT EXISTS (SELECT 1 FROM "TaskAssignment" ta WHERE ta."taskId" = t."id")
      ON CONFLICT ("taskId", "organizationId") DO NOTHING`;
  }
  return { created };
}
