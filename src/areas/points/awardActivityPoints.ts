import type { ActivityType } from '../../core/generated/prisma/enums.ts';
import { SOURCE_ACTIVITY, SOURCE_ACTIVITY_REVERSAL, type Tx } from './pointTypes.ts';

export interface AttendanceAward {
  ruleId: number | null;
  ruleName: string | null;
  /** Points the rule gives per attended activity (0 with no active rule). */
  perMember: number;
  awarded: { memberId: number; points: number }[];
  /** Members who got less than `perMember` (or nothing) because of the rule's yearly cap. */
  capped: number[];
}

/** The active attendance rule of an activity type (the first by code when an admin made several). */
export async function attendanceRule(tx: Tx, type: ActivityType) {
  return tx.pointRule.findFirst({ where: { activityType: type, active: true, category: 'ATTENDANCE' }, orderBy: { code: 'asc' } });
}

/**
 * Attendance points for the members present at an activity, within the rule's yearly cap. Each entry's
 * idempotency key comes from the event, so a retried job adds nothing twice. Call inside the record's transaction.
 */
export async function awardActivityPoints(
  tx: Tx,
  input: {
    activityId: number;
    type: ActivityType;
    year: number;
    organizationId: number;
    memberIds: number[];
    eventKey: string;
    actorId: number | null;
    reason: string;
    /** The service clock's now. */ at?: Date;
  },
): Promise<AttendanceAward> {
  const rule = await attendanceRule(tx, input.type);
  if (!rule || rule.points === 0 || input.memberIds.length === 0) {
    return { ruleId: rule?.id ?? null, ruleName: rule?.name ?? null, perMember: rule?.points ?? 0, awarded: [], capped: [] };
  }
  const sums = new Map<number, number>();
  if (rule.yearlyCap !== null) {
    const grouped = await tx.pointEntry.groupBy({
      by: ['memberId'],
      where: { ruleId: rule.id, year: input.year, memberId: { in: input.memberIds } },
      _sum: { points: true },
    });
    for (const g of grouped) sums.set(g.memberId, g._sum.points ?? 0);
  }
  const awarded: AttendanceAward['awarded'] = [];
  const capped: number[] = [];
  for (const memberId of input.memberIds) {
    let points = rule.points;
    if (rule.yearlyCap !== null) {
      const room = Math.max(0, rule.yearlyCap - (sums.get(memberId) ?? 0));
      if (room < points) {
        points = room;
        capped.push(memberId);
      }
    }
    if (points > 0) awarded.push({ memberId, points });
  }
  if (awarded.length > 0) {
    await tx.pointEntry.createMany({
      data: awarded.map((a) => ({
        memberId: a.memberId,
        organizationId: input.organizationId,
        year: input.year,
        ruleId: rule.id,
        points: a.points,
        reason: input.reason,
        sourceType: SOURCE_ACTIVITY,
        sourceId: input.activityId,
        idempotencyKey: `${input.eventKey}:attendance:${input.activityId}:${a.memberId}`,
        createdById: input.actorId,
        ...(input.at ? { createdAt: input.at } : {}),
      })),
      skipDuplicates: true,
    });
  }
  return { ruleId: rule.id, ruleName: rule.name, perMember: rule.points, awarded, capped };
}

/** Takes back the points an activity gave (a replaced record): one negative entry per entry, kept for the audit. */
export async function reverseActivityPoints(
  tx: Tx,
  input: { activityId: number; eventKey: string; actorId: number | null; reason: string; at?: Date },
): Promise<number> {
  const entries = await tx.pointEntry.findMany({ where: { sourceType: SOURCE_ACTIVITY, sourceId: input.activityId } });
  if (entries.length === 0) return 0;
  await tx.pointEntry.createMany({
    data: entries.map((e) => ({
      memberId: e.memberId,
      organizationId: e.organizationId,
      year: e.year,
      ruleId: e.ruleId,
      points: -e.points,
      reason: input.reason,
      sourceType: SOURCE_ACTIVITY_REVERSAL,
      sourceId: input.activityId,
      idempotencyKey: `${input.eventKey}:reverse:${e.id}`,
      createdById: input.actorId,
      ...(input.at ? { createdAt: input.at } : {}),
    })),
    skipDuplicates: true,
  });
  return entries.length;
}
