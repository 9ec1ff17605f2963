import { heartTalkTemplateView } from '../heartTalkTemplate.ts';
import { defineCommand } from '../../../engine/commands/defineCommand.ts';
import { RECORD_USAGE } from '../parseRecordMessage.ts';
import { recordTemplateView } from '../recordViews.ts';
import { askRecordDate, saveOrAskReplace } from '../confirmDateHandler.ts';
import { readCheckedRecord } from '../readCheckedRecord.ts';
import { correctRecord } from '../correctRecord.ts';

export const meetingRecordCommand = defineCommand({
  name: '会议记录',
  aliases: ['记录'],
  keywords: ['会议记录', '登记会议', '记录会议', '开会', '开了会', '三会一课', '支委会', '党小组会', '主题党日', '党课', '党员大会', '谈心谈话', '组织生活会'],
  ask: '登记会议和活动',
  summary: '登记三会一课、主题党日等会议和活动（书记、组织委员）',
  usage: RECORD_USAGE,
  examples: [
    '/会议记录\n类型：主题党日\n日期：3月5日\n主题：学习贯彻全会精神\n参加人员：@张三 李四 王五',
    '/会议记录\n类型：专题讲习\n日期：2026年3月8日\n主题：党性教育专题讲学\n参加人员：张三 李四\n学时：2\n项目：讲学拉练',
    '/会议记录 修改 12',
  ],
  help: '只发送 /会议记录 可以看到模板。写了参加人员的，到会党员按积分规则计分、计学时；同一类型同一天已有记录时会问你是否替换。日期没写年份时按最近的这一天算，离今天两个多月以上的会先问你确认年份。写了「项目：」的记录自动计入 /项目 里该项目的完成数。填写有误时会一次列出所有要改的地方。登记错了，发送「/会议记录 修改 <编号>」取回原记录改正，积分和学时随之重算。',
  roles: ['SECRETARY', 'ORG_COMMITTEE'],
  where: ['BRANCH'],
  args: [{ name: '记录内容', type: 'rest', optional: true }] as const,
  async run(ctx) {
    if (!ctx.rest.trim()) return recordTemplateView();
    // Only 「类型：谈心谈话」 and nothing else: the template with the six topics of seed 001.
    if (/^[\s\u3000]*(类型|会议类型|活动类型)[:：][\s\u3000]*谈心谈话[\s\u3000]*$/u.test(ctx.rest)) return heartTalkTemplateView();
    if (/^[\s\u3000]*修改/u.test(ctx.rest)) return correctRecord(ctx, ctx.rest.trim());
    const { record, parsed } = await readCheckedRecord(ctx, ctx.rest);
    if (parsed.dateFarBack) return askRecordDate(ctx, record, parsed.dateText);
    return saveOrAskReplace(ctx, record);
  },
});
