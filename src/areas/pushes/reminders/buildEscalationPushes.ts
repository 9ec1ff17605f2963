import type { Db } from '../../../core/db/openDatabase.ts';
import type { Push } from '../../../engine/notify/Push.ts';
import type { PushSettings } from '../pushSettings.ts';
import type { OrganizationTree } from '../queries/organizationTree.ts';
import { overdueAssignments, type OverdueAssignment } from './overdueAssignments.ts';
import { escalationView, overdueNoticeView } from './escalationViews.ts';
import { sendTime } from '../sendTime.ts';
import { groupBy } from '../../../core/util/groupBy.ts';

/** True on the first day after the grace period and every 7 days after it, until the item is closed. */
export function escalatesToday(daysOverdue: number, graceDays: number): boolean {
  const since = daysOverdue - Math.max(graceDays, 1);
  return since >= 0 && since % 7 === 0;
}

/**
 * 督办: each top organisation's leading group gets today's escalating items (grouped by organisation), and
 * each branch concerned gets the same list for itself.
 */
export async function buildEscalationPushes(db: Db, tree: OrganizationTree, todayIso: string, settings: PushSettings, zone: string): Promise<Push[]> {
  const grace = settings.escalationGraceDays;
  const items = (await overdueAssignments(db, todayIso, zone)).filter((i) => escalatesToday(i.daysOverdue, grace));
  const byRoot = groupBy(
    items,
    (item) => tree.rootOf(item.organizationId),
    (item): OverdueAssignment & { orgName: string } => ({ ...item, orgName: tree.name(item.organizationId) }),
  );
  const byOrg = groupBy(items, (item) => item.organizationId);
  const pushes: Push[] = [];
  for (const [root, list] of byRoot) {
    list.sort((a, b) => a.orgName.localeCompare(b.orgName, 'zh-CN') || a.deadline.localeCompare(b.deadline));
    pushes.push({
      key: `escalate:org${root}:${todayIso}`,
      kind: 'escalation',
      target: { organizationId: root, purpose: 'LEADING_GROUP' },
      view: escalationView(tree.name(root), list, grace),
      sendAt: sendTime(todayIso, settings.reminderHour, root, 'escalate', zone),
    });
  }
  for (const [orgId, list] of byOrg) {
    pushes.push({
      key: `overdue:org${orgId}:${todayIso}`,
      kind: 'overdue',
      target: { organizationId: orgId, purpose: 'BRANCH' },
      view: overdueNoticeView(tree.name(orgId), list),
      sendAt: sendTime(todayIso, settings.reminderHour, orgId, 'overdue', zone),
    });
  }
  return pushes;
}
