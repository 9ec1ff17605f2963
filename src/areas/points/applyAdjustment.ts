import type { CommandContext } from '../../engine/commands/types.ts';
import type { MessageView } from '../../../cards/MessageView.ts';
import { adjustPoints } from './adjustPoints.ts';
import { formatPoints } from './pointTypes.ts';
import { memberStarLabel, provisionalMemberStarLabel } from './starRating.ts';
import { unratedText } from './ratingPhase.ts';
import { rateMembers, takesPart } from './yearRating.ts';

export interface AdjustmentRequest {
  memberId: number;
  organizationId: number;
  memberName: string;
  year: number;
  /** Signed: negative for /扣分. */
  points: number;
  reason: string;
}

/** Applies a /加分 or /扣分 (keyed on this chat event) and answers with the receipt: total and 暂定 star. */
export async function applyAdjustment(ctx: CommandContext, req: AdjustmentRequest): Promise<MessageView> {
  const word = req.points > 0 ? '加分' : '扣分';
  const result = await adjustPoints(
    ctx.db,
    {
      memberId: req.memberId,
      organizationId: req.organizationId,
      year: req.year,
      points: req.points,
      reason: req.reason,
      actorId: ctx.actor!.memberId,
      platform: ctx.event.platform,
      at: ctx.clock.now(),
    },
    ctx.eventKey,
  );
  const rating = await rateMembers(ctx.db, req.year, ctx.clock.now(), ctx.config.TZ_NAME, { memberIds: [req.memberId] });
  const mine = rating.members.find((t) => t.memberId === req.memberId);
  const totalText = mine
    ? `${req.memberName} ${req.year}年累计 ${formatPoints(mine.score)} 分，` +
      (takesPart(mine, rating.phase)
        ? rating.phase.final
          ? `${req.year}年度评定为${memberStarLabel(mine.stars)}。`
          : `按目前积分可达：${provisionalMemberStarLabel(mine.stars)}（暂定）。`
        : `${unratedText(mine.unrated!, mine, req.year, rating.rules)}。`)
    : '';
  return {
    kind: req.points > 0 ? 'points_added' : 'points_deducted',
    title: `已${word}`,
    tone: 'success',
    lines: [
      `${req.memberName} ${req.points > 0 ? '+' : '−'}${formatPoints(Math.abs(req.points))} 分（${result.ruleName ?? word}）`,
      `原因：${req.reason}`,
      totalText,
    ].filter(Boolean),
    note: `操作人：${ctx.actor!.name}，已记入操作日志。`,
  };
}
