import type { MessageView } from '../../../../cards/MessageView.ts';
import { chineseDate } from '../../../core/time/calendarDay.ts';

export interface ReminderItem {
  taskId: number;
  title: string;
  deadline: string;
  daysLeft: number;
  acknowledged: boolean;
  closedByRecord: boolean;
}

function when(daysLeft: number): string {
  return daysLeft === 0 ? '今天截止' : `还有 ${daysLeft} 天`;
}

/** The morning reminder to a branch group: every item due at one of the reminder offsets, with 收到 buttons. */
export function reminderView(orgName: string, items: ReminderItem[]): MessageView {
  const dueToday = items.some((i) => i.daysLeft === 0);
  return {
    kind: 'task_reminder',
    title: `任务提醒 · ${orgName}`,
    tone: dueToday ? 'warning' : 'info',
    lines: [`以下 ${items.length} 项工作即将到期，请按时完成：`],
    table: {
      columns: ['编号', '任务', '截止', '剩余', '状态'],
      rows: items.map((i) => [`#${i.taskId}`, i.title, chineseDate(i.deadline), when(i.daysLeft), i.acknowledged ? '已收到' : '待确认']),
    },
    buttons: items
      .filter((i) => !i.acknowledged)
      .slice(0, 5)
      .map((i) => ({ label: `收到 #${i.taskId}`, command: `/收到 ${i.taskId}`, style: 'primary' as const })),
    note: items.some((i) => i.closedByRecord)
      ? '会议、活动类任务在上报记录后自动销号；其他任务完成后请书记发送「/任务 完成 编号」。'
      : '任务完成后请书记发送「/任务 完成 编号」。发送「/任务」查看本支部全部待办。',
  };
}
