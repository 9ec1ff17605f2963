import { z } from 'zod';
import type { PendingHandler } from '../../engine/pending/PendingHandler.ts';
import { activityName } from './cadence.ts';
import { formatDay } from './parseRecordDate.ts';
import type { RecordToSave } from './saveActivityRecord.ts';
import { currentYearOf, saveAndReceipt } from './saveAndReceipt.ts';

export const REPLACE_RECORD = 'record.replace';

export const replacePayloadSchema = z.object({
  organizationId: z.number().int(),
  groupId: z.number().int().nullable(),
  recordedById: z.number().int(),
  platform: z.enum(['SANDBOX', 'LARK', 'WECHAT', 'QQ', 'DINGTALK']),
  type: z.enum([
    'PARTY_CONGRESS',
    'COMMITTEE_MEETING',
    'GROUP_MEETING',
    'PARTY_LESSON',
    'THEME_DAY',
    'LIFE_MEETING',
    'DEMOCRATIC_REVIEW',
    'HEART_TALK',
    'TRAINING',
  ]),
  heldOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  topic: z.string(),
  expectedCount: z.number().int().nullable(),
  presentCount: z.number().int().nullable(),
  hours: z.number().nullable(),
  summary: z.string().nullable(),
  programmeCode: z.string().nullable().optional(),
  programmeName: z.string().nullable().optional(),
  attendees: z.array(z.object({ id: z.number().int(), name: z.string() })),
  replacesActivityId: z.number().int(),
});

/** The answer to "replace the earlier record of the same type and day?". */
export const replaceRecordHandler: PendingHandler = {
  kind: REPLACE_RECORD,
  async confirm(ctx, payload) {
    const record: RecordToSave = replacePayloadSchema.parse(payload);
    return saveAndReceipt(ctx, record);
  },
  async cancel(ctx, payload) {
    const record = replacePayloadSchema.parse(payload);
    return {
      kind: 'record_replace_cancelled',
      title: '已取消',
      tone: 'info',
      lines: [`新记录没有保存，${formatDay(record.heldOn, currentYearOf(ctx))}的${activityName(record.type)}保留原记录不变。`],
    };
  },
};
