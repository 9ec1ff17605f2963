import { defineCommand } from '../../../engine/commands/defineCommand.ts';
import { actorHasRole, contextOrgId } from '../../../engine/commands/checkPermission.ts';
import { UserError } from '../../../core/errors/UserError.ts';
import { orgDescendants } from '../../../engine/identity/orgAncestors.ts';
import { currentYear } from '../pointScope.ts';
import { formatPoints } from '../pointTypes.ts';
import { starDistribution } from '../starRating.ts';
import { phaseLabel, provisionalNote, unratedText } from '../ratingPhase.ts';
import { rateYear, standingLabel, takesPart } from '../yearRating.ts';

const USAGE = '/积分榜 [支部名]';
/** Boards longer than this show the top and the bottom only. */
export const BOARD_FULL_MAX = 20;
export const BOARD_TOP = 10;
export const BOARD_BOTTOM = 5;

/** Competition ranking (1, 2, 2, 4) of members by total, highest first. */
export function rankTotals<T extends { memberId: number; total: number }>(totals: T[]): { rank: number; total: T }[] {
  const sorted = [...totals].sort((a, b) => b.total - a.total || a.memberId - b.memberId);
  let rank = 0;
  return sorted.map((total, i) => {
    if (i === 0 || total.total !== sorted[i - 1]!.total) rank = i + 1;
    return { rank, total };
  });
}

export const pointsBoardCommand = defineCommand({
  name: '积分榜',
  aliases: ['积分排名'],
  keywords: ['积分榜', '排名', '排行', '第几名', '谁最高', '榜单'],
  ask: '查看积分排名',
  summary: '支部党员积分排名（前几名和后几名，免评党员单列）',
  usage: USAGE,
  examples: ['/积分榜', '/积分榜 东湾村党支部'],
  roles: 'member',
  args: [{ name: '支部名', type: 'rest', optional: true, maxLength: 60 }] as const,
  async run(ctx, args) {
    const wanted = args['支部名']?.trim();
    let org;
    if (wanted) {
      org =
        (await ctx.db.organization.findUnique({ where: { name: wanted } })) ??
        (await ctx.db.organization.findFirst({ where: { OR: [{ shortName: wanted }, { name: { contains: wanted } }] }, orderBy: { id: 'asc' } }));
      if (!org) throw new UserError(`没有找到支部「${wanted}」，请写全称，例如「东湾村党支部」。`, USAGE);
    } else {
      const id = contextOrgId(ctx);
      org = id === null ? null : await ctx.db.organization.findUnique({ where: { id } });
      if (!org) throw new UserError('请写上支部名，或在支部群里发送。', USAGE);
    }
    const subtree = await orgDescendants(ctx.db, org.id);
    const own = subtree.includes(ctx.actor!.organizationId);
    if (!own && !(await actorHasRole(ctx, ['SECRETARY', 'ORG_COMMITTEE', 'ADMIN', 'LEADING_GROUP', 'ASSESSOR'], org.id))) {
      throw new UserError(`你不是「${org.name}」的党员，只有该支部的书记、组织委员或组织办、领导小组可以查看它的积分榜。`);
    }
    const year = currentYear(ctx);
    const rating = await rateYear(ctx.db, year, ctx.clock.now(), ctx.config.TZ_NAME, subtree);
    const { phase, rules } = rating;
    const withTotal = rating.members.map((m) => ({ ...m, total: m.score }));
    const rated = withTotal.filter((m) => takesPart(m, phase));
    const apart = withTotal.filter((m) => !takesPart(m, phase));
    const ranked = rankTotals(rated);
    const shown = ranked.length <= BOARD_FULL_MAX ? ranked : [...ranked.slice(0, BOARD_TOP), ...ranked.slice(-BOARD_BOTTOM)];
    const rows = shown.map(({ rank, total }) => [String(rank), total.name, formatPoints(total.total), standingLabel(total, phase, rules)]);
    if (ranked.length > BOARD_FULL_MAX) rows.splice(BOARD_TOP, 0, ['…', `（中间 ${ranked.length - BOARD_TOP - BOARD_BOTTOM} 人略）`, '', '']);
    const distribution = starDistribution(
      rated.map((t) => t.stars),
      phase.final,
      '，',
    ).replace(/(\d+)(?=，|$)/gu, '$1 人');
    const notes = [
      apart.length > 0
        ? `不参与排名：${apart.map((e) => `${e.name} ${formatPoints(e.total)} 分，${unratedText(e.unrated!, e, year, rules)}`).join('；')}。`
        : '',
      phase.final ? '' : provisionalNote(phase),
    ].filter(Boolean);
    return {
      kind: 'points_board',
      title: `${org.name} · ${year}年积分榜（${phaseLabel(phase)}）`,
      tone: 'info',
      lines: [
        rated.length === 0
          ? '没有参加评星的党员。'
          : `参评 ${rated.length} 人${phase.final ? '' : '，按目前积分'}：${distribution}。${ranked.length > BOARD_FULL_MAX ? `下面是前 ${BOARD_TOP} 名和后 ${BOARD_BOTTOM} 名。` : ''}`,
      ],
      ...(rows.length > 0 ? { table: { columns: ['名次', '姓名', '积分', phase.final ? '星级' : '按目前积分可达'], rows } } : {}),
      ...(notes.length > 0 ? { note: notes.join('\n') } : {}),
    };
  },
});
