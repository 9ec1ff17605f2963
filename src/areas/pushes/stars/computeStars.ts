import type { Db } from '../../../core/db/openDatabase.ts';
import type { Stars } from '../../points/starRating.ts';
import { memberYearTotals } from '../../points/memberTotals.ts';
import { branchScore, yearAssessmentTotal, type BranchScore } from '../../points/branchScore.ts';

export interface MemberStarRow {
  memberId: number;
  name: string;
  organizationId: number;
  score: number;
  stars: Stars;
}

export interface BranchStarRow extends BranchScore {
  organizationId: number;
  members: number;
}

/**
 * Member stars of a year from the year's points total (domain.md §3); exempt members are not rated.
 * Stored in MemberStar (score, stars, computedAt), in one statement, leaving publishedAt alone.
 */
export async function computeMemberStars(db: Db, year: number, now: Date): Promise<MemberStarRow[]> {
  const orgIds = (await db.organization.findMany({ select: { id: true } })).map((o) => o.id);
  const totals = await memberYearTotals(db, orgIds, year);
  const rows = totals
    .filter((m) => !m.ratingExempt)
    .sort((a, b) => a.memberId - b.memberId)
    .map((m) => ({ memberId: m.memberId, name: m.name, organizationId: m.organizationId, score: m.total, stars: m.stars }));
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
 * Branch stars of a year, from src/areas/points/branchScore.ts: the total of the branch's FINAL year assessment
 * (period "<year>", a 考评 TEAM one before a SELF one), else the average of its rated members' totals
 * capped at 100 (domain.md §3: 考评得分 = points management + year-end target score).
 * Branches without rated members and without an assessment are not rated.
 */
export async function computeBranchStars(db: Db, year: number, now: Date, memberRows: MemberStarRow[]): Promise<BranchStarRow[]> {
  const branches = await db.organization.findMany({ where: { level: { in: ['BRANCH', 'GENERAL_BRANCH'] } }, select: { id: true } });
  const assessments = await db.assessment.findMany({
    where: { period: String(year), status: 'FINAL', kind: { in: ['TEAM', 'SELF'] }, totalScore: { not: null } },
    select: { organizationId: true, kind: true, totalScore: true },
  });
  const assessedBy = new Map<number, typeof assessments>();
  for (const a of assessments) assessedBy.get(a.organizationId)?.push(a) ?? assessedBy.set(a.organizationId, [a]);
  const scoresBy = new Map<number, number[]>();
  for (const r of memberRows) scoresBy.get(r.organizationId)?.push(r.score) ?? scoresBy.set(r.organizationId, [r.score]);
  const rows: BranchStarRow[] = [];
  for (const b of branches) {
    const scores = scoresBy.get(b.id) ?? [];
    const rated = branchScore(yearAssessmentTotal(assessedBy.get(b.id) ?? []), scores);
    if (rated) rows.push({ organizationId: b.id, ...rated, members: scores.length });
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
