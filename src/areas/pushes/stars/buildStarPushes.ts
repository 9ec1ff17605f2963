import type { Db } from '../../../core/db/openDatabase.ts';
import type { Push } from '../../../../jobs/enqueueViews.ts';
import type { OrganizationTree } from '../queries/organizationTree.ts';
import { computeBranchStars, computeMemberStars } from './computeStars.ts';
import { branchBoardView, memberBoardView } from './starBoardViews.ts';
import type { MessageView } from '../../../../cards/MessageView.ts';
import type { PosterModel } from '../../../../cards/pictures/posterModel.ts';
import { DateTime } from 'luxon';
import { ratingIsFinal } from '../../points/ratingIsFinal.ts';
import { loadPosterSettings } from '../posters/posterSettings.ts';
import { branchPoster, memberPoster, type PosterContext } from '../posters/starPosters.ts';
import { boardLink, type BoardLinkOptions } from '../../board/boardAccess.ts';

export interface StarPictureOptions {
  zone: string;
  /** Signs the print links (A4/A3 PDF) of each poster; without it the boards carry the picture only. */
  posterLinks?: BoardLinkOptions;
}

/** The board's 公示栏 picture, and the print links under the text. */
async function withPoster(view: MessageView, poster: PosterModel, orgId: number, rootId: number, links?: BoardLinkOptions): Promise<MessageView> {
  const lines = [...(view.lines ?? [])];
  if (poster.provisional) lines.unshift(`本榜为暂定（截至${poster.date}），年度评定定稿后另行公示。`);
  if (links) {
    const base = `${await boardLink(links, orgId, rootId, 'poster')}/poster/${orgId}`;
    lines.push(`公示栏打印版：A4 竖版 ${base}?size=A4 ；A3 横版 ${base}?size=A3`);
  }
  return { ...view, lines, picture: { kind: 'poster', poster } };
}
import { CURRENT_MEMBER } from '../../../engine/identity/memberStatus.ts';

export interface StarPublication {
  pushes: Push[];
  /** The 星级党支部 poster of each top organisation (the /公示 reply attaches its PDF). */
  rootPosters: { rootId: number; poster: PosterModel }[];
  members: number;
  branches: number;
}

/**
 * Computes and publishes a year's stars: the 星级党员 board of each organisation to its branch group and the
 * 星级党支部 board to each top organisation's leading group; sets publishedAt on what was published.
 * `keySuffix` makes an on-demand republication distinct from the year-end one.
 */
export async function buildStarPushes(db: Db, tree: OrganizationTree, year: number, now: Date, keySuffix: string, pictures: StarPictureOptions = { zone: 'Asia/Shanghai' }): Promise<StarPublication> {
  const memberRows = await computeMemberStars(db, year, now);
  const branchRows = await computeBranchStars(db, year, now, memberRows);
  const exemptByOrg = new Map<number, number>();
  const exemptNames = new Map<number, string[]>();
  for (const m of await db.member.findMany({ where: { ratingExempt: true, ...CURRENT_MEMBER }, select: { organizationId: true, name: true } })) {
    exemptByOrg.set(m.organizationId, (exemptByOrg.get(m.organizationId) ?? 0) + 1);
    exemptNames.get(m.organizationId)?.push(m.name) ?? exemptNames.set(m.organizationId, [m.name]);
  }
  const settings = await loadPosterSettings(db);
  const context = (rootId: number): PosterContext => ({
    year,
    date: DateTime.fromJSDate(now, { zone: pictures.zone }).toISODate()!,
    final: ratingIsFinal(year, now, pictures.zone),
    settings,
    rootName: tree.name(rootId),
  });
  const byOrg = new Map<number, typeof memberRows>();
  for (const r of memberRows) {
    const list = byOrg.get(r.organizationId) ?? [];
    list.push(r);
    byOrg.set(r.organizationId, list);
  }
  const pushes: Push[] = [];
  for (const [orgId, rows] of byOrg) {
    pushes.push({
      key: `stars:${year}:members:org${orgId}${keySuffix}`,
      kind: 'stars',
      target: { organizationId: orgId, purpose: 'BRANCH' },
      view: await withPoster(
        memberBoardView(tree.name(orgId), year, rows, exemptByOrg.get(orgId) ?? 0),
        memberPoster(tree.name(orgId), rows, exemptNames.get(orgId) ?? [], context(tree.rootOf(orgId))),
        orgId,
        tree.rootOf(orgId),
        pictures.posterLinks,
      ),
    });
  }
  const byRoot = new Map<number, (typeof branchRows[number] & { name: string })[]>();
  for (const r of branchRows) {
    const root = tree.rootOf(r.organizationId);
    const list = byRoot.get(root) ?? [];
    list.push({ ...r, name: tree.name(r.organizationId) });
    byRoot.set(root, list);
  }
  const rootPosters: StarPublication['rootPosters'] = [];
  for (const [root, rows] of byRoot) {
    const poster = branchPoster(tree.name(root), rows.map((r) => ({ ...r, level: tree.byId.get(r.organizationId)?.level ?? 'BRANCH' })), context(root));
    rootPosters.push({ rootId: root, poster });
    pushes.push({
      key: `stars:${year}:branches:org${root}${keySuffix}`,
      kind: 'stars',
      target: { organizationId: root, purpose: 'LEADING_GROUP' },
      view: await withPoster(branchBoardView(tree.name(root), year, rows), poster, root, root, pictures.posterLinks),
    });
  }
  await db.memberStar.updateMany({ where: { year }, data: { publishedAt: now } });
  await db.branchStar.updateMany({ where: { year }, data: { publishedAt: now } });
  return { pushes, rootPosters, members: memberRows.length, branches: branchRows.length };
}
