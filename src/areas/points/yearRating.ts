import { Prisma } from '../../core/generated/prisma/client.ts';
import type { Db } from '../../core/db/openDatabase.ts';
import type { OrgLevel } from '../../core/generated/prisma/enums.ts';
import { roundPoints } from './memberTotals.ts';
import { branchScore, yearAssessmentTotal, type BranchScore } from './branchScore.ts';
import {
  exemptIn,
  phaseOf,
  RATING_SETTING_KEY,
  ratingRulesFrom,
  unratedReason,
  unratedText,
  type RatingPhase,
  type RatingRules,
  type UnratedReason,
} from './ratingPhase.ts';
import { memberStarLabel, provisionalMemberStarLabel, starsForScore, type Stars } from './starRating.ts';
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

export interface MemberYearRating {
  phase: RatingPhase;
  rules: RatingRules;
  members: MemberRating[];
}

/** Whose rating: the members of some organisations, or some members (transferred-out and ended ones never). */
export type RatedMembers = { organizationIds: readonly number[] } | { memberIds: readonly number[] };

interface RatedRow {
  finalizedAt: Date | null;
  rules: unknown;
  id: number | null;
  name: string;
  organizationId: number;
  ratingExempt: boolean;
  exemptReason: string | null;
  exemptYear: number | null;
  joinedAt: Date | null;
  total: number | string;
  keptRecords: boolean;
}

/**
 * The members' side of a year's rating (domain.md §3) in one statement: the phase (the year's StarYear row), the
 * rules (the `stars.rating` setting) and each member with their total, the star it gives and whether they are
 * rated (exempt, joined late, or no record kept that year by their organisation or one above it: 未评定).
 * Phase and rules ride on a single row joined to the members, so an empty scope still has them.
 */
export async function rateMembers(db: Db, year: number, now: Date, zone: string, whose: RatedMembers): Promise<MemberYearRating> {
  const scope =
    'memberIds' in whose ? Prisma.sql`m.id = ANY(${[...whose.memberIds]}::int[])` : Prisma.sql`m."organizationId" = ANY(${[...whose.organizationIds]}::int[])`;
  const rows = await db.$queryRaw<RatedRow[]>`
    WITH RECURSIVE scoped AS (
      -- Grouped by the member's key, so their other columns come along without a second read of the rows.
      SELECT m.id, m.name, m."organizationId", m."ratingExempt", m."exemptReason", m."exemptYear", m."joinedAt",
             COALESCE(SUM(p.points), 0)::float8 AS total
      FROM "Member" m LEFT JOIN "PointEntry" p ON p."memberId" = m.id AND p.year = ${year}
      WHERE ${scope} AND m.status::text NOT IN ('TRANSFERRED_OUT', 'ENDED')
      GROUP BY m.id
    ), up AS (
      -- Each member's organisation and up to 29 above it, as far as the tree goes.
      SELECT DISTINCT "organizationId" AS start, "organizationId" AS id, 0 AS depth FROM scoped
      UNION ALL
      SELECT up.start, o."parentId", up.depth + 1 FROM up JOIN "Organization" o ON o.id = up.id
      WHERE o."parentId" IS NOT NULL AND up.depth < 29
    ), recorded AS (
      -- One or two index probes per organisation: whether it kept anything that year, never the year's rows.
      SELECT u.id FROM (SELECT DISTINCT id FROM up) AS u
      CROSS JOIN LATERAL (
        (SELECT 1 FROM "Activity" a WHERE a."organizationId" = u.id AND a.year = ${year} AND a.status::text = 'ACTIVE' LIMIT 1)
        UNION ALL
        (SELECT 1 FROM "PointEntry" p WHERE p."organizationId" = u.id AND p.year = ${year} LIMIT 1)
        LIMIT 1
      ) AS found
    ), kept AS (
      SELECT DISTINCT up.start FROM up JOIN recorded r ON r.id = up.id
    )
    SELECT y."finalizedAt", st.value AS rules, s.*, s."organizationId" IN (SELECT start FROM kept) AS "keptRecords"
    FROM (SELECT 1) AS one
    LEFT JOIN "StarYear" y ON y.year = ${year}
    LEFT JOIN "Setting" st ON st.key = ${RATING_SETTING_KEY}
    LEFT JOIN scoped s ON true`;
  const first = rows[0]!;
  const phase = phaseOf(year, now, zone, first.finalizedAt ? { finalizedAt: first.finalizedAt } : null);
  const rules = ratingRulesFrom(first.rules ?? undefined);
  const members: MemberRating[] = rows
    .filter((r) => r.id !== null)
    .map((r) => {
      const score = roundPoints(Number(r.total));
      const m = { ratingExempt: exemptIn(r, year), exemptReason: r.exemptReason, joinedAt: r.joinedAt };
      return {
        memberId: Number(r.id),
        name: r.name,
        organizationId: Number(r.organizationId),
        score,
        stars: starsForScore(score),
        unrated: unratedReason(m, year, rules, r.keptRecords),
        ...m,
      };
    })
    .sort((a, b) => a.memberId - b.memberId);
  return { phase, rules, members };
}

/**
 * Everyone's rating of a year (domain.md §3) in three statements side by side: the members (rateMembers), the
 * organisations, and the final assessments that rate branches and 党总支 together with their rated members'
 * points (src/areas/points/branchScore.ts). `only` limits it to some organisations (a board of one branch and
 * those below it); either way only organisations this database view shows (realmDb) are rated.
 */
export async function rateYear(db: Db, year: number, now: Date, zone: string, only?: readonly number[]): Promise<YearRating> {
  const orgsRead = Promise.resolve(db.organization.findMany({ select: { id: true, name: true, level: true }, orderBy: { id: 'asc' } }));
  const [orgs, memberSide, assessments] = await Promise.all([
    orgsRead,
    only
      ? rateMembers(db, year, now, zone, { organizationIds: only })
      : orgsRead.then((all) => rateMembers(db, year, now, zone, { organizationIds: all.map((o) => o.id) })),
    db.assessment.findMany({
      where: { period: String(year), status: 'FINAL', kind: { in: ['TEAM', 'SELF'] }, totalScore: { not: null } },
      select: { organizationId: true, kind: true, totalScore: true },
    }),
  ]);
  const { phase, rules } = memberSide;
  const shown = new Set(orgs.map((o) => o.id));
  const members = memberSide.members.filter((m) => shown.has(m.organizationId));

  const assessedBy = groupBy(assessments, (a) => a.organizationId);
  const scoresBy = groupBy(
    members.filter((r) => r.unrated === null),
    (r) => r.organizationId,
    (r) => r.score,
  );
  const inScope = only ? new Set(only) : null;
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
