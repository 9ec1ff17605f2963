import type { CommandContext } from '../../engine/commands/types.ts';
import { linkBase } from '../../core/config/linkBase.ts';
import { boardSecret } from '../board/boardAccess.ts';
import { ATTACHMENT_LINK_DAYS, signAttachmentToken } from './attachmentToken.ts';

/** The path the file route serves (mountAttachmentRoutes). */
export const ATTACHMENT_ROUTE = '/briefing-files';

/**
 * Makes the caller's own links to attachments (ATTACHMENT_LINK_DAYS days); null when this chat cannot open a link
 * (a real platform and no PUBLIC_BASE_URL: the caller says so with NO_PUBLIC_ADDRESS). Signed with the board's key.
 */
export async function attachmentLinker(ctx: CommandContext): Promise<((attachmentId: number) => string) | null> {
  const base = linkBase(ctx.config, ctx.event.platform);
  if (base === null || !ctx.actor) return null;
  const secret = await boardSecret(ctx.db, ctx.config.BOARD_SECRET);
  const expiry = Math.floor(ctx.clock.now().getTime() / 1000) + ATTACHMENT_LINK_DAYS * 86400;
  const memberId = ctx.actor.memberId;
  return (attachmentId) => `${base}${ATTACHMENT_ROUTE}/${signAttachmentToken(secret, { a: attachmentId, m: memberId, e: expiry })}`;
}
