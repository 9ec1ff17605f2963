import { DateTime } from 'luxon';
import type { Db } from '../../../core/db/openDatabase.ts';
import type { PosterModel } from '../../../../cards/pictures/posterModel.ts';
import type { OrganizationTree } from '../queries/organizationTree.ts';
import { memberYearTotals } from '../../points/memberTotals.ts';
import { branchScore, yearAssessmentTotal } from '../../points/branchScore.ts';
import { ratingIsFinal } from '../../points/ratingIsFinal.ts';
import { loadPosterSettings } from './posterSettings.ts';
import { branchPoster, memberPoster, type PosterContext } from './starPosters.ts';

/**
 * The poster of one organisation read live (the board's print links), from the functions the star boards use
 * (memberYearTotals, branchScore, yearAssessmentTotal) but without storing anything: a branch gets its 星级党员
 * poster, an organisation with branches below it the 星级党支部 poster of those branches.
 */
export async function posterForOrg(db: Db, tree: OrganizationTree, orgId: number, now: Date, zone: string, year?: number): Promise<PosterModel> {
  const today = DateTime.fromJSDate(now, { zone });
  const y = year ?? today.year;
  const context: PosterContext = {
    year: y,
    date: today.toISODate()!,
    final: ratingIsFinal(y, now, zone),
    settings: await loadPosterSettings(db),
    rootName: tree.name(tree.rootOf(orgId)),
  };
  const node = tree.byId.get(orgId);
  const below = tree.subtree(orgId).filter((o) => o.id !== orgId && (o.level === 'BRANCH' || o.level === 'GENERAL_BRANCH'));
  if (node?.level === 'BRANCH' || below.length === 0) {
    const totals = await memberYearTotals(db, [orgId], y);
    const rows = totals.filter((t) => !t.ratingExempt).map((t) => ({ memberId: t.memberId, name: t.name, organizationId: t.organizationId, score: t.total, stars: t.stars }));
    return memberPoster(tree.name(orgId), rows, totals.filter((t) => t.ratingExempt).map((t) => t.name), context);
  }
  const ids = below.map((b) => b.id);
  const [totals, assessments] = await Promise.all([
    memberYearTotals(db, ids, y),
    db.assessment.findMany({
      where: { organizationId: { in: ids }, period: String(y), status: 'FINAL', kind: { in: ['TEAM', 'SELF'] }, totalScore: { not: null } },
      select: { organizationId: true, kind: true, totalScore: true },
    }),
  ]);
  const rows = below.flatMap((b) => {
    const scores = totals.filter((t) => t.organizationId === b.id && !t.ratingExempt).map((t) => t.total);
    const rated = branchScore(yearAssessmentTotal(assessments.filter((a) => a.organizationId === b.id)), scores);
    return rated ? [{ organizationId: b.id, ...rated, members: scores.length, name: b.name, level: b.level }] : [];
  });
  return branchPoster(tree.name(orgId), rows, context);
}
