import type { Db } from '../../../core/db/openDatabase.ts';
import { endOfDay, instantToIso, daysBetween } from '../../../core/time/calendarDay.ts';

export interface OverdueAssignment {
  id: number;
  organizationId: number;
  taskId: number;
  title: string;
  deadline: string;
  daysOverdue: number;
}

/** Open assignments whose deadline day is before today. */
export async function overdueAssignments(db: Db, todayIso: string, zone: string, organizationIds?: number[]): Promise<OverdueAssignment[]> {
  const yesterdayEnd = new Date(endOfDay(todayIso, zone).getTime() - 24 * 3600 * 1000);
  const rows = await db.taskAssignment.findMany({
    where: { status: 'OPEN', task: { deadline: { lte: yesterdayEnd } }, ...(organizationIds ? { organizationId: { in: organizationIds } } : {}) },
    select: { id: true, organizationId: true, task: { select: { id: true, title: true, deadline: true } } },
    orderBy: [{ organizationId: 'asc' }, { task: { deadline: 'asc' } }],
  });
  return rows.map((r) => {
    const deadline = instantToIso(r.task.deadline, zone);
    return { id: r.id, organizationId: r.organizationId, taskId: r.task.id, title: r.task.title, deadline, daysOverdue: daysBetween(deadline, todayIso) };
  });
}
