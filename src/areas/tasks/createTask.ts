import type { Db } from '../../core/db/openDatabase.ts';
import type { ActivityType, OrgDomain, TaskKind, TaskScope } from '../../core/generated/prisma/enums.ts';
import { taskOwnerOrganizations } from './branchOrganizations.ts';
import { endOfDay } from '../../core/time/calendarDay.ts';
import { writeAudit } from '../../core/audit/writeAudit.ts';

export interface NewTask {
  title: string;
  kind: TaskKind;
  scope: TaskScope;
  organizationId?: number | null;
  domain?: OrgDomain | null;
  activityType?: ActivityType | null;
  /** ISO date; the task is due by the end of that day in the configured zone. */
  deadline: string;
  planName?: string | null;
  phase?: string | null;
  createdById?: number | null;
  /** The chat event that asks for it: a retried event gets the task its first run created, not a second one. */
  idempotencyKey?: string;
}

export interface CreatedTask {
  id: number;
  assignments: number;
  created: boolean;
}

/**
 * A task and one assignment per owning organisation, in one transaction. A plan task (planName + phase +
 * title) already present is left as it is, so loading the same plan twice creates nothing new.
 */
export async function createTask(db: Db, input: NewTask, zone: string): Promise<CreatedTask> {
  const owners =
    input.scope === 'ORGANIZATION' ? [{ id: input.organizationId! }] : await taskOwnerOrganizations(db, input.scope === 'DOMAIN' ? input.domain! : undefined);
  return db.$transaction(async (tx) => {
    if (input.idempotencyKey) {
      const earlier = await tx.auditLog.findFirst({
        where: { action: 'task.created', targetType: 'Task', detail: { path: ['idempotencyKey'], equals: input.idempotencyKey } },
      });
      if (earlier?.targetId) {
        const id = Number(earlier.targetId);
        return { id, assignments: await tx.taskAssignment.count({ where: { taskId: id } }), created: false };
      }
    }
    if (input.planName) {
      const existing = await tx.task.findFirst({
        where: { planName: input.planName, phase: input.phase ?? null, title: input.title },
        include: { _count: { select: { assignments: true } } },
      });
      if (existing) return { id: existing.id, assignments: existing._count.assignments, created: false };
    }
    const task = await tx.task.create({
      data: {
        title: input.title,
        kind: input.kind,
        scope: input.scope,
        organizationId: input.scope === 'ORGANIZATION' ? input.organizationId! : null,
        domain: input.scope === 'DOMAIN' ? input.domain! : null,
        activityType: input.activityType ?? null,
        deadline: endOfDay(input.deadline, zone),
        planName: input.planName ?? null,
        phase: input.phase ?? null,
        createdById: input.createdById ?? null,
      },
    });
    await tx.taskAssignment.createMany({ data: owners.map((o) => ({ taskId: task.id, organizationId: o.id })), skipDuplicates: true });
    await writeAudit(tx, {
      actorId: input.createdById ?? null,
      action: 'task.created',
      targetType: 'Task',
      targetId: task.id,
      detail: {
        title: input.title,
        scope: input.scope,
        owners: owners.length,
        deadline: input.deadline,
        ...(input.idempotencyKey ? { idempotencyKey: input.idempotencyKey } : {}),
      },
    });
    return { id: task.id, assignments: owners.length, created: true };
  });
}
