import { defineCommand } from '../../../engine/commands/defineCommand.ts';
import { currentHalfPeriod } from '../period.ts';
import { runAssessmentAction } from './runAssessmentAction.ts';

export const selfAssessmentCommand = defineCommand({
  name: '自评',
  keywords: ['自评', '自我评价', '自查'],
  ask: '支部自评',
  summary: '支部对照评定标准自查打分（每年6月、12月）',
  usage: '/自评 [开始 [期间] | 评分 <项目编号> <分数> [扣分原因] | 采纳 <项目编号|全部> | 查看 [项目编号] | 对比 | 提交]',
  examples: ['/自评 开始', '/自评 采纳 全部', '/自评 评分 N1.1 10', '/自评 提交'],
  roles: ['SECRETARY', 'ORG_COMMITTEE'],
  where: ['BRANCH'],
  args: [{ name: '内容', type: 'rest', optional: true, maxLength: 500 }] as const,
  help: '在本支部群里使用。期间默认是当前半年（如 2026上半年、2026下半年）。系统依据会议记录等给出建议分，改动建议分要写理由。',
  async run(ctx, args) {
    return runAssessmentAction(
      ctx,
      {
        organizationId: ctx.group!.organizationId!,
        organizationName: ctx.group!.organizationName!,
        kind: 'SELF',
        prefix: '/自评',
        defaultPeriod: currentHalfPeriod(ctx.clock.now(), ctx.config.TZ_NAME),
        finishWord: '提交',
      },
      args['内容'] ?? '',
    );
  },
});
