import type { CommandContext } from '../../engine/commands/types.ts';
import type { ViewSection } from '../../../cards/MessageView.ts';
import { attachmentCount, attachmentLines } from './attachmentViews.ts';
import { attachmentLinker } from './attachmentLinker.ts';
import { SHOWN_ATTACHMENT } from './shownAttachment.ts';

/**
 * A 简报's attachments for whoever reads it here (/查看简报, /采用, /退回): the count, and a section with one line
 * each, carrying the reader's own link. `noLinks`: the chat cannot open a link (no PUBLIC_BASE_URL).
 */
export async function attachmentSection(ctx: CommandContext, briefingId: number): Promise<{ count: string; section: ViewSection | null; noLinks: boolean }> {
  const list = await ctx.db.briefingAttachment.findMany({ where: { briefingId, ...SHOWN_ATTACHMENT }, include: { file: true }, orderBy: { id: 'asc' } });
  if (list.length === 0) return { count: '无', section: null, noLinks: false };
  const link = await attachmentLinker(ctx);
  return {
    count: attachmentCount(list),
    section: { heading: `附件（${list.length} 个）`, lines: attachmentLines(list, link) },
    noLinks: link === null,
  };
}
