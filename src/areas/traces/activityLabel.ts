import { DateTime } from 'luxon';
import type { ActivityType } from '../../core/generated/prisma/enums.ts';
import { activityTypeNames } from '../records/cadence.ts';

/** The record types' names come from the cadence table. */
export { activityTypeNames } from '../records/cadence.ts';

/** Words people write in a caption for each activity type, longest first when matching. */
export const activityTypeWords: [string, ActivityType][] = (
  [
    ['支部党员大会', 'PARTY_CONGRESS'],
    ['党员大会', 'PARTY_CONGRESS'],
    ['支委会', 'COMMITTEE_MEETING'],
    ['支部委员会', 'COMMITTEE_MEETING'],
    ['党小组会', 'GROUP_MEETING'],
    ['党课', 'PARTY_LESSON'],
    ['主题党日', 'THEME_DAY'],
    ['党员活动日', 'THEME_DAY'],
    ['组织生活会', 'LIFE_MEETING'],
    ['民主评议', 'DEMOCRATIC_REVIEW'],
    ['谈心谈话', 'HEART_TALK'],
    ['谈心', 'HEART_TALK'],
    ['专题讲习', 'TRAINING'],
    ['讲习', 'TRAINING'],
    ['培训', 'TRAINING'],
  ] as [string, ActivityType][]
).sort((a, b) => b[0].length - a[0].length);

export interface LabelledActivity {
  type: ActivityType;
  heldOn: Date;
  seq: number;
}

/** `11月5日主题党日（第12号记录）`: heldOn is a calendar date (stored at UTC midnight). */
export function activityLabel(activity: LabelledActivity): string {
  const day = DateTime.fromJSDate(activity.heldOn, { zone: 'utc' });
  return `${day.month}月${day.day}日${activityTypeNames[activity.type]}（第${activity.seq}号记录）`;
}
