import type { Db } from '../../core/db/openDatabase.ts';
import { realmDb } from '../../engine/identity/realmDb.ts';
import { createTask } from './createTask.ts';
import { PlanFileError, type PlanFile } from './planFile.ts';
import { resolveOrganizationByName } from './resolveOrganizationByName.ts';

export interface LoadedPlan {
  created: { id: number; title: string; assignments: number }[];
  existing: { id: number; title: string }[];
}

/**
 * Creates the tasks of a plan for the real organisations or for the demo town, never both: a plan owed by "all
 * branches" of a real town must not reach the sandbox's groups, nor the demo's branches count in its figures.
 * Tasks already loaded (same plan, phase and title) are left alone.
 */
export async function loadPlan(rawDb: Db, plan: PlanFile, zone: string, realm: 'real' | 'demo'): Promise<LoadedPlan> {
  const db = realmDb(rawDb, realm === 'demo');
  const problems: string[] = [];
  const resolved = [];
  for (const [index, task] of plan.tasks.entries()) {
    let organizationId: number | null = null;
    if ('organizationName' in task.owner) {
      const org = await resolveOrganizationByName(db, task.owner.organizationName);
      if (!org || 'ambiguous' in org) {
        problems.push(`tasks.${index}.owner：组织「${task.owner.organizationName}」${org ? '对应多个组织，请写全称' : '没有找到'}`);
        continue;
      }
      organizationId = org.id;
    }
    resolved.push({ task, organizationId });
  }
  if (problems.length > 0) throw new PlanFileError(problems);
  const result: LoadedPlan = { created: [], existing: [] };
  for (const { task, organizationId } of resolved) {
    const created = await createTask(
      db,
      {
        title: task.title,
        kind: task.activity ? 'HOLD_ACTIVITY' : task.kind,
        scope: task.owner.scope,
        organizationId,
        domain: 'domain' in task.owner ? task.owner.domain : null,
        activityType: task.activity ?? null,
        deadline: task.deadline,
        planName: plan.name,
        phase: task.phase ?? null,
      },
      zone,
    );
    if (created.created) result.created.push({ id: created.id, title: task.title, assignments: created.assignments });
    else result.existing.push({ id: created.id, title: task.title });
  }
  return result;
}
