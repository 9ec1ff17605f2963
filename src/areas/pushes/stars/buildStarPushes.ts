import type { Db } from '../../../core/db/openDatabase.ts';
import type { Push } from '../../../engine/notify/Push.ts';
import type { OrganizationTree } from '../queries/organizationTree.ts';
import type { RatingPhase } from '../../points/ratingPhase.ts';
import type { YearRating } from '../../points/yearRating.ts';
import type { MessageView } from '../../../../cards/MessageView.ts';
import type { PosterModel } from '../../../../cards/pictures/posterModel.ts';
import { computeStars } from './computeStars.ts';
import { branchBoardView, memberBoardView } from './starBoardViews.ts';
import { loadPosterSettings } from '../posters/posterSettings.ts';
import { branchPoster, memberPoster, type PosterContext } from '../posters/starPosters.ts';
import { boardLink, type BoardLinkOptions } from '../../board/boardAccess.ts';
import { groupBy } from '../../../core/util/groupBy.ts';

export interface StarPictureOptions {
  zone: string;
  /** Signs the print links (A4/A3 PDF) of each poster; without it the boards carry the picture only. */
  posterLinks?: BoardLinkOptions;
}

export interface StarPublication {
  pushes: Push[];
  phase: RatingPhase;
  /** The 星级党支部 poster of each top organisation (the /公示 reply attaches its PDF). */
  rootPosters: { rootId: number; poster: PosterModel }[];
  /** Members rated (exempt, late and no-record members are not). */
  members: number;
  unratedMembers: number;
  branches: number;
  /** Final ratings only: members rated 无星 (不合格党员). */
  noStar: number;
}

/** The board's 公示栏 picture, and the print links under the text. */
async function withPoster(view: MessageView, poster: PosterModel, orgId: number, rootId: number, links?: BoardLinkOptions): Promise<MessageView> {
  const lines = [...(view.lines ?? [])];
  if (links) {
    const base = `${await boardLink(links, orgId, rootId, 'poster')}/poster/${orgId}`;
    lines.push(`公示栏打印版：A4 竖版 ${base}?size=A4 ；A3 横版 ${base}?size=A3`);
  }
  return { ...view, lines, picture: { kind: 'poster', poster } };
}

/**
 * Computes and publishes a year's stars: the 星级党员 board of each organisation to its branch group and the
 * 星级党组织 board to each top organisation's leading group, each with its 公示栏 poster built from the same
 * rating rows and phase (src/areas/points/ratingPhase.ts), so text and poster always agree on 暂定 / final;
 * sets publishedAt on what was published. `keySuffix` makes an on-demand republication distinct from the
 * year-end one.
 */
export async function buildStarPushes(
  db: Db,
  tree: OrganizationTree,
  year: number,
  now: Date,
  keySuffix: string,
  pictures: StarPictureOptions,
): Promise<StarPublication> {
  const rating = await computeStars(db, year, now, pictures.zone);
  const { phase } = rating;
  const settings = await loadPosterSettings(db);
  const context = (rootId: number): PosterContext => ({ year, date: phase.asOf, final: phase.final, settings, rootName: tree.name(rootId) });
  const byOrg = groupBy(rating.members, (r) => r.organizationId);
  const pushes: Push[] = [];
  const stage = phase.final ? 'final' : 'provisional';
  for (const [orgId, rows] of byOrg) {
    pushes.push({
      key: `stars:${year}:${stage}:members:org${orgId}${keySuffix}`,
      kind: 'stars',
      target: { organizationId: orgId, purpose: 'BRANCH' },
      view: await withPoster(
        memberBoardView(tree.name(orgId), rows, phase, rating.rules),
        memberPoster(tree.name(orgId), rows, context(tree.rootOf(orgId))),
        orgId,
        tree.rootOf(orgId),
        pictures.posterLinks,
      ),
    });
  }
  const byRoot = new Map<number, { rated: YearRating['branches']; unrated: YearRating['unratedBranches'] }>();
  const slot = (root: number) => byRoot.get(root) ?? byRoot.set(root, { rated: [], unrated: [] }).get(root)!;
  for (const r of rating.branches) slot(tree.rootOf(r.organizationId)).rated.push(r);
  for (const r of rating.unratedBranches) slot(tree.rootOf(r.organizationId)).unrated.push(r);
  const rootPosters: StarPublication['rootPosters'] = [];
  for (const [root, { rated, unrated }] of byRoot) {
    const poster = branchPoster(tree.name(root), rated, unrated, context(root));
    rootPosters.push({ rootId: root, poster });
    pushes.push({
      key: `stars:${year}:${stage}:branches:org${root}${keySuffix}`,
      kind: 'stars',
      target: { organizationId: root, purpose: 'LEADING_GROUP' },
      view: await withPoster(branchBoardView(tree.name(root), rated, unrated, phase), poster, root, root, pictures.posterLinks),
    });
  }
  await db.memberStar.updateMany({ where: { year }, data: { publishedAt: now } });
  await db.branchStar.updateMany({ where: { year }, data: { publishedAt: now } });
  const rated = rating.members.filter((m) => m.unrated === null);
  return {
    pushes,
    phase,
    rootPosters,
    members: rated.length,
    unratedMembers: rating.members.length - rated.length,
    branches: rating.branches.length,
    noStar: phase.final ? rated.filter((m) => m.stars === 0).length : 0,
  };
}
