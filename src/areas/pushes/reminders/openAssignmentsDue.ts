import type { Db } from '../../../core/db/openDatabase.ts';
import { endOfDay, instantToIso } from '../../../core/time/calendarDay.ts';
import { DateTime } from 'luxon';

export interface DueAssignment {
  id: number;
  organizationId: number;
  taskId: number;
  title: string;
  deadline: string;
  activityType: string | null;
  acknowledgedAt: Date | null;
}

/** Open assignments whose deadline (a local calendar date) falls between two ISO dates, inclusive. */
export async function openAssignmentsDue(db: Db, fromIso: string, toIso: string, zone: string): Promise<DueAssignment[]> {
  const from = DateTime.fromISO(fromIso, { zone }).startOf('day').toJSDate();
  const rows = await db.taskAssignment.findMany({
    where: { status: 'OPEN', task: { deadline: { gte: from, lte: endOfDay(toIso, zone) } } },
    select: {
      id: true,
      organizationId: true,
      acknowledgedAt: true,
      task: { select: { id: true, title: true, deadline: true, activityType: true } },
    },
    orderBy: [{ task: { deadline: 'asc' } }, { taskId: 'asc' }],
  });
  return rows.map((r) => ({
    id: r.id,
    organizationId: r.organizationId,
    taskId: r.task.id,
    title: r.task.title,
    deadline: instantToIso(r.task.deadline, zone),
    activityType: r.task.activityType,
    acknowledgedAt: r.acknowledgedAt,
  }));
}
