import type { Db } from '../../core/db/openDatabase.ts';
import { taskPeriod } from './taskPeriod.ts';
import { dateColumnToIso, isoToDateColumn } from '../../core/time/calendarDay.ts';

/**
 * Closes every open assignment whose meeting record has arrived: an ACTIVE Activity of the task's type,
 * for the assignment's organisation, held within the task's period. Each record closes at most one
 * assignment of a type (the one with the earliest deadline). No hook into the records code is needed:
 * this runs before reminders and on its own schedule.
 */
export async function reconcileTasks(db: Db, now: Date, zone: string, organizationIds?: number[]): Promise<{ closed: number }> {
  const open = await db.taskAssignment.findMany({
    where: { status: 'OPEN', task: { activityType: { not: null } }, ...(organizationIds ? { organizationId: { in: organizationIds } } : {}) },
    select: { id: true, organizationId: true, task: { select: { activityType: true, cadenceKey: true, createdAt: true, deadline: true } } },
    orderBy: [{ task: { deadline: 'asc' } }, { id: 'asc' }],
  });
  if (open.length === 0) return { closed: 0 };
  const periods = open.map((a) => ({ a, period: taskPeriod(a.task, zone) }));
  const from = periods.reduce((min, p) => (p.period.start < min ? p.period.start : min), periods[0]!.period.start);
  const activities = await db.activity.findMany({
    where: {
      status: 'ACTIVE',
      organizationId: { in: [...new Set(open.map((a) => a.organizationId))] },
      type: { in: [...new Set(open.map((a) => a.task.activityType!))] },
      heldOn: { gte: isoToDateColumn(from) },
    },
    select: { id: true, organizationId: true, type: true, heldOn: true },
    orderBy: [{ heldOn: 'asc' }, { id: 'asc' }],
  });
  const used = new Set(
    (await db.taskAssignment.findMany({ where: { closedByActivityId: { in: activities.map((x) => x.id) } }, select: { closedByActivityId: true } })).map(
      (x) => x.closedByActivityId!,
    ),
  );
  const byOrgType = new Map<string, typeof activities>();
  for (const act of activities) {
    const key = `${act.organizationId}:${act.type}`;
    const list = byOrgType.get(key) ?? [];
    list.push(act);
    byOrgType.set(key, list);
  }
  const closes: { id: number; activityId: number }[] = [];
  for (const { a, period } of periods) {
    const candidates = byOrgType.get(`${a.organizationId}:${a.task.activityType}`) ?? [];
    const match = candidates.find((act) => {
      if (used.has(act.id)) return false;
      const held = dateColumnToIso(act.heldOn);
      return held >= period.start && (period.end === null || held <= period.end);
    });
    if (!match) continue;
    used.add(match.id);
    closes.push({ id: a.id, activityId: match.id });
  }
  let closed = 0;
  // One statement per 5000, guarded on OPEN, so two workers reconciling at once close each assignment once.
  for (let i = 0; i < closes.length; i += 5000) {
    const chunk = closes.slice(i, i + 5000);
    closed += await db.$executeRaw`
      UPDATE "TaskAssignment" AS ta SET "status" = 'DONE', "closedAt" = (${now.toISOString()}::timestamptz AT TIME ZONE 'UTC'), "closedByActivityId" = c.activity
      FROM unnest(${chunk.map((c) => c.id)}::int[], ${chunk.map((c) => c.activityId)}::int[]) AS c(id, activity)
      WHERE ta."id" = c.id AND ta."status" = 'OPEN'`;
  }
  return { closed };
}
