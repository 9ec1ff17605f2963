import type { Db } from '../../../core/db/openDatabase.ts';
import type { Push } from '../../../../jobs/enqueueViews.ts';
import type { OrganizationTree } from '../queries/organizationTree.ts';
import type { RatingPhase } from '../../points/ratingPhase.ts';
import type { MemberRating } from '../../points/yearRating.ts';
import { computeStars } from './computeStars.ts';
import { branchBoardView, memberBoardView } from './starBoardViews.ts';

export interface StarPublication {
  pushes: Push[];
  phase: RatingPhase;
  /** Members rated (exempt, late and no-record members are not). */
  members: number;
  unratedMembers: number;
  branches: number;
  /** Final ratings only: members rated 无星 (不合格党员). */
  noStar: number;
}

/**
 * Computes and publishes a year's stars: the 星级党员 board of each organisation to its branch group and the
 * 星级党组织 board to each top organisation's leading group; sets publishedAt on what was published. Before the
 * year is final the boards are 暂定 (src/areas/points/ratingPhase.ts). `keySuffix` makes an on-demand
 * republication distinct from the year-end one.
 */
export async function buildStarPushes(db: Db, tree: OrganizationTree, year: number, now: Date, keySuffix: string, zone: string): Promise<StarPublication> {
  const rating = await computeStars(db, year, now, zone);
  const { phase } = rating;
  const byOrg = new Map<number, MemberRating[]>();
  for (const r of rating.members) byOrg.get(r.organizationId)?.push(r) ?? byOrg.set(r.organizationId, [r]);
  const pushes: Push[] = [];
  const stage = phase.final ? 'final' : 'provisional';
  for (const [orgId, rows] of byOrg) {
    pushes.push({
      key: `stars:${year}:${stage}:members:org${orgId}${keySuffix}`,
      kind: 'stars',
      target: { organizationId: orgId, purpose: 'BRANCH' },
      view: memberBoardView(tree.name(orgId), rows, phase, rating.rules),
    });
  }
  const byRoot = new Map<number, { rated: typeof rating.branches; unrated: typeof rating.unratedBranches }>();
  const slot = (root: number) => byRoot.get(root) ?? byRoot.set(root, { rated: [], unrated: [] }).get(root)!;
  for (const r of rating.branches) slot(tree.rootOf(r.organizationId)).rated.push(r);
  for (const r of rating.unratedBranches) slot(tree.rootOf(r.organizationId)).unrated.push(r);
  for (const [root, { rated, unrated }] of byRoot) {
    pushes.push({
      key: `stars:${year}:${stage}:branches:org${root}${keySuffix}`,
      kind: 'stars',
      target: { organizationId: root, purpose: 'LEADING_GROUP' },
      view: branchBoardView(tree.name(root), rated, unrated, phase),
    });
  }
  await db.memberStar.updateMany({ where: { year }, data: { publishedAt: now } });
  await db.branchStar.updateMany({ where: { year }, data: { publishedAt: now } });
  const rated = rating.members.filter((m) => m.unrated === null);
  return {
    pushes,
    phase,
    members: rated.length,
    unratedMembers: rating.members.length - rated.length,
    branches: rating.branches.length,
    noStar: phase.final ? rated.filter((m) => m.stars === 0).length : 0,
  };
}
