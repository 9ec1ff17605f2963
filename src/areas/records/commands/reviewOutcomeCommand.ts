import { defineCommand } from '../../../engine/commands/defineCommand.ts';
import { UserError } from '../../../core/errors/UserError.ts';
import { instantToIso } from '../../../core/time/calendarDay.ts';
import { toHalfWidth } from '../../../core/text/toHalfWidth.ts';
import { CURRENT_MEMBER } from '../../../engine/identity/memberStatus.ts';
import { closestNames, describeUnknown, namesFromChunks, normaliseName, splitNameChunks } from '../../../engine/identity/nameMatching.ts';
import { REVIEW_OUTCOMES, REVIEW_USAGE, saveReviewOutcomes, splitReviewText, type ReviewOutcomeName } from '../reviewOutcomes.ts';

export const reviewOutcomeCommand = defineCommand({
  name: '评议结果',
  aliases: ['民主评议结果'],
  keywords: ['评议结果', '民主评议结果', '评议等次'],
  ask: '登记民主评议党员的结果',
  summary: '登记今年民主评议党员每人的结果（优秀、合格、基本合格、不合格）',
  usage: REVIEW_USAGE,
  examples: ['/评议结果 优秀 赵大勇、陈秀英；基本合格 王小燕', '/评议结果 合格 赵大勇'],
  help: '先登记今年的民主评议党员会议记录，再发送结果。可以分几次发；同一人再发一次即改为新的结果，改动留有记录。结果写进台账和 /党员 信息。',
  roles: ['SECRETARY', 'ORG_COMMITTEE', 'ADMIN'],
  where: ['BRANCH'],
  args: [{ name: '结果', type: 'rest', optional: true, maxLength: 2000 }] as const,
  async run(ctx, args) {
    const orgId = ctx.group!.organizationId!;
    const year = Number(instantToIso(ctx.clock.now(), ctx.config.TZ_NAME).slice(0, 4));
    const text = toHalfWidth(args['结果'] ?? '').trim();
    if (!text) throw new UserError(`请写评议结果，每个等次后面写姓名，等次之间用分号隔开。等次是：${REVIEW_OUTCOMES.join('、')}。`, REVIEW_USAGE);
    const parts = splitReviewText(text);
    if ('bad' in parts) throw new UserError(`「${parts.bad}」没有写等次。每段要以 ${REVIEW_OUTCOMES.join('、')} 之一开头，再写姓名。`, REVIEW_USAGE);
    const review = await ctx.db.activity.findFirst({ where: { organizationId: orgId, year, type: 'DEMOCRATIC_REVIEW', status: 'ACTIVE' } });
    if (!review) throw new UserError(`本支部${year}年还没有民主评议党员的会议记录。请先发送 /会议记录（类型：民主评议党员）登记，再登记结果。`, REVIEW_USAGE);

    const roster = await ctx.db.member.findMany({ where: { organizationId: orgId, ...CURRENT_MEMBER }, select: { id: true, name: true } });
    const byName = new Map<string, { id: number; name: string }[]>();
    for (const m of roster) byName.set(normaliseName(m.name), [...(byName.get(normaliseName(m.name)) ?? []), m]);
    const entries: { memberId: number; name: string; outcome: ReviewOutcomeName }[] = [];
    const unknown: string[] = [];
    const twice: string[] = [];
    for (const part of parts) {
      const names = namesFromChunks(
        splitNameChunks(part.names).map((words) => words.join(' ')),
        new Set(roster.map((m) => normaliseName(m.name))),
      );
      if (names.length === 0) throw new UserError(`「${part.outcome}」后面没有写姓名。`, REVIEW_USAGE);
      for (const name of names) {
        const found = byName.get(name);
        if (!found) unknown.push(name);
        else if (found.length > 1) throw new UserError(`本支部有 ${found.length} 位「${name}」，请联系组织办核对名册后再登记。`, REVIEW_USAGE);
        else if (entries.some((e) => e.memberId === found[0]!.id)) twice.push(found[0]!.name);
        else entries.push({ memberId: found[0]!.id, name: found[0]!.name, outcome: part.outcome });
      }
    }
    // All or nothing: one wrong name and the whole message is refused, so nobody is half-entered.
    if (unknown.length) {
      const suggestions = new Map(
        unknown.map((n) => [
          n,
          closestNames(
            n,
            roster.map((m) => m.name),
          ),
        ]),
      );
      throw new UserError(`本支部党员中没有${describeUnknown(unknown, suggestions)}，请改正后整条重新发送（这次什么都没有登记）。`, REVIEW_USAGE);
    }
    if (twice.length) throw new UserError(`${[...new Set(twice)].join('、')} 写在了不止一个等次里，每人只能有一个结果。这次什么都没有登记。`, REVIEW_USAGE);

    const { changes, unchanged } = await saveReviewOutcomes(ctx.db, {
      organizationId: orgId,
      year,
      entries,
      actorId: ctx.actor!.memberId,
      platform: ctx.event.platform,
    });
    const all = await ctx.db.reviewOutcome.groupBy({ by: ['outcome'], where: { organizationId: orgId, year }, _count: { _all: true } });
    const tally = REVIEW_OUTCOMES.map((o) => `${o} ${all.find((a) => a.outcome === o)?._count._all ?? 0} 人`).join('，');
    const entered = await ctx.db.reviewOutcome.count({ where: { organizationId: orgId, year, memberId: { in: roster.map((m) => m.id) } } });
    if (changes.length === 0)
      return {
        kind: 'review_outcomes',
        title: '无需重复登记',
        tone: 'info',
        lines: [`这 ${unchanged} 人的${year}年评议结果已经是这样登记的。`, `本支部已登记：${tally}。`],
      };
    return {
      kind: 'review_outcomes',
      title: `已登记${year}年民主评议结果`,
      tone: 'success',
      lines: [
        ...changes.map((c) => (c.from ? `${c.name}：${c.from} → ${c.to}（已更改）` : `${c.name}：${c.to}`)),
        ...(unchanged ? [`另有 ${unchanged} 人与已登记的相同，未变。`] : []),
        `本支部已登记：${tally}；还有 ${roster.length - entered} 人未登记。`,
      ],
      note: '结果写入台账和 /党员 信息；登记错了可以再发一次改正，改动留有记录。',
    };
  },
});
