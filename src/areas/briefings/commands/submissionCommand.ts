import { defineCommand } from '../../../engine/commands/defineCommand.ts';
import { UserError } from '../../../core/errors/UserError.ts';
import { localDateTime } from '../../../core/time/clock.ts';
import { actingOrganization } from '../../../engine/identity/actingOrganization.ts';
import { roleNames } from '../../../engine/commands/roleNames.ts';
import { checkWhere } from '../../../engine/commands/checkPermission.ts';
import type { BriefingKind } from '../../../core/generated/prisma/enums.ts';
import type { CommandContext } from '../../../engine/commands/types.ts';
import { parseBriefingText } from '../parseBriefingText.ts';
import { findByIdempotencyKey, submitBriefing } from '../submitBriefing.ts';
import { briefingLabel, kindNames } from '../briefingLabel.ts';
import { reviewRequestView } from '../briefingViews.ts';
import { latestLessonActivity } from '../latestLessonActivity.ts';
import { activityLabel } from '../../traces/activityLabel.ts';
import { BRIEFING_ROLES } from '../briefingRoles.ts';
import { collectAttachments } from '../collectAttachments.ts';
import { attachmentCount, rejectionText } from '../attachmentViews.ts';
import { openAttachWindow } from '../attachWindow.ts';
import { SHOWN_ATTACHMENT } from '../shownAttachment.ts';
import { ATTACH_WORD, attachSubcommand, windowHint } from './briefingAttachments.ts';

interface Spec {
  kind: BriefingKind;
  name: string;
  aliases: string[];
  keywords: string[];
  ask: string;
  summary: string;
  help: string;
}

/**
 * `/简报` and `/学习心得`: title on the first line, text below; numbered, sent to the 组织办 for review. A 简报
 * also takes pictures and Word/PDF files: with the command where the platform allows it, or in the chat during its
 * window, or after `/简报 附件 <编号>` (which, like the window, works in a private chat too: DingTalk passes
 * files on only there).
 */
export function submissionCommand(spec: Spec) {
  const what = kindNames[spec.kind];
  const isBriefing = spec.kind === 'BRIEFING';
  const usage = isBriefing ? `/${spec.name} <标题>（换行后写正文）| /${spec.name} ${ATTACH_WORD} <编号>` : `/${spec.name} <标题>（换行后写正文）`;
  const fileUsage = `/${spec.name} <标题>（换行后写正文）`;
  const command = defineCommand({
    name: spec.name,
    aliases: spec.aliases,
    keywords: spec.keywords,
    ask: spec.ask,
    summary: spec.summary,
    usage,
    examples: [
      `/${spec.name} ${spec.kind === 'BRIEFING' ? '东湾村开展主题党日活动' : '学习专题讲习的体会'}\n${spec.kind === 'BRIEFING' ? '11月5日，东湾村党支部组织全体党员……' : '通过这次学习，我认识到……'}`,
    ],
    roles: 'member',
    where: isBriefing ? 'any' : 'boundGroup',
    help: spec.help,
    args: [{ name: '标题和正文', type: 'rest', optional: true }] as const,
    async run(ctx) {
      if (isBriefing) {
        const attach = attachSubcommand(ctx);
        if (attach) return attach;
        checkWhere(ctx, { ...command, where: 'boundGroup', usage: fileUsage });
      }
      const { title, body } = parseBriefingText(ctx.rest, what, fileUsage);
      const organizationId = await authorOrganization(ctx, spec.kind);
      const now = ctx.clock.now();
      const local = localDateTime(now, ctx.config.TZ_NAME);
      const activity = spec.kind === 'REFLECTION' ? await latestLessonActivity(ctx.db, organizationId, local.toISODate()!) : null;

      // This very message filed it on an earlier run (the process died before the receipt and the review notice
      // were queued): answer and notify as the first run would have. The outbound job ids come from the event,
      // so whatever the first run did queue is not sent twice.
      const filedByThisEvent = await findByIdempotencyKey(ctx.db, ctx.eventKey);
      const duplicate = filedByThisEvent
        ? null
        : await ctx.db.briefing.findFirst({
            // A 简报 is the branch's: the 联络员 posting what the 书记 already filed is a repeat. A 学习心得 is the member's own.
            where: {
              organizationId,
              kind: spec.kind,
              ...(spec.kind === 'REFLECTION' ? { authorId: ctx.actor!.memberId } : {}),
              title,
              body,
              status: { in: ['SUBMITTED', 'ADOPTED'] },
            },
            include: { organization: true, author: { select: { id: true, name: true } } },
          });
      if (duplicate) {
        const withFiles = ctx.event.images.length + (ctx.event.files?.length ?? 0) > 0;
        return {
          kind: 'briefing_duplicate',
          title: `这篇${what}已经报送过了`,
          tone: 'info',
          lines: [
            `《${title}》已${duplicate.author.id === ctx.actor!.memberId ? '' : `由${duplicate.author.name}`}于 ${localDateTime(duplicate.createdAt, ctx.config.TZ_NAME).toFormat('M月d日 HH:mm')} 报送，文号 ${briefingLabel(duplicate)}（编号 ${duplicate.id}），无需重复报送。`,
            ...(isBriefing && withFiles ? [`这次带的图片和文件没有保存。要给它补附件，请发送 /简报 ${ATTACH_WORD} ${duplicate.id}，再把文件发过来。`] : []),
          ],
        };
      }

      // Checked before anything is filed: a 简报 whose attachments cannot all be kept is not filed (nothing half-saved).
      const collected = isBriefing && !filedByThisEvent ? await collectAttachments(ctx) : null;
      if (collected && collected.rejected.length + collected.failed.length > 0) {
        const problems = [
          ...collected.rejected.map((r) => rejectionText(r, ctx.config.PHOTO_MAX_BYTES)),
          ...collected.failed.map((f) => `有一个文件没有收到：${f}`),
        ];
        throw new UserError(
          `简报没有报送：${problems.join('；')}。请去掉或换掉这些文件后重新发送；也可以先报送简报，再在 ${ctx.config.BRIEFING_ATTACH_WINDOW_MINUTES} 分钟内把附件发到本群。`,
          fileUsage,
        );
      }

      const { briefing } = await submitBriefing(ctx.db, {
        organizationId,
        kind: spec.kind,
        year: local.year,
        title,
        body,
        authorId: ctx.actor!.memberId,
        activityId: activity?.id ?? null,
        sourcePlatform: ctx.event.platform,
        sourceChatId: ctx.event.chatId,
        idempotencyKey: ctx.eventKey,
        at: now,
        ...(collected && collected.prepared.length > 0
          ? {
              attachments: {
                files: collected.prepared,
                by: {
                  uploaderId: ctx.actor!.memberId,
                  platform: ctx.event.platform,
                  platformMessageId: ctx.event.messageId ?? null,
                  at: now,
                  eventKey: ctx.eventKey,
                },
              },
            }
          : {}),
      });
      const attachments = isBriefing
        ? await ctx.db.briefingAttachment.findMany({ where: { briefingId: briefing.id, ...SHOWN_ATTACHMENT }, include: { file: true }, orderBy: { id: 'asc' } })
        : [];
      const windowMinutes = ctx.config.BRIEFING_ATTACH_WINDOW_MINUTES;
      const until = isBriefing
        ? await openAttachWindow(
            ctx.db,
            { platform: ctx.event.platform, chatId: ctx.event.chatId, memberId: ctx.actor!.memberId },
            briefing.id,
            now,
            windowMinutes,
          )
        : null;
      const activityText = activity ? activityLabel(activity) : null;
      const topOrg = (await ctx.orgAncestors(organizationId)).at(-1) ?? organizationId;
      // The 组织办 reviews in the leading-group group; a town that has bound none yet gets it in its liaison group.
      const leadingGroups = await ctx.db.chatGroup.count({ where: { organizationId: topOrg, purpose: 'LEADING_GROUP' } });
      ctx.notify(
        { organizationId: topOrg, purpose: leadingGroups > 0 ? 'LEADING_GROUP' : 'LIAISON' },
        reviewRequestView(briefing, activityText, isBriefing ? { attachments, windowMinutes } : null),
      );
      return {
        kind: 'briefing_submitted',
        title: `${what}已报送：${briefingLabel(briefing)}`,
        tone: 'success',
        fields: [
          { label: '编号', value: String(briefing.id) },
          { label: '标题', value: title },
          { label: '字数', value: `${body.length} 字` },
          ...(activityText ? [{ label: '关联活动', value: activityText }] : []),
          ...(attachments.length > 0 ? [{ label: '附件', value: `${attachmentCount(attachments)}：${attachments.map((a) => a.fileName).join('、')}` }] : []),
        ],
        lines: [
          '已送组织办审核，采用或退回时会在本群告诉你。',
          ...(until
            ? [
                `如需${attachments.length > 0 ? '再' : ''}附图片或 Word、PDF 附件，请在${windowMinutes}分钟内直接发到本群（${localDateTime(until, ctx.config.TZ_NAME).toFormat('HH:mm')}前）。这段时间你发的图片只作简报附件，不存为痕迹照片；发完可发送 /简报 ${ATTACH_WORD} 结束。`,
                ...windowHint(ctx, briefing.id),
              ]
            : []),
        ],
      };
    },
  });
  return command;
}

/** A briefing belongs to the organisation the author files for; a reflection to the author's own branch. */
async function authorOrganization(ctx: CommandContext, kind: BriefingKind): Promise<number> {
  if (kind === 'REFLECTION') return ctx.actor!.organizationId;
  const org = await actingOrganization(ctx, BRIEFING_ROLES);
  if (org === null) {
    const allowed = BRIEFING_ROLES.map((r) => roleNames[r]).join('、');
    throw new UserError(`「/简报」只有本组织的${allowed}可以报送，你在这个群所属的组织里没有这个职务。学习体会请用 /学习心得 报送。`);
  }
  return org;
}
