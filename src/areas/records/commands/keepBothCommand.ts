import { defineCommand } from '../../../engine/commands/defineCommand.ts';
import { UserError } from '../../../core/errors/UserError.ts';
import { closePending, openPending } from '../../../engine/pending/pendingStore.ts';
import { activityKind } from '../cadence.ts';
import { REPLACE_RECORD, replacePayloadSchema } from '../replaceRecordHandler.ts';
import { pendingKey, saveAndReceipt } from '../saveAndReceipt.ts';

/**
 * The third answer to "replace the earlier record?" for kinds held several times a day (党小组会 of two
 * groups, several 谈心谈话, trainings): keep both records.
 */
export const keepBothCommand = defineCommand({
  name: '另存',
  summary: '同一天同类型的活动开了不止一次时，两条记录都保留',
  usage: '/另存',
  roles: ['SECRETARY', 'ORG_COMMITTEE'],
  where: ['BRANCH'],
  args: [] as const,
  async run(ctx) {
    const pending = await openPending(ctx.db, pendingKey(ctx), ctx.clock.now());
    if (!pending || pending.kind !== REPLACE_RECORD) throw new UserError('现在没有等你决定的同日记录（可能已经超时，请重新发送 /会议记录）。');
    const record = replacePayloadSchema.parse(pending.payload);
    const kind = activityKind(record.type);
    if (!kind.severalPerDay) {
      throw new UserError(`${kind.name}同一天只能有一条记录。请回复 /确认 替换原记录，或 /取消 保留原记录。`);
    }
    const { replacesActivityId, ...rest } = record;
    try {
      const view = await saveAndReceipt(ctx, { ...rest, besideActivityId: replacesActivityId });
      await closePending(ctx.db, pending.id);
      return view;
    } catch (error) {
      if (error instanceof UserError) await closePending(ctx.db, pending.id);
      throw error;
    }
  },
});
