import { Prisma } from '../../core/generated/prisma/client.ts';
import type { Db } from '../../core/db/openDatabase.ts';
import type { OrgLevel } from '../../core/generated/prisma/enums.ts';
import { memberYearTotals } from './memberTotals.ts';
import { branchScore, yearAssessmentTotal, type BranchScore } from './branchScore.ts';
import { loadRatingRules, ratingPhase, unratedReason, unratedText, type RatingPhase, type RatingRules, type UnratedReason } from './ratingPhase.ts';
import { memberStarLabel, provisionalMemberStarLabel, type Stars } from './starRating.ts';
import { groupBy } from '../../core/util/groupBy.ts';

export interface MemberRating {
  memberId: number;
  name: string;
  organizationId: number;
  score: number;
  stars: Stars;
  /** null: rated this year; otherwise why not (未评定). */
  unrated: UnratedReason | null;
  ratingExempt: boolean;
  exemptReason: string | null;
  joinedAt: Date | null;
}

export interface BranchRating extends BranchScore {
  organizationId: number;
  name: string;
  level: OrgLevel;
  /** Rated members whose totals make the points proxy. */
  members: number;
}

export interface YearRating {
  phase: RatingPhase;
  rules: RatingRules;
  members: MemberRating[];
  /** Rated branches and 党总支 (those without an assessment and without rated members are left out: 未评定). */
  branches: BranchRating[];
  /** Branches and 党总支 that could not be rated (no assessment, no rated member). */
  unratedBranches: { organizationId: number; name: string; level: OrgLevel }[];
}

/** Organisations that kept any record (a meeting record or a point entry) in `year`. */
async function organisationsWithRecords(db: Db, year: number): Promise<Set<number>> {
  const rows = await db.$queryRaw<{ id: number }[]>`
    SELECT DISTINCT "organizationId" AS id FROM "Activity" WHERE year = ${year} AND status::text = 'ACTIVE'
    UNION SELECT DISTINCT "organizationId" AS id FROM "PointEntry" WHERE year = ${year}`;
  return new Set(rows.map((r) => Number(r.id)));
}

/**
 * Everyone's rating of a year (domain.md §3) in a few queries: members with their total, the star it gives and
 * whether they are rated (exempt, joined late, or no record kept by their organisation or those above it: 未评定);
 * branches and 党总支 with their 考评得分 (src/areas/points/branchScore.ts) from rated members only. `only`
 * limits it to some organisations (a board of one branch and those below it).
 */
export async function rateYear(db: Db, year: number, now: Date, zone: string, only?: readonly number[]): Promise<YearRating> {
  const [phase, rules, orgs, withRecords] = await Promise.all([
    ratingPhase(db, year, now, zone),
    loadRatingRules(db),
    db.organization.findMany({ select: { id: true, name: true, level: true, parentId: true }, orderBy: { id: 'asc' } }),
    organisationsWithRecords(db, year),
  ]);
  const parent = new Map(orgs.map((o) => [o.id, o.parentId]));
  const keptRecords = (orgId: number): boolean => {
    let id: number | null | undefined = orgId;
    for (let guard = 0; id != null && guard < 30; guard++) {
      if (withRecords.has(id)) return true;
      id = parent.get(id);
    }
    return false;
  };
  const inScope = only ? new Set(only) : null;
  const totals = await memberYearTotals(
    db,
    orgs.map((o) => o.id).filter((id) => !inScope || inScope.has(id)),
    year,
  );
  const details = totals.length
    ? await db.$queryRaw<{ id: number; exemptReason: string | null; exemptYear: number | null; joinedAt: Date | null }[]>`
        SELECT id, "exemptReason", "exemptYear", "joinedAt" FROM "Member" WHERE id IN (${Prisma.join(totals.map((t) => t.memberId))})`
    : [];
  const detailOf = new Map(details.map((d) => [Number(d.id), d]));
  const members: MemberRating[] = totals
    .map((t) => {
      const d = detailOf.get(t.memberId);
      // An exemption approved for one year (exemptYear) leaves the member out of that year only.
      const exempt = t.ratingExempt && (d?.exemptYear == null || d.exemptYear === year);
      const m = { ratingExempt: exempt, exemptReason: d?.exemptReason ?? null, joinedAt: d?.joinedAt ?? null };
      return {
        memberId: t.memberId,
        name: t.name,
        organizationId: t.organizationId,
        score: t.total,
        stars: t.stars,
        unrated: unratedReason(m, year, rules, keptRecords(t.organizationId)),
        ...m,
      };
    })
    .sort((a, b) => a.memberId - b.memberId);

  const assessments = await db.assessment.findMany({
    where: { period: String(year), status: 'FINAL', kind: { in: ['TEAM', 'SELF'] }, totalScore: { not: null } },
    select: { organizationId: true, kind: true, totalScore: true },
  });
  const assessedBy = groupBy(assessments, (a) => a.organizationId);
  const scoresBy = groupBy(
    members.filter((r) => r.unrated === null),
    (r) => r.organizationId,
    (r) => r.score,
  );
  const branches: BranchRating[] = [];
  const unratedBranches: YearRating['unratedBranches'] = [];
  for (const o of orgs) {
    if ((o.level !== 'BRANCH' && o.level !== 'GENERAL_BRANCH') || (inScope && !inScope.has(o.id))) continue;
    const scores = scoresBy.get(o.id) ?? [];
    const rated = branchScore(yearAssessmentTotal(assessedBy.get(o.id) ?? []), scores);
    if (rated) branches.push({ organizationId: o.id, name: o.name, level: o.level, ...rated, members: scores.length });
    else unratedBranches.push({ organizationId: o.id, name: o.name, level: o.level });
  }
  return { phase, rules, members, branches, unratedBranches };
}

/**
 * Whether a member takes part in the year's ranking: rated members; before the year is final, also members of
 * organisations with no record yet (their zero is provisional, shown as 暂未达到一星, never 无星).
 */
export function takesPart(m: Pick<MemberRating, 'unrated'>, phase: RatingPhase): boolean {
  return m.unrated === null || (!phase.final && m.unrated === 'no_records');
}

/** What a member's star reads as in this phase: 二星党员 / 暂未达到一星 / 无星（不合格党员） / 未评定（…）. */
export function standingLabel(m: MemberRating, phase: RatingPhase, rules: RatingRules): string {
  if (!takesPart(m, phase)) return unratedText(m.unrated!, m, phase.year, rules);
  return phase.final ? memberStarLabel(m.stars) : provisionalMemberStarLabel(m.stars);
}
