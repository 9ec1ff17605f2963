import { defineCommand } from '../../../engine/commands/defineCommand.ts';
import type { CommandDefinition } from '../../../engine/commands/types.ts';
import { UserError } from '../../../core/errors/UserError.ts';
import { toHalfWidth } from '../../../core/text/toHalfWidth.ts';
import { tokenize } from '../../../core/text/tokenize.ts';
import { askPending } from '../../../engine/pending/pendingStore.ts';
import { REPEAT_WINDOW_MINUTES, repeatWindowStart } from '../../../engine/pending/repeatWindow.ts';
import { applyAdjustment } from '../applyAdjustment.ts';
import { REPEAT_ADJUSTMENT } from '../repeatAdjustmentHandler.ts';
import { currentYear, orgsUnderRoles } from '../pointScope.ts';
import { resolveTargetMember } from '../resolveTargetMember.ts';
import { formatPoints, SOURCE_MANUAL } from '../pointTypes.ts';

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
      const request = { memberId: member.id, organizationId: member.organizationId, memberName: member.name, year, points, reason };
      // The same points for the same member and reason from the same person a moment ago: a double send? Ask first
      // (a retried job of this very message finds its own entry and answers the receipt again).
      const own = await ctx.db.pointEntry.findUnique({ where: { idempotencyKey: `${ctx.eventKey}:manual` } });
      if (!own) {
        const now = ctx.clock.now();
        const earlier = await ctx.db.pointEntry.findFirst({
          where: {
            memberId: member.id,
            createdById: ctx.actor!.memberId,
            sourceType: SOURCE_MANUAL,
            points,
            reason,
            createdAt: { gte: repeatWindowStart(now), lte: now },
          },
          orderBy: { createdAt: 'desc' },
        });
        if (earlier) {
          await askPending(ctx.db, { platform: ctx.event.platform, chatId: ctx.event.chatId, memberId: ctx.actor!.memberId }, REPEAT_ADJUSTMENT, request, now);
          const minutes = Math.max(1, Math.round((now.getTime() - earlier.createdAt.getTime()) / 60_000));
          return {
            kind: 'points_repeat_question',
            title: `要再${word}一次吗？`,
            tone: 'warning',
            lines: [
              `${minutes} 分钟前你已经给${member.name}${word} ${formatPoints(score)} 分，原因相同：「${reason}」。`,
              `如果确实要再${word}一次（共 ${formatPoints(score * 2)} 分），请回复 /确认；如果是重复发送，请回复 /取消。`,
            ],
            note: `${REPEAT_WINDOW_MINUTES} 分钟内同一人发出的相同${word}会先确认，30 分钟内有效。`,
          };
        }
      }
      return applyAdjustment(ctx, request);
    },
  });
}

export const addPointsCommand = adjustCommand('add');
export const deductPointsCommand = adjustCommand('deduct');
