import type { CommandContext } from '../../engine/commands/types.ts';
import type { MessageView } from '../../../cards/MessageView.ts';
import { branchProgress } from './branchProgress.ts';
import { recordReceiptView } from './recordViews.ts';
import { saveActivityRecord, type RecordToSave } from './saveActivityRecord.ts';
import { instantToIso } from '../../core/time/calendarDay.ts';

export function pendingKey(ctx: CommandContext) {
  return { platform: ctx.event.platform, chatId: ctx.event.chatId, memberId: ctx.actor!.memberId };
}

/** Saves a checked record (keyed on the event) and answers with the receipt and what the branch still lacks. */
export async function saveAndReceipt(ctx: CommandContext, record: RecordToSave): Promise<MessageView> {
  const saved = await saveActivityRecord(ctx.db, { ...record, recordedAt: ctx.clock.now() }, ctx.eventKey);
  ctx.log.info({ activityId: saved.activityId, type: record.type, attendees: record.attendees.length, repeated: saved.repeated }, 'meeting record saved');
  const progress = await branchProgress(ctx.db, record.organizationId, ctx.clock.now(), ctx.config.TZ_NAME, ['month', 'quarter']);
  return recordReceiptView(record, saved, progress, currentYearOf(ctx));
}

/** The current year in TZ_NAME: a day of another year is shown with its year. */
export function currentYearOf(ctx: CommandContext): number {
  return Number(instantToIso(ctx.clock.now(), ctx.config.TZ_NAME).slice(0, 4));
}
