import { defineCommand } from '../../../engine/commands/defineCommand.ts';
import type { CommandDefinition } from '../../../engine/commands/types.ts';
import { UserError } from '../../../core/errors/UserError.ts';
import { toHalfWidth, tokenize } from '../../../engine/commands/parseArgs.ts';
import { adjustPoints } from '../adjustPoints.ts';
import { memberYearTotals } from '../memberTotals.ts';
import { currentYear, orgsUnderRoles } from '../pointScope.ts';
import { resolveTargetMember } from '../resolveTargetMember.ts';
import { formatPoints } from '../pointTypes.ts';
import { memberStarLabel } from '../starRating.ts';

/** The largest single bonus or deduction a secretary may give in one go. */
export const MAX_ADJUSTMENT = 20;
export const MAX_REASON = 100;

function adjustCommand(direction: 'add' | 'deduct'): CommandDefinition {
  const word = direction === 'add' ? '加分' : '扣分';
  const usage = `/${word} @某人 <分数> <原因>`;
  return defineCommand({
    name: word,
    keywords: direction === 'add' ? ['加分', '加几分', '奖励积分'] : ['扣分', '扣几分', '扣积分'],
    ask: direction === 'add' ? '给党员加分' : '给党员扣分',
    summary: direction === 'add' ? '给本支部党员加分，原因必填（书记）' : '给本支部党员扣分，原因必填（书记）',
    usage,
    examples: direction === 'add' ? ['/加分 @赵大勇 3 志愿服务：参加防汛值守'] : ['/扣分 @赵大勇 5 无故缺席11月主题党日'],
    help: `分数为正数，每次最多 ${MAX_ADJUSTMENT} 分，可有一位小数。原因里写到积分规则的名称（如志愿服务、无故缺席）时按该规则计，并受全年上限约束。`,
    roles: ['SECRETARY'],
    args: [{ name: '内容', type: 'rest', optional: true }] as const,
    async run(ctx) {
      const scope = await orgsUnderRoles(ctx, ['SECRETARY']);
      const { member, rest } = await resolveTargetMember(ctx, scope, usage);
      if (!member) throw new UserError(`请@要${word}的党员。`, usage);
      const [scoreText, ...reasonTokens] = tokenize(rest);
      if (!scoreText) throw new UserError('缺少「分数」。', usage);
      const score = Number(toHalfWidth(scoreText).replace(/分$/u, ''));
      if (!/^\d+(\.\d)?分?$/.test(toHalfWidth(scoreText)) || !Number.isFinite(score) || score <= 0) {
        throw new UserError(`「分数」应是正数（最多一位小数），收到的是「${scoreText}」。`, usage);
      }
      if (score > MAX_ADJUSTMENT) throw new UserError(`「分数」一次最多 ${MAX_ADJUSTMENT} 分，收到的是 ${formatPoints(score)} 分。`, usage);
      const reason = reasonTokens.join(' ').trim();
      if (!reason) throw new UserError(`缺少「原因」，${word}必须写明原因。`, usage);
      if (reason.length > MAX_REASON) throw new UserError(`「原因」太长了（最多 ${MAX_REASON} 字）。`, usage);
      const year = currentYear(ctx);
      const points = direction === 'add' ? score : -score;
      const result = await adjustPoints(
        ctx.db,
        { memberId: member.id, organizationId: member.organizationId, year, points, reason, actorId: ctx.actor!.memberId, platform: ctx.event.platform, at: ctx.clock.now() },
        ctx.eventKey,
      );
      const [total] = (await memberYearTotals(ctx.db, [member.organizationId], year)).filter((t) => t.memberId === member.id);
      const totalText = total ? `${member.name} ${year}年累计 ${formatPoints(total.total)} 分${member.ratingExempt ? '（免于星级评定）' : `，目前为${memberStarLabel(total.stars)}`}。` : '';
      return {
        kind: direction === 'add' ? 'points_added' : 'points_deducted',
        title: `已${word}`,
        tone: 'success',
        lines: [`${member.name} ${direction === 'add' ? '+' : '−'}${formatPoints(score)} 分（${result.ruleName ?? word}）`, `原因：${reason}`, totalText].filter(Boolean),
        note: `操作人：${ctx.actor!.name}，已记入操作日志。`,
      };
    },
  });
}

export const addPointsCommand = adjustCommand('add');
export const deductPointsCommand = adjustCommand('deduct');
