import { defineCommand } from '../../../engine/commands/defineCommand.ts';
import { askPending } from '../../../engine/pending/pendingStore.ts';
import { parseRecordMessage, RECORD_USAGE } from '../parseRecordMessage.ts';
import { recordTemplateView, replaceQuestionView } from '../recordViews.ts';
import { resolveAttendees } from '../resolveAttendees.ts';
import { findSameRecord, type RecordToSave } from '../saveActivityRecord.ts';
import { pendingKey, saveAndReceipt } from '../saveAndReceipt.ts';
import { REPLACE_RECORD } from '../replaceRecordHandler.ts';
import { correctRecord } from '../correctRecord.ts';

export const meetingRecordCommand = defineCommand({
  name: '会议记录',
  aliases: ['记录'],
  summary: '登记三会一课、主题党日等会议和活动（书记、组织委员）',
  usage: RECORD_USAGE,
  examples: ['/会议记录\n类型：主题党日\n日期：3月5日\n主题：学习贯彻全会精神\n参加人员：@张三 李四 王五', '/会议记录 修改 12'],
  help: '只发送 /会议记录 可以看到模板。写了参加人员的，到会党员按积分规则计分、计学时；同一类型同一天已有记录时会问你是否替换。登记错了，发送「/会议记录 修改 <编号>」取回原记录改正，积分和学时随之重算。',
  roles: ['SECRETARY', 'ORG_COMMITTEE'],
  where: ['BRANCH'],
  args: [{ name: '记录内容', type: 'rest', optional: true }] as const,
  async run(ctx) {
    if (!ctx.rest.trim()) return recordTemplateView();
    if (/^[\s\u3000]*修改/u.test(ctx.rest)) return correctRecord(ctx, ctx.rest.trim());
    const zone = ctx.config.TZ_NAME;
    const parsed = parseRecordMessage(ctx.rest, ctx.clock.now(), zone);
    const organizationId = ctx.group!.organizationId!;
    const people = await resolveAttendees(ctx.db, parsed, { organizationId, text: ctx.rest, mentions: ctx.mentions });
    const record: RecordToSave = {
      organizationId,
      groupId: ctx.group!.id,
      recordedById: ctx.actor!.memberId,
      platform: ctx.event.platform,
      type: parsed.type,
      heldOn: parsed.heldOn,
      topic: parsed.topic,
      hours: parsed.hours,
      summary: parsed.summary,
      ...people,
    };
    const same = await findSameRecord(ctx.db, organizationId, parsed.type, parsed.heldOn);
    if (same) {
      await askPending(ctx.db, pendingKey(ctx), REPLACE_RECORD, { ...record, replacesActivityId: same.id }, ctx.clock.now());
      return replaceQuestionView(record, same);
    }
    return saveAndReceipt(ctx, record);
  },
});
