import type { CommandContext, CommandResult } from '../../engine/commands/types.ts';
import { closePending, openPending, PENDING_TTL_MINUTES } from '../../engine/pending/pendingStore.ts';
import { AWAIT_ROSTER_FILE } from './awaitRosterFileHandler.ts';
import { importRosterFile } from './importRosterFile.ts';
import { UserError } from '../../core/errors/UserError.ts';

/** The sender's open /导入 名册 question in this chat, if their next file is to be the roster. */
export async function awaitedRosterFile(ctx: CommandContext) {
  if (!ctx.actor) return null;
  const pending = await openPending(ctx.db, { platform: ctx.event.platform, chatId: ctx.event.chatId, memberId: ctx.actor.memberId }, ctx.clock.now());
  return pending?.kind === AWAIT_ROSTER_FILE ? pending : null;
}

/**
 * A file posted without a command: the roster when its sender asked for /导入 名册 in this chat within the
 * last 30 minutes (only the 组织办 can have asked); any other file is ordinary chat and gets no answer.
 */
export async function onRosterFile(ctx: CommandContext): Promise<CommandResult> {
  const pending = await awaitedRosterFile(ctx);
  if (!pending) return null;
  let view;
  try {
    view = await importRosterFile(ctx, 0);
  } catch (error) {
    // The question stays open, so the right file can simply follow; say so, or the 组织办 starts over.
    if (error instanceof UserError) {
      throw new UserError(
        `${error.message}
仍在等待名册：${PENDING_TTL_MINUTES} 分钟内发来的 .xlsx 或 .csv 文件都会导入；发送 /取消 不导入。`,
        error.usage,
      );
    }
    throw error;
  }
  // Closed after the import so a retried job still finds the question; a rejected file may be corrected and sent again.
  if (view.kind !== 'roster_rejected') await closePending(ctx.db, pending.id);
  return view;
}
