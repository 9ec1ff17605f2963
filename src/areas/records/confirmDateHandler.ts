import type { CommandContext, CommandResult } from '../../engine/commands/types.ts';
import type { PendingHandler } from '../../engine/pending/PendingHandler.ts';
import { askPending } from '../../engine/pending/pendingStore.ts';
import { activityName } from './cadence.ts';
import { formatDay } from './parseRecordDate.ts';
import { replacePayloadSchema, REPLACE_RECORD } from './replaceRecordHandler.ts';
import { alreadyRecordedView, replaceQuestionView } from './recordViews.ts';
import { findSameRecord, type RecordToSave } from './saveActivityRecord.ts';
import { currentYearOf, pendingKey, saveAndReceipt } from './saveAndReceipt.ts';

export const CONFIRM_RECORD_DATE = 'record.confirmDate';

const payloadSchema = replacePayloadSchema.omit({ replacesActivityId: true });

/**
 * Saves a checked record, unless the branch already has one of that type that day: then it asks whether to
 * replace it. Shared by /会议记录 and the answer to "did you mean last year's day?".
 */
export async function saveOrAskReplace(ctx: CommandContext, record: RecordToSave): Promise<CommandResult> {
  const same = await findSameRecord(ctx.db, record.organizationId, record.type, record.heldOn);
  // The same form sent twice (a double tap, a resend after a slow answer) is not a new meeting: nothing to ask.
  if (same && (await isSameContent(ctx, same.id, same, record))) return alreadyRecordedView(record, same, currentYearOf(ctx));
  if (same) {
    await askPending(ctx.db, pendingKey(ctx), REPLACE_RECORD, { ...record, replacesActivityId: same.id }, ctx.clock.now());
    return replaceQuestionView(record, same, currentYearOf(ctx));
  }
  return saveAndReceipt(ctx, record);
}

async function isSameContent(
  ctx: CommandContext,
  activityId: number,
  same: {
    topic: string;
    hours: number | null;
    summary: string | null;
    programmeCode: string | null;
    expectedCount: number | null;
    presentCount: number | null;
  },
  record: RecordToSave,
): Promise<boolean> {
  if (same.topic !== record.topic || same.hours !== record.hours || (same.summary ?? null) !== (record.summary ?? null)) return false;
  if (
    (same.programmeCode ?? null) !== (record.programmeCode ?? null) ||
    same.expectedCount !== record.expectedCount ||
    same.presentCount !== record.presentCount
  )
    return false;
  const present = await ctx.db.activityAttendee.findMany({ where: { activityId, present: true }, select: { memberId: true } });
  const before = present.map((a) => a.memberId).sort((a, b) => a - b);
  const now = record.attendees.map((a) => a.id).sort((a, b) => a - b);
  return before.length === now.length && before.every((id, i) => id === now[i]);
}

/**
 * A date written without a year landed more than about two months back (12月25日 typed on 3 December is last
 * year's 25 December): nothing is saved until the secretary confirms the year.
 */
export async function askRecordDate(ctx: CommandContext, record: RecordToSave, written: string) {
  await askPending(ctx.db, pendingKey(ctx), CONFIRM_RECORD_DATE, { ...record }, ctx.clock.now());
  const day = formatDay(record.heldOn, 0);
  const year = record.heldOn.slice(0, 4);
  return {
    kind: 'record_date_question',
    title: '请确认日期的年份',
    tone: 'warning' as const,
    lines: [
      `日期「${written.trim()}」没有写年份，按最近的这一天算是 ${day}，已经是两个多月以前了，这条${activityName(record.type)}记录还没有保存。`,
      `如果确实是 ${day} 开的，请回复 /确认；不是的话请回复 /取消，再写上年份重新发送，如「日期：${Number(year) + 1}${day.slice(4)}」。`,
      '30 分钟内回复有效。',
    ],
    buttons: [
      { label: `确认是 ${day}`, command: '/确认', style: 'primary' as const },
      { label: '不是，取消', command: '/取消' },
    ],
  };
}

export const confirmDateHandler: PendingHandler = {
  kind: CONFIRM_RECORD_DATE,
  async confirm(ctx, payload) {
    return saveOrAskReplace(ctx, payloadSchema.parse(payload));
  },
  async cancel(_ctx, payload) {
    const record = payloadSchema.parse(payload);
    return {
      kind: 'record_date_cancelled',
      title: '已取消',
      tone: 'info',
      lines: [`${formatDay(record.heldOn, 0)}的${activityName(record.type)}记录没有保存。请在日期里写上年份后重新发送 /会议记录，如「日期：2026年3月5日」。`],
    };
  },
};
