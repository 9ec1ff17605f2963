import { DateTime } from 'luxon';
import type { Db } from '../../../core/db/openDatabase.ts';
import type { PosterModel } from '../../../../cards/pictures/posterModel.ts';
import type { OrganizationTree } from '../queries/organizationTree.ts';
import { rateYear } from '../../points/yearRating.ts';
import { loadPosterSettings } from './posterSettings.ts';
import { branchPoster, memberPoster, type PosterContext } from './starPosters.ts';

/**
 * The poster of one organisation read live (the board's print links), from the functions the star boards use
 * (rateYear: the same phase, rated and 未评定 members and branches) but without storing anything: a branch gets its 星级党员
 * poster, an organisation with branches below it the 星级党支部 poster of those branches.
 */
export async function posterForOrg(db: Db, tree: OrganizationTree, orgId: number, now: Date, zone: string, year?: number): Promise<PosterModel> {
  const today = DateTime.fromJSDate(now, { zone });
  const y = year ?? today.year;
  const node = tree.byId.get(orgId);
  const below = tree.subtree(orgId).filter((o) => o.id !== orgId && (o.level === 'BRANCH' || o.level === 'GENERAL_BRANCH'));
  const single = node?.level === 'BRANCH' || below.length === 0;
  const rating = await rateYear(db, y, now, zone, single ? [orgId] : below.map((b) => b.id));
  const context: PosterContext = {
    year: y,
    date: today.toISODate()!,
    final: rating.phase.final,
    settings: await loadPosterSettings(db),
    rootName: tree.name(tree.rootOf(orgId)),
  };
  if (single) return memberPoster(tree.name(orgId), rating.members, context);
  return branchPoster(tree.name(orgId), rating.branches, rating.unratedBranches, context);
}
