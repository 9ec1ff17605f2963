import { DateTime } from 'luxon';
import type { Db } from '../../../core/db/openDatabase.ts';
import type { Push } from '../../../engine/notify/Push.ts';
import type { OrganizationTree } from '../queries/organizationTree.ts';
import { digestData } from './digestData.ts';
import { digestView } from './digestView.ts';
import { chartsData } from '../../board/chartsData.ts';
import { boardLink, type BoardLinkOptions } from '../../board/boardAccess.ts';

/** The period a digest covers: the previous full week (Mon–Sun) or the previous full month. */
export function digestPeriod(todayIso: string, period: 'week' | 'month'): { from: string; to: string } {
  const today = DateTime.fromISO(todayIso, { zone: 'UTC' });
  const start = (period === 'week' ? today.startOf('week').minus({ weeks: 1 }) : today.startOf('month').minus({ months: 1 })).startOf(period);
  return { from: start.toISODate()!, to: start.endOf(period).toISODate()! };
}

export interface DigestPictureOptions {
  /** The instant the charts stand at (the schedule's now). */
  now: Date;
  /** Signs the link to the live board under each digest. */
  links?: BoardLinkOptions;
}

/**
 * One digest per top organisation that has a bound leading-group group, with the charts as its picture (a card
 * with the image on Feishu, the image after the text on WeChat and QQ) and a link to the live board.
 */
export async function buildDigestPushes(
  db: Db,
  tree: OrganizationTree,
  todayIso: string,
  period: 'week' | 'month',
  zone: string,
  pictures?: DigestPictureOptions,
): Promise<Push[]> {
  const { from, to } = digestPeriod(todayIso, period);
  const groups = await db.chatGroup.findMany({ where: { purpose: 'LEADING_GROUP', organizationId: { not: null } }, select: { organizationId: true } });
  const roots = [...new Set(groups.map((g) => tree.rootOf(g.organizationId!)))].filter((r) => groups.some((g) => g.organizationId === r));
  const pushes: Push[] = [];
  for (const root of roots) {
    const data = await digestData(db, tree, root, from, to, todayIso, zone);
    let view = digestView(data, period);
    if (pictures) {
      const charts = await chartsData(db, tree, root, pictures.now, zone);
      const link = pictures.links ? await boardLink(pictures.links, root, root) : null;
      view = {
        ...view,
        picture: { kind: 'charts', charts: charts.model },
        ...(link ? { lines: [...(view.lines ?? []), `党建看板（图表、目标进展、各支部明细）：${link}`] } : {}),
      };
    }
    pushes.push({ key: `digest:${period}:org${root}:${from}`, kind: 'digest', target: { organizationId: root, purpose: 'LEADING_GROUP' }, view });
  }
  return pushes;
}
