import { UserError } from '../../../core/errors/UserError.ts';
import { localDateTime } from '../../../core/time/clock.ts';
import { toHalfWidth } from '../../../core/text/toHalfWidth.ts';
import { actorHasRole } from '../../../engine/commands/checkPermission.ts';
import type { CommandContext } from '../../../engine/commands/types.ts';
import type { MessageView } from '../../../../cards/MessageView.ts';
import { findBriefing } from '../findBriefing.ts';
import { briefingLabel } from '../briefingLabel.ts';
import { BRIEFING_ROLES } from '../briefingRoles.ts';
import { closeAttachWindow, openAttachWindow } from '../attachWindow.ts';
import { attachWindowOf, addAndAnswer, windowKey } from '../attachFromChat.ts';
import { collectAttachments } from '../collectAttachments.ts';
import { attachmentCount, windowLine } from '../attachmentViews.ts';
import { ACCEPTED_ATTACHMENTS } from '../detectAttachmentType.ts';
import { SHOWN_ATTACHMENT } from '../shownAttachment.ts';

export const ATTACH_WORD = '附件';
const USAGE = `/简报 ${ATTACH_WORD} <编号>（然后发图片或 Word、PDF 文件）| /简报 ${ATTACH_WORD} 结束`;
const END_WORDS = new Set(['结束', '完成', '好了', '发完了']);

/**
 * `/简报 附件 <编号>`: the caller's pictures and files in this chat go to that 简报 for the window's length (and any
 * sent with this very message at once); `/简报 附件 结束` ends the caller's window here. Null when the text is not
 * this form (a 简报 whose title merely starts with 附件…, such as 「附件材料报送情况」, is filed as usual).
 */
export function attachSubcommand(ctx: CommandContext): Promise<MessageView> | null {
  const firstLine = toHalfWidth(ctx.rest.replace(/\r\n?/g, '\n').trim().split('\n')[0] ?? '').trim();
  const match = new RegExp(`^${ATTACH_WORD}(?=$|\\s|[#\\d])\\s*(.*)$`, 'u').exec(firstLine);
  if (!match) return null;
  if (ctx.rest.trim().includes('\n')) {
    return Promise.reject(new UserError(`「/简报 ${ATTACH_WORD}」后面只写编号，不写正文。要报送新简报，标题请不要以「${ATTACH_WORD}」开头。`, USAGE));
  }
  return run(ctx, match[1]?.trim() ?? '');
}

async function run(ctx: CommandContext, written: string): Promise<MessageView> {
  const key = windowKey(ctx)!;
  const tz = ctx.config.TZ_NAME;
  if (END_WORDS.has(written)) {
    const closed = await closeAttachWindow(ctx.db, key);
    return {
      kind: 'briefing_attach_closed',
      title: closed > 0 ? '附件已收齐' : '现在没有在收附件',
      tone: 'info',
      lines: [closed > 0 ? '之后你在这里发的图片照常存为痕迹照片。' : '你在这里没有正在附加附件的简报；发的图片照常存为痕迹照片。'],
    };
  }
  if (!written) {
    const open = await attachWindowOf(ctx);
    if (!open) throw new UserError('请写要补附件的简报编号（报送回执上的数字），如：/简报 附件 12。', USAGE);
    const b = await ctx.db.briefing.findUniqueOrThrow({ where: { id: open.briefingId }, include: { organization: true } });
    return { kind: 'briefing_attach_open', title: `正在收附件：${briefingLabel(b)}`, tone: 'info', lines: [windowLine(open.expiresAt, tz)] };
  }
  const b = await findBriefing(ctx.db, written, USAGE);
  const label = briefingLabel(b);
  if (b.kind !== 'BRIEFING') throw new UserError(`编号 ${b.id} 是学习心得（${label}），附件只能附在简报上。`, USAGE);
  const mayAttach = b.authorId === ctx.actor!.memberId || (await actorHasRole(ctx, BRIEFING_ROLES, b.organizationId));
  if (!mayAttach) throw new UserError(`只有这期简报的报送人，或${b.organization.name}的书记、组织委员、联络员可以给它补附件。`);
  if (b.status === 'RETURNED') throw new UserError(`${label}已被退回，不能再补附件。请修改后重新发送 /简报 报送，再附上图片和文件。`);

  const now = ctx.clock.now();
  const until = await openAttachWindow(ctx.db, key, b.id, now, ctx.config.BRIEFING_ATTACH_WINDOW_MINUTES);
  if (ctx.event.images.length + (ctx.event.files?.length ?? 0) > 0) return addAndAnswer(ctx, b.id, await collectAttachments(ctx), until);
  const shown = await ctx.db.briefingAttachment.findMany({ where: { briefingId: b.id, ...SHOWN_ATTACHMENT }, include: { file: true } });
  return {
    kind: 'briefing_attach_open',
    title: `请发送附件：${label}`,
    tone: 'info',
    lines: [
      `《${b.title}》${shown.length > 0 ? `现有附件 ${attachmentCount(shown)}` : '还没有附件'}。`,
      `请在 ${ctx.config.BRIEFING_ATTACH_WINDOW_MINUTES} 分钟内（${localDateTime(until, tz).toFormat('HH:mm')}前）把${ACCEPTED_ATTACHMENTS}直接发到这里。`,
      ...windowHint(ctx, b.id),
    ],
    note: `这段时间你在这里发的图片只作简报附件，不存为痕迹照片；发完可发送 /简报 ${ATTACH_WORD} 结束。`,
  };
}

/**
 * What only some platforms need said: a DingTalk group robot hears pictures only with an @ and files only in a
 * private chat; a Feishu bot without the group-message permission hears nothing in a group that does not @ it.
 */
export function windowHint(ctx: CommandContext, briefingId: number): string[] {
  if (ctx.event.platform === 'DINGTALK') {
    return [`钉钉群里发图片请同时 @支部助手；Word、PDF 文件请在和支部助手的单聊里先发送 /简报 ${ATTACH_WORD} ${briefingId}，再发文件。`];
  }
  if (ctx.event.platform === 'LARK' && ctx.event.chatType === 'group') {
    return [`如果群里发的文件没有回音，请在和支部助手的单聊里先发送 /简报 ${ATTACH_WORD} ${briefingId}，再发文件。`];
  }
  return [];
}
