import type { Db } from '../../core/db/openDatabase.ts';
import { instantToIso } from '../../core/time/calendarDay.ts';

export interface OpenTask {
  taskId: number;
  title: string;
  deadline: string;
  closedByRecord: boolean;
  acknowledged: boolean;
}

/** Open assignments of one organisation, earliest deadline first. */
export async function openTasksFor(db: Db, organizationId: number, zone: string): Promise<OpenTask[]> {
  const rows = await db.taskAssignment.findMany({
    where: { organizationId, status: 'OPEN' },
    select: { acknowledgedAt: true, task: { select: { id: true, title: true, deadline: true, activityType: true } } },
    orderBy: [{ task: { deadline: 'asc' } }, { taskId: 'asc' }],
  });
  return rows.map((r) => ({
    taskId: r.task.id,
    title: r.task.title,
    deadline: instantToIso(r.task.deadline, zone),
    closedByRecord: r.task.activityType !== null,
    acknowledged: r.acknowledgedAt !== null,
  }));
}

/** Tasks set by the 组织办 (not cadence obligations) that still have open assignments, with progress. */
export async function setTasksProgress(db: Db, zone: string): Promise<{ taskId: number; title: string; deadline: string; done: number; total: number }[]> {
  const tasks = await db.task.findMany({
    where: { cadenceKey: null, assignments: { some: { status: 'OPEN' } } },
    select: { id: true, title: true, deadline: true, assignments: { select: { status: true } } },
    orderBy: [{ deadline: 'asc' }, { id: 'asc' }],
    take: 30,
  });
  return tasks.map((t) => ({
    taskId: t.id,
    title: t.title,
    deadline: instantToIso(t.deadline, zone),
    done: t.assignments.filter((a) => a.status === 'DONE').length,
    total: t.assignments.filter((a) => a.status !== 'CANCELLED').length,
  }));
}
