import { DateTime } from 'luxon';
import type { Db } from '../../../core/db/openDatabase.ts';
import type { Push } from '../../../engine/notify/Push.ts';
import type { PushSettings } from '../pushSettings.ts';
import { openAssignmentsDue } from './openAssignmentsDue.ts';
import { reminderView, type ReminderItem } from './reminderView.ts';
import { daysBetween } from '../../../core/time/calendarDay.ts';
import { sendTime } from '../sendTime.ts';
import type { OrganizationTree } from '../queries/organizationTree.ts';
import { groupBy } from '../../../core/util/groupBy.ts';

/**
 * Today's reminders: one message per organisation listing its open items due exactly N days from today for
 * each configured offset N. Once a branch has answered 收到 for an item, it is only reminded again on the day.
 * Keyed "remind:org<id>:<date>", sent at the reminder hour plus the organisation's own minute.
 */
export async function buildReminderPushes(db: Db, tree: OrganizationTree, todayIso: string, settings: PushSettings, zone: string): Promise<Push[]> {
  const offsets = settings.reminderOffsetsDays;
  const last = DateTime.fromISO(todayIso, { zone: 'UTC' })
    .plus({ days: Math.max(...offsets) })
    .toISODate()!;
  const due = await openAssignmentsDue(db, todayIso, last, zone);
  const todays = due
    .map((a) => ({ a, daysLeft: daysBetween(todayIso, a.deadline) }))
    .filter(({ a, daysLeft }) => offsets.includes(daysLeft) && !(a.acknowledgedAt && daysLeft !== 0));
  const byOrg = groupBy(
    todays,
    ({ a }) => a.organizationId,
    ({ a, daysLeft }): ReminderItem => ({
      taskId: a.taskId,
      title: a.title,
      deadline: a.deadline,
      daysLeft,
      acknowledged: Boolean(a.acknowledgedAt),
      closedByRecord: a.activityType !== null,
    }),
  );
  return [...byOrg].map(([orgId, items]) => ({
    key: `remind:org${orgId}:${todayIso}`,
    kind: 'reminder',
    target: { organizationId: orgId, purpose: 'BRANCH' as const },
    view: reminderView(tree.name(orgId), items),
    sendAt: sendTime(todayIso, settings.reminderHour, orgId, 'remind', zone),
  }));
}
