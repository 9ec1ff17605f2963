import type { CommandContext } from '../../../engine/commands/types.ts';
import type { MessageView } from '../../../../cards/MessageView.ts';
import { defineCommand } from '../../../engine/commands/defineCommand.ts';
import { UserError } from '../../../core/errors/UserError.ts';
import { actorHasRole } from '../../../engine/commands/checkPermission.ts';
import { tokenize } from '../../../core/text/tokenize.ts';
import { findOrganization } from '../../../engine/identity/findOrganization.ts';
import { currentYearPeriod } from '../period.ts';
import { runAssessmentAction } from './runAssessmentAction.ts';
import { describeBands, GRADE_PRESETS, loadGradeBands, saveGradeBands } from '../gradeScale.ts';

const usage = '/考评 <组织> [开始 [期间] | 评分 <项目编号> <分数> [扣分原因] | 采纳 <项目编号|全部> | 查看 [项目编号] | 对比 | 完成]';

export const teamAssessmentCommand = defineCommand({
  name: '考评',
  keywords: ['考评', '考核', '打分', '评分', '等次'],
  ask: '考评打分',
  summary: '考核小组按评定标准为组织评分（系统依据记录给出建议分）',
  usage,
  examples: [
    '/考评 东湾村党支部 开始 2026',
    '/考评 东湾村党支部 采纳 全部',
    '/考评 东湾村党支部 评分 V1.1 1 未进行摸底排查',
    '/考评 东湾村党支部 完成',
    '/考评 等次 000',
  ],
  roles: ['ASSESSOR', 'ADMIN', 'LEADING_GROUP'],
  args: [{ name: '内容', type: 'rest', optional: true, maxLength: 500 }] as const,
  help: '期间写 2026（全年）、2026上半年、2026下半年 或 2026年第三季度。改判系统建议分时必须写理由。完成后按总分定等次，并记入当年支部星级。「/考评 等次 [002|000]」查看或切换等次方案（组织办）。',
  async run(ctx, args) {
    const text = args['内容'] ?? '';
    const [first, ...rest] = tokenize(text);
    if (!first) throw new UserError('请写要考评的组织。', usage);
    if (first === '等次') return gradeScheme(ctx, rest[0]);
    const org = await findOrganization(ctx.db, first, usage);
    const action = rest[0] ?? '查看';
    if (!['查看', '对比'].includes(action) && !(await actorHasRole(ctx, ['ASSESSOR'], org.id))) {
      throw new UserError('只有考核小组成员可以评分；组织办和领导小组可以「查看」和「对比」。');
    }
    return runAssessmentAction(
      ctx,
      {
        organizationId: org.id,
        organizationName: org.name,
        kind: 'TEAM',
        prefix: `/考评 ${first}`,
        defaultPeriod: currentYearPeriod(ctx.clock.now(), ctx.config.TZ_NAME),
        finishWord: '完成',
      },
      text.slice(text.indexOf(first) + first.length),
    );
  },
});

async function gradeScheme(ctx: CommandContext, preset: string | undefined): Promise<MessageView> {
  if (preset) {
    if (!(await actorHasRole(ctx, ['ADMIN']))) throw new UserError('只有组织办可以切换等次方案。');
    const chosen = GRADE_PRESETS[preset];
    if (!chosen) {
      throw new UserError(
        `没有等次方案「${preset}」。可选：${Object.entries(GRADE_PRESETS)
          .map(([k, v]) => `${k}（${v.name}）`)
          .join('；')}`,
        '/考评 等次 [002|000]',
      );
    }
    await saveGradeBands(ctx.db, chosen.bands);
  }
  const bands = await loadGradeBands(ctx.db);
  return {
    kind: 'assessment_grades',
    title: preset ? '等次方案已切换' : '当前等次方案',
    tone: preset ? ('success' as const) : ('info' as const),
    lines: [describeBands(bands), '支部星级：≥90 三星，80–89 二星，60–79 一星，<60 无星。'],
    note: `可选方案：${Object.entries(GRADE_PRESETS)
      .map(([k, v]) => `${k} ${v.name}`)
      .join('；')}。组织办发送「/考评 等次 002」或「/考评 等次 000」切换；各等次的分数线要另行调整请联系系统管理员。`,
  };
}
