import { buildRegistry } from './buildRegistry.ts';
import { greetOnBotAdded } from '../engine/chat/greetOnBotAdded.ts';
import { onImages } from '../areas/traces/onImages.ts';
import { awaitedRosterFile, onRosterFile } from '../areas/roster/onRosterFile.ts';
import { attachFromChat, attachWindowOf } from '../areas/briefings/attachFromChat.ts';
import { PENDING_TTL_MINUTES } from '../engine/pending/pendingStore.ts';
import type { ChatHandlers } from '../engine/chat/handleChatEvent.ts';
import type { CommandContext, CommandResult } from '../engine/commands/types.ts';

/**
 * Pictures posted without a command: the sender's 简报 while its attachment window is open in this chat (after
 * /简报 or /简报 附件 <编号>), otherwise 痕迹 (docs/traces.md, "Which pictures go where").
 */
async function onPictures(ctx: CommandContext): Promise<CommandResult> {
  const window = await attachWindowOf(ctx);
  return window ? attachFromChat(ctx, window) : onImages(ctx);
}

/**
 * Files posted without a command: of the two things that ask for the sender's next file in this chat, a 简报
 * window and /导入 名册, the one asked for last wins.
 */
async function onFiles(ctx: CommandContext): Promise<CommandResult> {
  const [window, roster] = await Promise.all([attachWindowOf(ctx), awaitedRosterFile(ctx)]);
  // A question's asking time is its expiry less its lifetime (createdAt is the database's clock, not the injected one).
  const rosterAskedAt = roster ? roster.expiresAt.getTime() - PENDING_TTL_MINUTES * 60_000 : -Infinity;
  if (window && window.openedAt.getTime() >= rosterAskedAt) return attachFromChat(ctx, window);
  return onRosterFile(ctx);
}

/** The one place where the commands and event hooks of every area are wired into the chat engine. */
export function buildChatHandlers(): ChatHandlers {
  return {
    registry: buildRegistry(),
    onImages: onPictures,
    onFiles,
    onBotAdded: greetOnBotAdded,
  };
}
