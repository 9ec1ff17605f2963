import type { Db } from '../../core/db/openDatabase.ts';
import { UserError } from '../../core/errors/UserError.ts';
import { writeAudit } from '../../core/audit/writeAudit.ts';
import { activityTypeNames } from './activityTypeNames.ts';
import { reconcileTasks } from './reconcileTasks.ts';

/** Marks an organisation's assignment of a task done (tasks that no record closes). */
export async function completeAssignment(db: Db, taskId: number, organizationId: number, memberId: number, now: Date, zone: string) {
  const assignment = await db.taskAssignment.findUnique({
    where: { taskId_organizationId: { taskId, organizationId } },
    include: { task: true, organization: { select: { name: true } } },
  });
  if (!assignment) throw new UserError(`本组织没有编号为 #${taskId} 的任务。发送 /任务 查看待办和编号。`, '/任务 完成 <编号>');
  if (assignment.status === 'DONE') return { assignment, already: true, byRecord: assignment.closedByActivityId !== null };
  if (assignment.task.activityType) {
    // The record may have arrived since the last reconcile run.
    await reconcileTasks(db, now, zone, [organizationId]);
    const fresh = await db.taskAssignment.findUniqueOrThrow({ where: { id: assignment.id } });
    if (fresh.status === 'DONE') return { assignment, already: true, byRecord: true };
    const name = activityTypeNames[assignment.task.activityType];
    throw new UserError(`任务 #${taskId} 在上报「${name}」记录后自动销号，不需要手动完成。请先上报这次${name}的记录。`);
  }
  await db.$transaction(async (tx) => {
    await tx.taskAssignment.update({ where: { id: assignment.id }, data: { status: 'DONE', closedAt: now } });
    await writeAudit(tx, {
      actorId: memberId,
      action: 'task.completed',
      targetType: 'TaskAssignment',
      targetId: assignment.id,
      detail: { taskId, organizationId },
    });
  });
  return { assignment, already: false, byRecord: false };
}

/** The branch confirms it has seen a reminder (收到): later reminders are spared until the day itself. */
export async function acknowledgeAssignment(db: Db, taskId: number, organizationId: number, memberId: number, now: Date) {
  const assignment = await db.taskAssignment.findUnique({
    where: { taskId_organizationId: { taskId, organizationId } },
    include: { task: { select: { title: true } } },
  });
  if (!assignment) throw new UserError(`本群所属组织没有编号为 #${taskId} 的任务。发送 /任务 查看待办和编号。`, '/收到 <编号>');
  if (assignment.acknowledgedAt) {
    return { title: assignment.task.title, already: true, at: assignment.acknowledgedAt, byId: assignment.acknowledgedById, status: assignment.status };
  }
  await db.taskAssignment.updateMany({ where: { id: assignment.id, acknowledgedAt: null }, data: { acknowledgedAt: now, acknowledgedById: memberId } });
  return { title: assignment.task.title, already: false, at: now, byId: memberId, status: assignment.status };
}
