import { defineCommand } from '../../../engine/commands/defineCommand.ts';
import { findBriefing } from '../findBriefing.ts';
import { briefingLabel, kindNames } from '../briefingLabel.ts';
import { decide } from './decideBriefing.ts';

const RETURN_USAGE = '/退回 <编号> <原因>';
export const RETURN_REASON_MAX = 200;

export const returnCommand = defineCommand({
  name: '退回',
  summary: '退回一篇简报或学习心得并写明原因（组织办）',
  usage: RETURN_USAGE,
  examples: ['/退回 12 请补充活动时间和参加人数'],
  roles: ['ADMIN'],
  help: '原因必填，会原样告诉作者。',
  args: [
    { name: '编号', type: 'string', maxLength: 40 },
    { name: '原因', type: 'rest', optional: true, maxLength: RETURN_REASON_MAX },
  ] as const,
  async run(ctx, args) {
    const reason = args['原因']?.trim();
    if (!reason) {
      const found = await findBriefing(ctx.db, args['编号'], RETURN_USAGE);
      // Already reviewed: say so (decide reports it without changing anything).
      if (found.status !== 'SUBMITTED') return decide(ctx, args['编号'], 'RETURNED', undefined, RETURN_USAGE);
      // The 退回 button carries no reason: keep the card usable (it replaces the card) and ask for one.
      return {
        kind: 'briefing_return_prompt',
        title: `退回要写明原因：${briefingLabel(found)}`,
        tone: 'warning',
        lines: [
          `${kindNames[found.kind]}《${found.title}》（${found.author.name}，${found.organization.name}）还没有审核。`,
          `退回要写明原因，作者才知道怎么改。请发送：/退回 ${found.id} <原因>，例如：/退回 ${found.id} 请补充活动时间和参加人数`,
        ],
        buttons: [{ label: '采用', command: `/采用 ${found.id}`, style: 'primary' }],
      };
    }
    return decide(ctx, args['编号'], 'RETURNED', reason, RETURN_USAGE);
  },
});
