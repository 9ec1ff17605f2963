import type { Db } from '../../../core/db/openDatabase.ts';
import type { Push } from '../../../../jobs/enqueueViews.ts';
import type { OrganizationTree } from '../queries/organizationTree.ts';
import { computeBranchStars, computeMemberStars } from './computeStars.ts';
import { branchBoardView, memberBoardView } from './starBoardViews.ts';
import { CURRENT_MEMBER } from '../../../engine/identity/memberStatus.ts';

export interface StarPublication {
  pushes: Push[];
  members: number;
  branches: number;
}

/**
 * Computes and publishes a year's stars: the 星级党员 board of each organisation to its branch group and the
 * 星级党支部 board to each top organisation's leading group; sets publishedAt on what was published.
 * `keySuffix` makes an on-demand republication distinct from the year-end one.
 */
export async function buildStarPushes(db: Db, tree: OrganizationTree, year: number, now: Date, keySuffix: string): Promise<StarPublication> {
  const memberRows = await computeMemberStars(db, year, now);
  const branchRows = await computeBranchStars(db, year, now, memberRows);
  const exemptByOrg = new Map<number, number>();
  for (const m of await db.member.findMany({ where: { ratingExempt: true, ...CURRENT_MEMBER }, select: { organizationId: true } })) {
    exemptByOrg.set(m.organizationId, (exemptByOrg.get(m.organizationId) ?? 0) + 1);
  }
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
      view: memberBoardView(tree.name(orgId), year, rows, exemptByOrg.get(orgId) ?? 0),
    });
  }
  const byRoot = new Map<number, (typeof branchRows[number] & { name: string })[]>();
  for (const r of branchRows) {
    const root = tree.rootOf(r.organizationId);
    const list = byRoot.get(root) ?? [];
    list.push({ ...r, name: tree.name(r.organizationId) });
    byRoot.set(root, list);
  }
  for (const [root, rows] of byRoot) {
    pushes.push({
      key: `stars:${year}:branches:org${root}${keySuffix}`,
      kind: 'stars',
      target: { organizationId: root, purpose: 'LEADING_GROUP' },
      view: branchBoardView(tree.name(root), year, rows),
    });
  }
  await db.memberStar.updateMany({ where: { year }, data: { publishedAt: now } });
  await db.branchStar.updateMany({ where: { year }, data: { publishedAt: now } });
  return { pushes, members: memberRows.length, branches: branchRows.length };
}
