import { DateTime } from 'luxon';
import { defineCommand } from '../../../engine/commands/defineCommand.ts';
import { memberBreakdown } from '../memberTotals.ts';
import { currentYear } from '../pointScope.ts';
import { formatPoints } from '../pointTypes.ts';
import { memberStarLabel, pointsToNextStar, starsForScore, STAR_THRESHOLDS } from '../starRating.ts';

export const starCommand = defineCommand({
  name: '星级',
  keywords: ['星级', '我的星级', '几星', '几颗星', '不合格', '合格'],
  ask: '查看自己的星级',
  summary: '我目前的星级，以及离下一星还差多少分',
  usage: '/星级',
  roles: 'member',
  args: [] as const,
  async run(ctx) {
    const year = currentYear(ctx);
    const member = await ctx.db.member.findUniqueOrThrow({ where: { id: ctx.actor!.memberId } });
    const { total } = await memberBreakdown(ctx.db, member.id, year);
    const rule = `评定标准：${STAR_THRESHOLDS.map((t) => `${t.min} 分及以上${memberStarLabel(t.stars)}`).join('，')}，60 分以下为无星（不合格党员）。`;
    if (member.ratingExempt) {
      return {
        kind: 'points_stars',
        title: `${member.name} · ${year}年星级`,
        tone: 'info',
        lines: [`你今年的积分为 ${formatPoints(total)} 分。`, `你已按规定申请免于星级评定${member.exemptReason ? `（${member.exemptReason}）` : ''}，今年不参加评星。`],
      };
    }
    const stars = starsForScore(total);
    const next = pointsToNextStar(total);
    const now = DateTime.fromJSDate(ctx.clock.now(), { zone: ctx.config.TZ_NAME });
    const elapsed = now.diff(now.startOf('year'), 'days').days;
    const yearDays = now.endOf('year').diff(now.startOf('year'), 'days').days;
    const projected = elapsed >= 30 ? Math.round((total / elapsed) * yearDays) : null;
    return {
      kind: 'points_stars',
      title: `${member.name} · ${year}年星级`,
      tone: stars === 0 ? 'warning' : 'success',
      fields: [
        { label: '目前积分', value: `${formatPoints(total)} 分` },
        { label: '按目前积分', value: memberStarLabel(stars) },
        { label: '下一星', value: next ? `还差 ${formatPoints(next.needed)} 分可达${memberStarLabel(next.stars)}` : '已是最高星级' },
        ...(projected !== null ? [{ label: '全年预计', value: `照目前进度，年底约 ${projected} 分，对应${memberStarLabel(starsForScore(projected))}` }] : []),
      ],
      note: `${rule}星级每年评定一次。`,
    };
  },
});
