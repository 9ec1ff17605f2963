import type { Db } from '../../core/db/openDatabase.ts';
import type { ActivityType } from '../../core/generated/prisma/enums.ts';
import { STAR_THRESHOLDS, type Stars } from '../points/starRating.ts';

export interface StarBucket {
  organizationId: number;
  exempt: boolean;
  stars: Stars;
  members: number;
  /** Sum of the members' year totals (each rounded to 0.01, as memberYearTotals does). */
  sum: number;
}

/**
 * Members of the organisations by star they reach this year, counted in the database: the same totals and
 * thresholds as memberYearTotals / starsForScore (src/areas/points), without carrying 20,898 rows to the process.
 */
export async function memberStarBuckets(db: Db, orgIds: number[], year: number): Promise<StarBucket[]> {
  if (orgIds.length === 0) return [];
  const [t3, t2, t1] = [3, 2, 1].map((s) => STAR_THRESHOLDS.find((t) => t.stars === s)!.min);
  const rows = await db.$queryRaw<{ org: number; exempt: boolean; stars: number; n: number; sum: number }[]>`
    WITH t AS (
      SELECT m."organizationId" AS org, m."ratingExempt" AS exempt, ROUND(COALESCE(SUM(p.points), 0)::numeric, 2)::float8 AS total
      FROM "Member" m LEFT JOIN "PointEntry" p ON p."memberId" = m.id AND p.year = ${year}
      WHERE m."organizationId" = ANY(${orgIds}::int[]) AND m.status::text NOT IN ('TRANSFERRED_OUT', 'ENDED')
      GROUP BY m.id)
    SELECT org, exempt, CASE WHEN total >= ${t3} THEN 3 WHEN total >= ${t2} THEN 2 WHEN total >= ${t1} THEN 1 ELSE 0 END AS stars,
           COUNT(*)::int AS n, SUM(total)::float8 AS sum
    FROM t GROUP BY 1, 2, 3`;
  return rows.map((r) => ({ organizationId: Number(r.org), exempt: r.exempt, stars: Number(r.stars) as Stars, members: Number(r.n), sum: Number(r.sum) }));
}

/** Active records of the organisations in a year, counted by organisation, type and month (1–12). */
export async function recordCountsByMonth(
  db: Db,
  orgIds: number[],
  year: number,
): Promise<{ organizationId: number; type: ActivityType; month: number; n: number }[]> {
  if (orgIds.length === 0) return [];
  const rows = await db.$queryRaw<{ org: number; type: ActivityType; month: number; n: number }[]>`
    SELECT "organizationId" AS org, type::text AS type, EXTRACT(MONTH FROM "heldOn")::int AS month, COUNT(*)::int AS n
    FROM "Activity"
    WHERE "organizationId" = ANY(${orgIds}::int[]) AND status::text = 'ACTIVE' AND "heldOn" >= ${`${year}-01-01`}::date AND "heldOn" <= ${`${year}-12-31`}::date
    GROUP BY 1, 2, 3`;
  return rows.map((r) => ({ organizationId: Number(r.org), type: r.type, month: Number(r.month), n: Number(r.n) }));
}

/**
 * The 八百 programmes' progress under the organisations in two grouped queries (programmeProgress in
 * src/areas/programmes counts the same way, one programme at a time): amounts registered by command plus
 * records tagged with the programme that no entry of that programme already counts.
 */
export async function programmeTotals(db: Db, orgIds: number[]): Promise<{ name: string; target: number; unit: string; done: number }[]> {
  const ids = orgIds.length > 0 ? orgIds : [-1];
  const [programmes, entries, tagged] = await Promise.all([
    db.programme.findMany({ where: { active: true }, orderBy: { code: 'asc' }, select: { id: true, code: true, name: true, target: true, unit: true } }),
    db.$queryRaw<{ id: number; amount: number }[]>`
      SELECT "programmeId" AS id, COALESCE(SUM(amount), 0)::int AS amount FROM "ProgrammeEntry" WHERE "organizationId" = ANY(${ids}::int[]) GROUP BY 1`,
    db.$queryRaw<{ code: string; n: number }[]>`
      SELECT a."programmeCode" AS code, COUNT(*)::int AS n FROM "Activity" a JOIN "Programme" p ON p.code = a."programmeCode"
      WHERE a."programmeCode" IS NOT NULL AND a.status::text = 'ACTIVE' AND a."organizationId" = ANY(${ids}::int[])
        AND NOT EXISTS (SELECT 1 FROM "ProgrammeEntry" e WHERE e."activityId" = a.id AND e."programmeId" = p.id)
      GROUP BY 1`,
  ]);
  const amount = new Map(entries.map((e) => [Number(e.id), Number(e.amount)]));
  const fromRecords = new Map(tagged.map((t) => [t.code, Number(t.n)]));
  return programmes.map((p) => ({ name: p.name, target: p.target, unit: p.unit, done: (amount.get(p.id) ?? 0) + (fromRecords.get(p.code) ?? 0) }));
}
