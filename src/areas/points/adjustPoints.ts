import type { Db } from '../../core/db/openDatabase.ts';
import type { Platform } from '../../core/generated/prisma/enums.ts';
import { UserError } from '../../core/errors/UserError.ts';
import { writeAudit } from '../../core/audit/writeAudit.ts';
import { formatPoints, SOURCE_MANUAL } from './pointTypes.ts';

export interface Adjustment {
  memberId: number;
  organizationId: number;
  year: number;
  /** Signed: negative for /扣分. */
  points: number;
  reason: string;
  actorId: number;
  platform: Platform;
  /** When it is made (the service clock): the day of the entry in 积分明细. */
  at?: Date;
}

export interface AdjustResult {
  entryId: number;
  ruleName: string | null;
  repeated: boolean;
}

/**
 * A manual bonus or deduction by a secretary. The reason picks a rule of the catalogue when it starts with or
 * contains the rule's name (志愿服务, 无故缺席 …), whose yearly cap applies; otherwise 其他加分 / 其他扣分.
 * One entry, keyed on the chat event, and an audit line with who, when and why, in one transaction.
 */
export async function adjustPoints(db: Db, input: Adjustment, eventKey: string): Promise<AdjustResult> {
  const idempotencyKey = `${eventKey}:manual`;
  const earlier = await db.pointEntry.findUnique({ where: { idempotencyKey }, include: { rule: true } });
  if (earlier) return { entryId: earlier.id, ruleName: earlier.rule?.name ?? null, repeated: true };
  const deduction = input.points < 0;
  const rules = await db.pointRule.findMany({ where: { active: true, activityType: null } });
  const candidates = rules
    .filter((r) => (deduction ? r.category === 'DEDUCTION' : r.category !== 'DEDUCTION') && !r.code.startsWith('MANUAL_'))
    .filter((r) => input.reason.includes(r.name))
    .sort((a, b) => b.name.length - a.name.length);
  const rule = candidates[0] ?? rules.find((r) => r.code === (deduction ? 'MANUAL_DEDUCTION' : 'MANUAL_BONUS')) ?? null;
  return db.$transaction(async (tx) => {
    if (rule?.yearlyCap != null && !deduction) {
      const sum = await tx.pointEntry.aggregate({ where: { memberId: input.memberId, year: input.year, ruleId: rule.id }, _sum: { points: true } });
      const so = sum._sum.points ?? 0;
      if (so + input.points > rule.yearlyCap) {
        const room = Math.max(0, rule.yearlyCap - so);
        throw new UserError(
          `「${rule.name}」全年最多 ${formatPoints(rule.yearlyCap)} 分，这位党员今年已得 ${formatPoints(so)} 分，` +
            (room > 0 ? `最多还能加 ${formatPoints(room)} 分。` : '已经到上限，不能再加。'),
        );
      }
    }
    const entry = await tx.pointEntry.create({
      data: {
        memberId: input.memberId,
        organizationId: input.organizationId,
        year: input.year,
        ruleId: rule?.id ?? null,
        points: input.points,
        reason: input.reason,
        sourceType: SOURCE_MANUAL,
        idempotencyKey,
        createdById: input.actorId,
        ...(input.at ? { createdAt: input.at } : {}),
      },
    });
    await writeAudit(tx, {
      actorId: input.actorId,
      action: deduction ? 'points.deducted' : 'points.added',
      targetType: 'Member',
      targetId: input.memberId,
      platform: input.platform,
      detail: { entryId: entry.id, points: input.points, reason: input.reason, rule: rule?.code ?? null, year: input.year, eventKey },
      ...(input.at ? { at: input.at } : {}),
    });
    return { entryId: entry.id, ruleName: rule?.name ?? null, repeated: false };
  });
}
