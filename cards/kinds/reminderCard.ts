import type { MessageView } from '../MessageView.ts';
import { renderLarkCard } from '../render/renderLarkCard.ts';

/** A reminder of something due; 收到 acknowledges it (and stops the repeats). */
export interface ReminderModel {
  task: string;
  organizationName: string;
  /** e.g. 2026年3月31日（还剩 3 天） */
  due: string;
  overdue: boolean;
  /** What counts as done, e.g. 在本群发送「/会议记录」登记. */
  howToFinish: string;
  /** The command the 收到 button runs. */
  acknowledgeCommand: string;
  /** People reminded by name (mentions are added by the platform where it supports them). */
  assignees?: string[];
}

export function reminderView(model: ReminderModel): MessageView {
  return {
    kind: 'reminder',
    title: model.overdue ? `已逾期：${model.task}` : `提醒：${model.task}`,
    tone: model.overdue ? 'error' : 'warning',
    lines: [
      `${model.organizationName}：${model.task}${model.overdue ? '已经过了期限，请尽快完成。' : '快到期了。'}`,
      `完成方式：${model.howToFinish}`,
    ],
    fields: [
      { label: '期限', value: model.due },
      ...(model.assignees?.length ? [{ label: '负责人', value: model.assignees.join('、') }] : []),
    ],
    buttons: [{ label: '收到', command: model.acknowledgeCommand, style: 'primary' }],
  };
}

export function reminderCard(model: ReminderModel): Record<string, unknown> {
  return renderLarkCard(reminderView(model));
}
