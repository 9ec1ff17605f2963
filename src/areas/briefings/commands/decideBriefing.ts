import { UserError } from '../../../core/errors/UserError.ts';
import { localDateTime } from '../../../core/time/clock.ts';
import type { CommandContext, CommandResult } from '../../../engine/commands/types.ts';
import { findBriefing } from '../findBriefing.ts';
import { reviewBriefing } from '../reviewBriefing.ts';
import { briefingLabel, briefingStatusNames, kindNames } from '../briefingLabel.ts';
import { reviewResultView } from '../briefingViews.ts';
import { attachmentSection } from '../attachmentSection.ts';
import { NO_PUBLIC_ADDRESS } from '../../../core/config/linkBase.ts';

/** /采用 and /退回: review once, tell the author in the chat the briefing came from, answer a repeat clearly. */
export async function decide(
  ctx: CommandContext,
  written: string,
  decision: 'ADOPTED' | 'RETURNED',
  reason: string | undefined,
  usage: string,
): Promise<CommandResult> {
  const found = await findBriefing(ctx.db, written, usage);
  const { outcome, briefing } = await reviewBriefing(ctx.db, {
    briefingId: found.id,
    decision,
    reviewerId: ctx.actor!.memberId,
    ...(reason ? { reason } : {}),
    at: ctx.clock.now(),
    platform: ctx.event.platform,
    eventKey: ctx.eventKey,
  });
  const what = kindNames[briefing.kind];
  const label = briefingLabel(briefing);
  if (outcome === 'already') {
    const when = briefing.reviewedAt ? localDateTime(briefing.reviewedAt, ctx.config.TZ_NAME).toFormat('M月d日 HH:mm') : '';
    const by = briefing.reviewedBy?.name ?? '组织办';
    const state = briefingStatusNames[briefing.status];
    if (briefing.status === decision) {
      return {
        kind: 'briefing_already_reviewed',
        title: `${label} ${state}`,
        tone: 'info',
        lines: [`这篇${what}已于 ${when} 由 ${by} ${state.replace('已', '')}，无需重复操作。`],
      };
    }
    throw new UserError(`这篇${what}（${label}）已于 ${when} 由 ${by} ${state.replace('已', '')}，不能再${decision === 'ADOPTED' ? '采用' : '退回'}。`);
  }
  const result = reviewResultView(briefing, decision, ctx.actor!.name);
  if (briefing.sourcePlatform && briefing.sourceChatId) {
    ctx.notify({ chat: { platform: briefing.sourcePlatform, chatId: briefing.sourceChatId } }, result);
  } else {
    ctx.notify({ organizationId: briefing.organizationId, purpose: 'BRANCH' }, result);
  }
  // What was decided on, attachments included, stays in front of the reviewer with their own links.
  const files = briefing.kind === 'BRIEFING' ? await attachmentSection(ctx, briefing.id) : null;
  return {
    kind: decision === 'ADOPTED' ? 'briefing_adopt_done' : 'briefing_return_done',
    ...(files?.section ? { sections: [files.section], ...(files.noLinks ? { note: NO_PUBLIC_ADDRESS } : {}) } : {}),
    title: `${decision === 'ADOPTED' ? '已采用' : '已退回'}：${label}`,
    tone: 'success',
    lines: [
      `${what}《${briefing.title}》（${briefing.author.name}，${briefing.organization.name}）${decision === 'ADOPTED' ? '已采用' : `已退回，原因：${reason}`}。`,
      '已通知作者所在的群。',
    ],
  };
}
