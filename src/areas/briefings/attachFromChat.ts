import type { CommandContext } from '../../engine/commands/types.ts';
import type { MessageView } from '../../../cards/MessageView.ts';
import { briefingLabel } from './briefingLabel.ts';
import { currentAttachWindow, type WindowKey } from './attachWindow.ts';
import { collectAttachments } from './collectAttachments.ts';
import { attachToBriefing } from './attachToBriefing.ts';
import { attachmentReceiptView } from './attachmentViews.ts';
import { SHOWN_ATTACHMENT } from './shownAttachment.ts';

export function windowKey(ctx: CommandContext): WindowKey | null {
  return ctx.actor ? { platform: ctx.event.platform, chatId: ctx.event.chatId, memberId: ctx.actor.memberId } : null;
}

/** The sender's open 简报 window in this chat, if any: while it is open their pictures and files go to that 简报. */
export async function attachWindowOf(ctx: CommandContext) {
  const key = windowKey(ctx);
  return key ? currentAttachWindow(ctx.db, key, ctx.clock.now()) : null;
}

/** Pictures and files posted without a command while the sender's window is open: attached to its 简报. */
export async function attachFromChat(ctx: CommandContext, window: { briefingId: number; expiresAt: Date }): Promise<MessageView> {
  const collected = await collectAttachments(ctx);
  return addAndAnswer(ctx, window.briefingId, collected, window.expiresAt);
}

/** Links what was collected to the 简报 and says what happened (the window path and /简报 附件 with files alike). */
export async function addAndAnswer(
  ctx: CommandContext,
  briefingId: number,
  collected: Awaited<ReturnType<typeof collectAttachments>>,
  until: Date | null,
): Promise<MessageView> {
  const results = await attachToBriefing(ctx.db, briefingId, collected.prepared, {
    uploaderId: ctx.actor!.memberId,
    platform: ctx.event.platform,
    platformMessageId: ctx.event.messageId ?? null,
    at: ctx.clock.now(),
    eventKey: ctx.eventKey,
  });
  const briefing = await ctx.db.briefing.findUniqueOrThrow({
    where: { id: briefingId },
    include: { organization: true, attachments: { where: SHOWN_ATTACHMENT, include: { file: true } } },
  });
  ctx.log.info(
    { area: 'briefings', briefingId, added: results.filter((r) => r.status === 'added').length, refused: collected.rejected.length + collected.failed.length },
    'briefing attachments handled',
  );
  return attachmentReceiptView({
    briefing: { id: briefing.id, label: briefingLabel(briefing) },
    results,
    collected,
    shown: briefing.attachments,
    until,
    tz: ctx.config.TZ_NAME,
    maxBytes: ctx.config.PHOTO_MAX_BYTES,
  });
}
