import type { MessageView } from '../../../../cards/MessageView.ts';
import { chineseDate } from '../../../core/time/calendarDay.ts';
import type { OverdueAssignment } from './overdueAssignments.ts';

/** 督办 to the leading group: overdue items grouped by organisation. */
/** Rows shown in one chat message; the rest are counted in the note. */
export const ESCALATION_MAX_ROWS = 60;

export function escalationView(rootName: string, items: (OverdueAssignment & { orgName: string })[], graceDays: number): MessageView {
  const orgs = new Set(items.map((i) => i.organizationId)).size;
  const shown = items.slice(0, ESCALATION_MAX_ROWS);
  return {
    kind: 'task_escalation',
    title: `督办 · 逾期未完成事项（${orgs} 个组织 ${items.length} 项）`,
    tone: 'warning',
    lines: [`${rootName}：以下事项已超过截止日期 ${graceDays} 天以上仍未完成，请督促落实。未销号前每周提醒一次。`],
    table: {
      columns: ['组织', '编号', '任务', '截止', '逾期'],
      rows: shown.map((i) => [i.orgName, `#${i.taskId}`, i.title, chineseDate(i.deadline), `${i.daysOverdue} 天`]),
    },
    note: `${items.length > shown.length ? `仅列前 ${shown.length} 项，另有 ${items.length - shown.length} 项，各组织已分别收到自己的逾期清单。` : ''}记录上报或书记发送「/任务 完成 编号」后自动销号。`,
  };
}

/** The branch is told that its overdue items went to the leading group. */
export function overdueNoticeView(orgName: string, items: OverdueAssignment[]): MessageView {
  return {
    kind: 'task_overdue',
    title: `逾期提醒 · ${orgName}`,
    tone: 'error',
    lines: [`以下 ${items.length} 项工作已逾期，已报领导小组督办，请尽快完成：`],
    table: {
      columns: ['编号', '任务', '截止', '逾期'],
      rows: items.map((i) => [`#${i.taskId}`, i.title, chineseDate(i.deadline), `${i.daysOverdue} 天`]),
    },
    note: '会议、活动类任务上报记录后自动销号；其他任务完成后请书记发送「/任务 完成 编号」。',
  };
}
