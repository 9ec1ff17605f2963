import { defineCommand } from '../../commands/defineCommand.ts';
import { UserError } from '../../errors/UserError.ts';
import { localDateTime } from '../../time/clock.ts';
import type { CommandContext, CommandResult } from '../../commands/types.ts';
import { findBriefing } from '../findBriefing.ts';
import { reviewBriefing } from '../reviewBriefing.ts';
import { briefingLabel, briefingStatusNames, kindNames } from '../briefingLabel.ts';
import { reviewResultView } from '../briefingViews.ts';

const ADOPT_USAGE = '/采用 <编号>';
const RETURN_USAGE = '/退回 <编号> <原因>';
export const RETURN_REASON_MAX = 200;

export const adoptCommand = defineCommand({
  name: '采用',
  summary: '采用一篇简报或学习心得（组织办）',
  usage: ADOPT_USAGE,
  examples: ['/采用 12', '/采用 东湾村〔2026〕第3期'],
  roles: ['ADMIN'],
  help: '编号是报送回执和待审卡片上的数字，也可以写文号。采用后作者所在群会收到通知。',
  args: [{ name: '编号', type: 'string', maxLength: 40 }] as const,
  async run(ctx, args) {
    return decide(ctx, args['编号'], 'ADOPTED', undefined, ADOPT_USAGE);
  },
});

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

async function decide(ctx: CommandContext, written: string, decision: 'ADOPTED' | 'RETURNED', reason: string | undefined, usage: string): Promise<CommandResult> {
  const found = await findBriefing(ctx.db, written, usage);
  const { outcome, briefing } = await reviewBriefing(ctx.db, {
    briefingId: found.id,
    decision,
    reviewerId: ctx.actor!.memberId,
    ...(reason ? { reason } : {}),
    at: ctx.clock.now(),
    platform: ctx.event.platform,
  });
  const what = kindNames[briefing.kind];
  const label = briefingLabel(briefing);
  if (outcome === 'already') {
    const when = briefing.reviewedAt ? localDateTime(briefing.reviewedAt, ctx.config.TZ_NAME).toFormat('M月d日 HH:mm') : '';
    const by = briefing.reviewedBy?.name ?? '组织办';
    const state = briefingStatusNames[briefing.status];
    if (briefing.status === decision) {
      return { kind: 'briefing_already_reviewed', title: `${label} ${state}`, tone: 'info', lines: [`这篇${what}已于 ${when} 由 ${by} ${state.replace('已', '')}，无需重复操作。`] };
    }
    throw new UserError(`这篇${what}（${label}）已于 ${when} 由 ${by} ${state.replace('已', '')}，不能再${decision === 'ADOPTED' ? '采用' : '退回'}。`);
  }
  const result = reviewResultView(briefing, decision, ctx.actor!.name);
  if (briefing.sourcePlatform && briefing.sourceChatId) {
    ctx.notify({ chat: { platform: briefing.sourcePlatform, chatId: briefing.sourceChatId } }, result);
  } else {
    ctx.notify({ organizationId: briefing.organizationId, purpose: 'BRANCH' }, result);
  }
  return {
    kind: decision === 'ADOPTED' ? 'briefing_adopt_done' : 'briefing_return_done',
    title: `${decision === 'ADOPTED' ? '已采用' : '已退回'}：${label}`,
    tone: 'success',
    lines: [
      `${what}《${briefing.title}》（${briefing.author.name}，${briefing.organization.name}）${decision === 'ADOPTED' ? '已采用' : `已退回，原因：${reason}`}。`,
      '已通知作者所在的群。',
    ],
  };
}
