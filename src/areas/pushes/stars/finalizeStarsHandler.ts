import { z } from 'zod';
import type { PendingHandler } from '../../../engine/pending/PendingHandler.ts';
import type { CommandContext, CommandResult } from '../../../engine/commands/types.ts';
import { writeAudit } from '../../../core/audit/writeAudit.ts';
import { OrganizationTree } from '../queries/organizationTree.ts';
import { buildStarPushes } from './buildStarPushes.ts';
import { boardSecret } from '../../board/boardAccess.ts';
import { linkBase } from '../../../core/config/linkBase.ts';
import { renderPosterPdf } from '../../../../cards/pictures/renderPosterPdf.ts';

export const FINALIZE_STARS = 'stars.finalize';
export const finalizePayloadSchema = z.object({ year: z.number().int() });

/** Publishes a year's boards (each with its 公示栏 picture and print links) to the groups and answers with what went out and the town's A4 PDF. */
export async function publishStars(ctx: CommandContext, year: number): Promise<CommandResult> {
  const now = ctx.clock.now();
  const tree = await OrganizationTree.load(ctx.db);
  // The boards go to groups of every platform, so their print links need an address any chat can open.
  const baseUrl = linkBase(ctx.config);
  const publication = await buildStarPushes(ctx.db, tree, year, now, `:${ctx.eventKey}`, {
    zone: ctx.config.TZ_NAME,
    ...(baseUrl === null
      ? {}
      : { posterLinks: { db: ctx.db, secret: await boardSecret(ctx.db, ctx.config.BOARD_SECRET), now, days: ctx.config.BOARD_LINK_DAYS, baseUrl } }),
  });
  for (const push of publication.pushes) ctx.notify(push.target, push.view);
  const boards = publication.pushes.filter((p) => p.view.kind === 'stars_members').length;
  const { phase } = publication;
  const town = publication.rootPosters[0];
  const townPush = publication.pushes.find((p) => p.view.kind === 'stars_branches');
  return {
    ...(town
      ? { file: { fileName: `${town.poster.title}-${town.poster.organisation}-A4.pdf`, base64: (await renderPosterPdf(town.poster, 'A4')).toString('base64') } }
      : {}),
    kind: 'stars_published',
    title: `${year}年度星级${phase.final ? '评定' : '（暂定）'}已公示`,
    tone: 'success',
    lines: [
      `${phase.final ? '评定' : '参评'}党员 ${publication.members} 人${publication.unratedMembers > 0 ? `（另有 ${publication.unratedMembers} 人未评定：免评、年内入党较晚或所在组织没有记录）` : ''}、党组织 ${publication.branches} 个。`,
      ...(phase.final ? [`无星（不合格党员）${publication.noStar} 人。`] : []),
      `星级党员榜已发往 ${boards} 个组织的支部群，星级党组织榜已发往领导小组群，每块榜附公示栏图片和打印链接。`,
      ...(townPush?.view.lines?.filter((l) => l.startsWith('公示栏打印版')) ?? []),
    ],
    note: phase.final
      ? '这是最终评定。如有更正，可再次发送本指令重新公示。'
      : `年度尚未结束，本次为暂定公示，只显示按目前积分可达到的星级，不是年度评定结果；年度结束后或组织办发送「/公示 定级 ${year}」后为最终评定。`,
  };
}

/** The answer to "finalise the year's rating?": records the StarYear and publishes the final boards. */
export const finalizeStarsHandler: PendingHandler = {
  kind: FINALIZE_STARS,
  async confirm(ctx, payload) {
    const { year } = finalizePayloadSchema.parse(payload);
    const now = ctx.clock.now();
    await ctx.db.$transaction(async (tx) => {
      await tx.starYear.upsert({ where: { year }, create: { year, finalizedAt: now, finalizedById: ctx.actor!.memberId }, update: {} });
      await writeAudit(tx, {
        actorId: ctx.actor!.memberId,
        action: 'stars.finalized',
        targetType: 'StarYear',
        targetId: String(year),
        platform: ctx.event.platform,
        detail: { year },
      });
    });
    return publishStars(ctx, year);
  },
  async cancel(_ctx, payload) {
    const { year } = finalizePayloadSchema.parse(payload);
    return { kind: 'stars_finalize_cancelled', title: '已取消', tone: 'info', lines: [`${year}年度星级仍为暂定，没有定级。`] };
  },
};
