import type { Db } from '../db/openDatabase.ts';
import { cadenceBranches } from './branchOrganizations.ts';
import { obligationsAround } from './cadenceObligations.ts';
import { endOfDay } from '../pushes/localCalendar.ts';

/**
 * Creates the cadence obligations of every 党支部 for the current and next period (idempotent on
 * Task.cadenceKey, so running it every morning, twice, or on two workers creates each one once).
 */
export async function generateCadenceTasks(db: Db, todayIso: string, zone: string): Promise<{ created: number }> {
  const branches = await cadenceBranches(db);
  const obligations = obligationsAround(branches, todayIso);
  if (obligations.length === 0) return { created: 0 };
  const keys = obligations.map((o) => o.cadenceKey);
  const existing = new Set(
    (await db.task.findMany({ where: { cadenceKey: { in: keys } }, select: { cadenceKey: true } })).map((t) => t.cadenceKey!),
  );
  const missing = obligations.filter((o) => !existing.has(o.cadenceKey));
  if (missing.length === 0) return { created: 0 };
  const created = await db.task.createMany({
    data: missing.map((o) => ({
      title: o.title,
      kind: 'HOLD_ACTIVITY' as const,
      scope: 'ORGANIZATION' as const,
      organizationId: o.organizationId,
      activityType: o.type,
      deadline: endOfDay(o.deadline, zone),
      cadenceKey: o.cadenceKey,
    })),
    skipDuplicates: true,
  });
  // Assignments for every cadence task that lacks one (also repairs a run interrupted between the two steps).
  const tasks = await db.task.findMany({
    where: { cadenceKey: { in: missing.map((o) => o.cadenceKey) }, assignments: { none: {} } },
    select: { id: true, organizationId: true },
  });
  await db.taskAssignment.createMany({
    data: tasks.map((t) => ({ taskId: t.id, organizationId: t.organizationId! })),
    skipDuplicates: true,
  });
  return { created: created.count };
}
