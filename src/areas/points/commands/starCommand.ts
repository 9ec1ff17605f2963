import { DateTime } from 'luxon';
import { defineCommand } from '../../../engine/commands/defineCommand.ts';
import { UserError } from '../../../core/errors/UserError.ts';
import { toHalfWidth } from '../../../core/text/toHalfWidth.ts';
import { currentYear } from '../pointScope.ts';
import { formatPoints } from '../pointTypes.ts';
import { memberStarLabel, pointsToNextStar, provisionalMemberStarLabel, starsForScore, STAR_THRESHOLDS } from '../starRating.ts';
import { chineseDay, phaseLabel, unratedText } from '../ratingPhase.ts';
import { rateMembers, takesPart } from '../yearRating.ts';

const USAGE = '/星级 [年份]';

export const starCommand = defineCommand({
  name: '星级',
  keywords: ['星级', '我的星级', '几星', '几颗星', '不合格', '合格'],
  ask: '查看自己的星级',
  summary: '我目前的星级（年度未定级时为暂定），以及离下一星还差多少分',
  usage: USAGE,
  examples: ['/星级', '/星级 2025'],
  roles: 'member',
  args: [{ name: '年份', type: 'string', optional: true }] as const,
  help: '年度结束前显示的是暂定星级：按目前积分可以达到的星级。年度结束后（或组织办定级后）显示最终评定。组织办定级请发送「/公示 定级 <年份>」。',
  async run(ctx, args) {
    const thisYear = currentYear(ctx);
    const yearText = args['年份'] ? toHalfWidth(args['年份']).replace(/年(度)?$/u, '') : String(thisYear);
    if (yearText === '定级') throw new UserError('年度定级由组织办发送「/公示 定级 <年份>」完成。', '/公示 定级 2026');
    const year = Number(yearText);
    if (!/^\d{4}$/.test(yearText) || year > thisYear || year < thisYear - 5)
      throw new UserError(`「年份」应是 ${thisYear - 5}–${thisYear} 之间的四位数字，收到的是「${args['年份']}」。`, USAGE);
    const now = ctx.clock.now();
    const [member, rating] = await Promise.all([
      ctx.db.member.findUniqueOrThrow({ where: { id: ctx.actor!.memberId } }),
      rateMembers(ctx.db, year, now, ctx.config.TZ_NAME, { memberIds: [ctx.actor!.memberId] }),
    ]);
    const { phase, rules } = rating;
    const me = rating.members.find((m) => m.memberId === member.id);
    const total = me?.score ?? 0;
    const title = `${member.name} · ${year}年星级（${phaseLabel(phase)}）`;
    const rule = `评定标准：${STAR_THRESHOLDS.map((t) => `${t.min} 分及以上${memberStarLabel(t.stars)}`).join('，')}。星级每年评定一次，年度结束后（或组织办定级后）为最终评定。`;
    if (!me || !takesPart(me, phase)) {
      const why = me ? unratedText(me.unrated!, me, year, rules) : '未评定';
      return {
        kind: 'points_stars',
        title,
        tone: 'info',
        lines: [`你${year}年的积分为 ${formatPoints(total)} 分。`, `${why}，${year}年不参加评星。`],
      };
    }
    if (phase.final) {
      return {
        kind: 'points_stars',
        title,
        tone: me.stars === 0 ? 'warning' : 'success',
        fields: [
          { label: '全年积分', value: `${formatPoints(total)} 分` },
          { label: '评定结果', value: memberStarLabel(me.stars) },
          ...(phase.finalizedAt
            ? [{ label: '定级日期', value: chineseDay(DateTime.fromJSDate(phase.finalizedAt, { zone: ctx.config.TZ_NAME }).toISODate()!) }]
            : []),
        ],
        note: rule,
      };
    }
    const next = pointsToNextStar(total);
    const local = DateTime.fromJSDate(now, { zone: ctx.config.TZ_NAME });
    const elapsed = local.diff(local.startOf('year'), 'days').days;
    const yearDays = local.endOf('year').diff(local.startOf('year'), 'days').days;
    const projected = year === thisYear && elapsed >= 30 ? Math.round((total / elapsed) * yearDays) : null;
    return {
      kind: 'points_stars',
      title,
      tone: 'info',
      fields: [
        { label: '目前积分', value: `${formatPoints(total)} 分` },
        { label: '按目前积分可达', value: provisionalMemberStarLabel(me.stars) },
        { label: '下一星', value: next ? `还差 ${formatPoints(next.needed)} 分可达${memberStarLabel(next.stars)}` : '已达到最高星级' },
        ...(projected !== null
          ? [{ label: '全年预计', value: `照目前进度，年底约 ${projected} 分，可达${provisionalMemberStarLabel(starsForScore(projected))}` }]
          : []),
      ],
      note: `这是暂定星级（截至${chineseDay(phase.asOf)}），不是年度评定结果。${rule}`,
    };
  },
});
