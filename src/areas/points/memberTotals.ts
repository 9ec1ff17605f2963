import { Prisma } from '../../core/generated/prisma/client.ts';
import type { Db } from '../../core/db/openDatabase.ts';
import type { PointCategory } from '../../core/generated/prisma/enums.ts';
import { starsForScore, type Stars } from './starRating.ts';

export interface MemberTotal {
  memberId: number;
  name: string;
  organizationId: number;
  ratingExempt: boolean;
  total: number;
  /** Stars the total gives today; exempt members keep them out of every rating. */
  stars: Stars;
}

/**
 * Every member of the organisations (members transferred out left out) with their points total of the year,
 * zero when they have none: one grouped query, fit for boards of hundreds of members.
 */
export async function memberYearTotals(db: Db, orgIds: number[], year: number): Promise<MemberTotal[]> {
  if (orgIds.length === 0) return [];
  const rows = await db.$queryRaw<{ id: number; name: string; organizationId: number; ratingExempt: boolean; total: number | string | null }[]>`
    SELECT m.id, m.name, m."organizationId", m."ratingExempt", COALESCE(SUM(p.points), 0)::float8 AS total
    FROM "Member" m
    LEFT JOIN "PointEntry" p ON p."memberId" = m.id AND p.year = ${year}
    WHERE m."organizationId" IN (${Prisma.join(orgIds)}) AND m.status::text NOT IN ('TRANSFERRED_OUT', 'ENDED')
    GROUP BY m.id, m.name, m."organizationId", m."ratingExempt"
    ORDER BY total DESC, m.id ASC`;
  return rows.map((r) => {
    const total = roundPoints(Number(r.total ?? 0));
    return { memberId: Number(r.id), name: r.name, organizationId: Number(r.organizationId), ratingExempt: r.ratingExempt, total, stars: starsForScore(total) };
  });
}

export interface BreakdownLine {
  ruleId: number | null;
  ruleName: string;
  category: PointCategory;
  points: number;
  count: number;
  yearlyCap: number | null;
}

/** One member's points of the year by rule (reversals netted), largest first. */
export async function memberBreakdown(db: Db, memberId: number, year: number): Promise<{ total: number; lines: BreakdownLine[] }> {
  const grouped = await db.pointEntry.groupBy({
    by: ['ruleId'],
    where: { memberId, year },
    _sum: { points: true },
    _count: { _all: true },
  });
  const rules = await db.pointRule.findMany({ where: { id: { in: grouped.map((g) => g.ruleId).filter((id): id is number => id !== null) } } });
  const byId = new Map(rules.map((r) => [r.id, r]));
  const lines: BreakdownLine[] = grouped
    .map((g) => {
      const rule = g.ruleId === null ? undefined : byId.get(g.ruleId);
      const points = roundPoints(g._sum.points ?? 0);
      return {
        ruleId: g.ruleId,
        ruleName: rule?.name ?? '其他',
        category: rule?.category ?? (points < 0 ? 'DEDUCTION' : 'OTHER'),
        points,
        count: g._count._all,
        yearlyCap: rule?.yearlyCap ?? null,
      };
    })
    .filter((l) => l.points !== 0)
    .sort((a, b) => b.points - a.points);
  return { total: roundPoints(lines.reduce((s, l) => s + l.points, 0)), lines };
}

/** 学时 of the year per member, from the attendance of active records. */
export async function memberYearHours(db: Db, memberIds: number[], year: number): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (memberIds.length === 0) return out;
  const rows = await db.$queryRaw<{ memberId: number; hours: number }[]>`
    SELECT a."memberId", COALESCE(SUM(a.hours), 0)::float8 AS hours
    FROM "ActivityAttendee" a JOIN "Activity" act ON act.id = a."activityId"
    WHERE a."memberId" IN (${Prisma.join(memberIds)}) AND a.present AND act.year = ${year} AND act.status::text = 'ACTIVE'
    GROUP BY a."memberId"`;
  for (const r of rows) out.set(Number(r.memberId), roundPoints(Number(r.hours)));
  return out;
}

export function roundPoints(n: number): number {
  return Math.round(n * 100) / 100;
}
