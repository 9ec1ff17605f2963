import { defineCommand } from '../../../engine/commands/defineCommand.ts';
import { actorHasRole } from '../../../engine/commands/checkPermission.ts';
import { UserError } from '../../../core/errors/UserError.ts';
import { tokenize } from '../../../core/text/tokenize.ts';
import { looksLikeYear, readYear } from '../../../core/time/readDay.ts';
import { memberBreakdown, memberYearCard } from '../memberTotals.ts';
import { currentYear, orgsUnderRoles } from '../pointScope.ts';
import { resolveTargetMember } from '../resolveTargetMember.ts';
import { extractMentionTokens } from '../../../engine/identity/resolveNamedMembers.ts';
import { categoryNames, formatPoints } from '../pointTypes.ts';
import { rateMembers, standingLabel } from '../yearRating.ts';
import { isDemoPlatform } from '../../../engine/identity/realmDb.ts';
import { exemptIn, phaseLabel } from '../ratingPhase.ts';
import { trainingFloor } from '../trainingFloor.ts';
import type { PointCategory } from '../../../core/generated/prisma/enums.ts';

const USAGE = '/积分 [@某人] [年份]';
const categoryOrder: PointCategory[] = ['ATTENDANCE', 'VOLUNTEER', 'STUDY', 'OTHER', 'DEDUCTION'];

export const myPointsCommand = defineCommand({
  name: '积分',
  keywords: ['积分', '我的积分', '积分是多少', '多少分', '几分', '分数', '得分', '学时'],
  ask: '查看自己的积分',
  summary: '查看我今年的积分和明细（可加年份）；书记可查看本支部党员的积分',
  usage: USAGE,
  roles: 'member',
  args: [{ name: '党员', type: 'rest', optional: true }] as const,
  async run(ctx) {
    let memberId = ctx.actor!.memberId;
    // A year may be named (/积分 2025), e.g. in January to look back.
    const thisYear = currentYear(ctx);
    const tokens = tokenize(ctx.rest);
    const yearToken = tokens.find(looksLikeYear);
    let year = thisYear;
    if (yearToken) {
      const read = readYear(yearToken, ctx.clock.now(), ctx.config.TZ_NAME);
      if (!read.ok) throw new UserError(`${read.problem}。`, USAGE);
      year = read.year;
    }
    if (year > thisYear || year < thisYear - 5) throw new UserError(`只能查看 ${thisYear - 5}–${thisYear} 年的积分。`, USAGE);
    ctx.rest = yearToken ? tokens.filter((t) => t !== yearToken).join(' ') : ctx.rest;
    if (ctx.rest.trim()) {
      const { names } = extractMentionTokens(ctx.rest);
      if (names.length === 0 && ctx.mentions.length === 0) throw new UserError(`看不懂「${ctx.rest.trim()}」。请@要查看的党员，或只写年份。`, USAGE);
      if (!ctx.actor!.roles.some((r) => r.role === 'SECRETARY' || r.role === 'ADMIN')) {
        throw new UserError('查看别人的积分需要是该党员所在支部的书记或组织办。发送 /积分 查看你自己的积分。');
      }
      const isAdmin = ctx.actor!.roles.some((r) => r.role === 'ADMIN');
      const scope = isAdmin ? (await ctx.db.organization.findMany({ select: { id: true } })).map((o) => o.id) : await orgsUnderRoles(ctx, ['SECRETARY']);
      const { member, rest } = await resolveTargetMember(ctx, scope, USAGE);
      if (!member || rest.trim()) throw new UserError('请@要查看的党员（一次一位），或只写年份。', USAGE);
      if (!(await actorHasRole(ctx, ['SECRETARY', 'ADMIN'], member.organizationId))) {
        throw new UserError(`只有${member.name}所在支部的书记或组织办可以查看其积分。`);
      }
      memberId = member.id;
    }
    // Three statements side by side: the member with their 学时, the points by rule, and the member's rating (the
    // one rateYear gives every board: it depends on nobody else in the branch).
    const [member, { total, lines }, rating] = await Promise.all([
      memberYearCard(ctx.db, memberId, year),
      memberBreakdown(ctx.db, memberId, year),
      rateMembers(ctx.db, year, ctx.clock.now(), ctx.config.TZ_NAME, { memberIds: [memberId] }),
    ]);
    if (!member || member.demo !== isDemoPlatform(ctx.event.platform)) throw new Error(`member ${memberId} is gone or of the other realm`);
    const mine = rating.members.find((m) => m.memberId === memberId);
    const out: string[] = [];
    for (const category of categoryOrder) {
      const inCategory = lines.filter((l) => l.category === category);
      if (inCategory.length === 0) continue;
      const sum = inCategory.reduce((s, l) => s + l.points, 0);
      out.push(`${categoryNames[category]}：${formatPoints(sum)} 分`);
      for (const l of inCategory)
        out.push(`  · ${l.ruleName} ${formatPoints(l.points)} 分${l.yearlyCap !== null ? `（全年上限 ${formatPoints(l.yearlyCap)}）` : ''}`);
    }
    if (out.length === 0) {
      // A past year looked back on is over: no 「会自动计分」 for it.
      out.push(year === thisYear ? '今年还没有积分记录。参加组织生活并由书记登记会议记录后会自动计分。' : `${year}年没有积分记录。`);
    }
    const floor = trainingFloor(member.domain, member.isCadre);
    return {
      kind: 'points_member',
      title: `${member.name} · ${year}年积分`,
      tone: 'info',
      lines: [
        `总分：${formatPoints(total)} 分`,
        // An exemption approved for another year does not count (exemptYear); the rating says it for those it rates.
        (mine ? mine.ratingExempt : exemptIn(member, year))
          ? '星级：免于星级评定'
          : `星级（${phaseLabel(rating.phase)}）：${mine ? standingLabel(mine, rating.phase, rating.rules) : '未评定'}`,
        `学时：${formatPoints(member.hours)} 学时${floor !== null ? ` / 全年至少 ${floor} 学时` : ''}`,
        '明细：',
        ...out,
      ],
      note: '发送 /星级 查看离下一星还差多少分。',
    };
  },
});
