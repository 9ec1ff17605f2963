import type { Db } from '../../db/openDatabase.ts';
import { starsForScore, type Stars } from '../../points/starRating.ts';
import { memberYearTotals, ratedMembers, round } from '../queries/memberYearTotals.ts';

export interface MemberStarRow {
  memberId: number;
  name: string;
  organizationId: number;
  score: number;
  stars: Stars;
}

export interface BranchStarRow {
  organizationId: number;
  score: number;
  stars: Stars;
  /** 考评: a final year assessment exists; 积分: the points-management proxy. */
  source: 'assessment' | 'points';
  members: number;
}

/**
 * Member stars of a year from the year's points total (domain.md §3); exempt members are not rated.
 * Stored in MemberStar (score, stars, computedAt), in one statement, leaving publishedAt alone.
 */
export async function computeMemberStars(db: Db, year: number, now: Date): Promise<MemberStarRow[]> {
  const [members, totals] = await Promise.all([ratedMembers(db), memberYearTotals(db, year)]);
  const rows = members
    .filter((m) => !m.ratingExempt)
    .map((m) => {
      const score = totals.get(m.id) ?? 0;
      return { memberId: m.id, name: m.name, organizationId: m.organizationId, score, stars: starsForScore(score) };
    });
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = rows.slice(i, i + 5000);
    await db.$executeRaw`
      INSERT INTO "MemberStar" ("memberId", "organizationId", "year", "score", "stars", "computedAt")
      SELECT m, o, ${year}::int, s, st, (${now.toISOString()}::timestamptz AT TIME ZONE 'UTC')
      FROM unnest(${chunk.map((r) => r.memberId)}::int[], ${chunk.map((r) => r.organizationId)}::int[],
                  ${chunk.map((r) => r.score)}::float8[], ${chunk.map((r) => r.stars)}::int[]) AS t(m, o, s, st)
      ON CONFLICT ("memberId", "year") DO UPDATE
        SET "score" = EXCLUDED."score", "stars" = EXCLUDED."stars", "organizationId" = EXCLUDED."organizationId", "computedAt" = EXCLUDED."computedAt"`;
  }
  return rows;
}

/**
 * Branch stars of a year (domain.md §3: 考评得分 = points management + year-end target score).
 * The branch's score is:
 *   1. the total of the branch's FINAL year assessment (period "<year>", a 考评 TEAM one before a SELF one), else
 *   2. the points-management proxy: the average year points total of its rated members, capped at 100.
 * Branches without rated members and without an assessment are not rated.
 */
export async function computeBranchStars(db: Db, year: number, now: Date, memberRows: MemberStarRow[]): Promise<BranchStarRow[]> {
  const branches = await db.organization.findMany({ where: { level: { in: ['BRANCH', 'GENERAL_BRANCH'] } }, select: { id: true } });
  const assessments = await db.assessment.findMany({
    where: { period: String(year), status: 'FINAL', kind: { in: ['TEAM', 'SELF'] }, totalScore: { not: null } },
    select: { organizationId: true, kind: true, totalScore: true },
  });
  const assessed = new Map<number, number>();
  for (const a of assessments.sort((x, y) => (x.kind === 'TEAM' ? -1 : 1) - (y.kind === 'TEAM' ? -1 : 1))) {
    if (!assessed.has(a.organizationId)) assessed.set(a.organizationId, a.totalScore!);
  }
  const sums = new Map<number, { sum: number; n: number }>();
  for (const r of memberRows) {
    const s = sums.get(r.organizationId) ?? { sum: 0, n: 0 };
    s.sum += r.score;
    s.n++;
    sums.set(r.organizationId, s);
  }
  const rows: BranchStarRow[] = [];
  for (const b of branches) {
    const members = sums.get(b.id)?.n ?? 0;
    if (assessed.has(b.id)) {
      const score = round(assessed.get(b.id)!);
      rows.push({ organizationId: b.id, score, stars: starsForScore(score), source: 'assessment', members });
    } else if (members > 0) {
      const score = round(Math.min(100, sums.get(b.id)!.sum / members));
      rows.push({ organizationId: b.id, score, stars: starsForScore(score), source: 'points', members });
    }
  }
  if (rows.length > 0) {
    await db.$executeRaw`
      INSERT INTO "BranchStar" ("organizationId", "year", "score", "stars", "computedAt")
      SELECT o, ${year}::int, s, st, (${now.toISOString()}::timestamptz AT TIME ZONE 'UTC')
      FROM unnest(${rows.map((r) => r.organizationId)}::int[], ${rows.map((r) => r.score)}::float8[], ${rows.map((r) => r.stars)}::int[]) AS t(o, s, st)
      ON CONFLICT ("organizationId", "year") DO UPDATE
        SET "score" = EXCLUDED."score", "stars" = EXCLUDED."stars", "computedAt" = EXCLUDED."computedAt"`;
  }
  return rows;
}
