import { defineCommand } from '../../../engine/commands/defineCommand.ts';
import { actorHasRole, contextOrgId } from '../../../engine/commands/checkPermission.ts';
import { UserError } from '../../../core/errors/UserError.ts';
import { orgDescendants } from '../../../engine/identity/orgAncestors.ts';
import { memberYearTotals, type MemberTotal } from '../memberTotals.ts';
import { currentYear } from '../pointScope.ts';
import { formatPoints } from '../pointTypes.ts';
import { memberStarLabel, type Stars } from '../starRating.ts';

const USAGE = '/积分榜 [支部名]';
/** Boards longer than this show the top and the bottom only. */
export const BOARD_FULL_MAX = 20;
export const BOARD_TOP = 10;
export const BOARD_BOTTOM = 5;

/** Competition ranking (1, 2, 2, 4) of members already sorted by total, highest first. */
export function rankTotals(totals: MemberTotal[]): { rank: number; total: MemberTotal }[] {
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
    const totals = await memberYearTotals(ctx.db, subtree, year);
    const rated = totals.filter((t) => !t.ratingExempt);
    const exempt = totals.filter((t) => t.ratingExempt);
    const ranked = rankTotals(rated);
    const shown = ranked.length <= BOARD_FULL_MAX ? ranked : [...ranked.slice(0, BOARD_TOP), ...ranked.slice(-BOARD_BOTTOM)];
    const rows = shown.map(({ rank, total }) => [String(rank), total.name, formatPoints(total.total), memberStarLabel(total.stars)]);
    if (ranked.length > BOARD_FULL_MAX) rows.splice(BOARD_TOP, 0, ['…', `（中间 ${ranked.length - BOARD_TOP - BOARD_BOTTOM} 人略）`, '', '']);
    const counts = new Map<Stars, number>();
    for (const t of rated) counts.set(t.stars, (counts.get(t.stars) ?? 0) + 1);
    const distribution = ([3, 2, 1, 0] as Stars[]).map((s) => `${s === 0 ? '无星' : `${'三二一'[3 - s]}星`} ${counts.get(s) ?? 0} 人`).join('，');
    return {
      kind: 'points_board',
      title: `${org.name} · ${year}年积分榜`,
      tone: 'info',
      lines: [
        rated.length === 0 ? '没有参加评星的党员。' : `参评 ${rated.length} 人：${distribution}。${ranked.length > BOARD_FULL_MAX ? `下面是前 ${BOARD_TOP} 名和后 ${BOARD_BOTTOM} 名。` : ''}`,
      ],
      ...(rows.length > 0 ? { table: { columns: ['名次', '姓名', '积分', '星级（按目前积分）'], rows } } : {}),
      ...(exempt.length > 0 ? { note: `免于星级评定（不参与排名）：${exempt.map((e) => `${e.name} ${formatPoints(e.total)} 分`).join('、')}` } : {}),
    };
  },
});
