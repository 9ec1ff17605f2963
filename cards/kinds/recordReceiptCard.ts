import type { MessageView } from '../MessageView.ts';
import { renderLarkCard } from '../render/renderLarkCard.ts';

/** Receipt for a meeting record (会议记录) the bot has filed. */
export interface RecordReceiptModel {
  /** e.g. 2026-0012: the number people quote to correct or add photos. */
  recordNumber: string;
  activityType: string;
  organizationName: string;
  /** Calendar date as shown, e.g. 2026年3月5日. */
  heldOn: string;
  recorder: string;
  attendees: number;
  /** Members expected (the branch's members); shows the attendance rate when given. */
  expected?: number;
  photos: number;
  /** What the record still lacks (e.g. 照片, 参会名单). */
  missing?: string[];
  /** Replaced an earlier record of the same activity and day. */
  replaced?: boolean;
}

export function recordReceiptView(model: RecordReceiptModel): MessageView {
  const rate = model.expected && model.expected > 0 ? `（应到 ${model.expected} 人，到会率 ${Math.round((model.attendees / model.expected) * 100)}%）` : '';
  const missing = model.missing ?? [];
  return {
    kind: 'record_receipt',
    title: `${model.activityType}记录已登记`,
    tone: missing.length > 0 ? 'warning' : 'success',
    lines: [
      `${model.organizationName} ${model.heldOn} 的${model.activityType}已记入台账${model.replaced ? '（已替换之前的记录）' : ''}。`,
      ...(missing.length > 0 ? [`还缺：${missing.join('、')}，请尽快补上。`] : []),
    ],
    fields: [
      { label: '编号', value: model.recordNumber },
      { label: '记录人', value: model.recorder },
      { label: '参会', value: `${model.attendees} 人${rate}` },
      { label: '照片', value: `${model.photos} 张` },
    ],
    note: `补充照片：在本群直接发图片；更正请发送「/会议记录」重新提交，写明编号 ${model.recordNumber}。`,
  };
}

export function recordReceiptCard(model: RecordReceiptModel): Record<string, unknown> {
  return renderLarkCard(recordReceiptView(model));
}
