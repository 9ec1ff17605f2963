import { Prisma } from '../../core/generated/prisma/client.ts';
import type { Db } from '../../core/db/openDatabase.ts';
import type { OrgDomain, PointCategory } from '../../core/generated/prisma/enums.ts';
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

/** One member's points of the year by rule (reversals netted), largest first; the rules come in the same statement. */
export async function memberBreakdown(db: Db, memberId: number, year: number): Promise<{ total: number; lines: BreakdownLine[] }> {
  const grouped = await db.$queryRaw<
    { ruleId: number | null; points: number; count: number; name: string | null; category: PointCategory | null; yearlyCap: number | null }[]
  >`
    SELECT p."ruleId", SUM(p.points)::float8 AS points, COUNT(*)::int AS count, r.name, r.category::text AS category, r."yearlyCap"
    FROM "PointEntry" p LEFT JOIN "PointRule" r ON r.id = p."ruleId"
    WHERE p."memberId" = ${memberId} AND p.year = ${year}
    GROUP BY p."ruleId", r.id
    ORDER BY p."ruleId" NULLS LAST`;
  const lines: BreakdownLine[] = grouped
    .map((g) => {
      const points = roundPoints(Number(g.points));
      return {
        ruleId: g.ruleId === null ? null : Number(g.ruleId),
        ruleName: g.name ?? '其他',
        category: g.category ?? (points < 0 ? 'DEDUCTION' : 'OTHER'),
        points,
        count: Number(g.count),
        yearlyCap: g.yearlyCap ?? null,
      };
    })
    .filter((l) => l.points !== 0)
    .sort((a, b) => b.points - a.points);
  return { total: roundPoints(lines.reduce((s, l) => s + l.points, 0)), lines };
}

export interface MemberYearCard {
  name: string;
  organizationId: number;
  domain: OrgDomain;
  isCadre: boolean;
  ratingExempt: boolean;
  exemptYear: number | null;
  /** The organisation's realm (realmDb): raw SQL does not filter it, so the caller checks. */
  demo: boolean;
  /** 学时 of the year, from the attendance of active records. */
  hours: number;
}

/** The member as /积分 heads them, with their organisation's domain and their 学时 of the year, in one statement. */
export async function memberYearCard(db: Db, memberId: number, year: number): Promise<MemberYearCard | null> {
  const [row] = await db.$queryRaw<(Omit<MemberYearCard, 'hours'> & { hours: number | string })[]>`
    SELECT m.name, m."organizationId", o.domain::text AS domain, m."isCadre", m."ratingExempt", m."exemptYear", o.demo,
           COALESCE((SELECT SUM(a.hours) ${attendedInYear(year)} AND a."memberId" = m.id), 0)::float8 AS hours
    FROM "Member" m JOIN "Organization" o ON o.id = m."organizationId"
    WHERE m.id = ${memberId}`;
  return row ? { ...row, organizationId: Number(row.organizationId), hours: roundPoints(Number(row.hours)) } : null;
}

/** Attendance that gives 学时 in `year`: present, at an active record of that year (a is the attendee row). */
function attendedInYear(year: number): Prisma.Sql {
  return Prisma.sql`FROM "ActivityAttendee" a JOIN "Activity" act ON act.id = a."activityId"
    WHERE a.present AND act.year = ${year} AND act.status::text = 'ACTIVE'`;
}

/** 学时 of the year per member, from the attendance of active records. */
export async function memberYearHours(db: Db, memberIds: number[], year: number): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (memberIds.length === 0) return out;
  const rows = await db.$queryRaw<{ memberId: number; hours: number }[]>`
    SELECT a."memberId", COALESCE(SUM(a.hours), 0)::float8 AS hours
    ${attendedInYear(year)} AND a."memberId" IN (${Prisma.join(memberIds)})
    GROUP BY a."memberId"`;
  for (const r of rows) out.set(Number(r.memberId), roundPoints(Number(r.hours)));
  return out;
}

export function roundPoints(n: number): number {
  return Math.round(n * 100) / 100;
}
