import type { Db } from '../../../core/db/openDatabase.ts';
import type { OrganizationTree } from '../queries/organizationTree.ts';
import { memberYearTotals } from '../../points/memberTotals.ts';
import { adoptedBriefings } from '../../briefings/adoptedBriefings.ts';
import { overdueAssignments } from '../reminders/overdueAssignments.ts';
import type { Stars } from '../../points/starRating.ts';
import { endOfDay, isoToDateColumn } from '../../../core/time/calendarDay.ts';
import { DateTime } from 'luxon';
import { entriesInPeriod } from '../../points/entriesInPeriod.ts';
import { SHOWN_PHOTO } from '../../traces/shownPhoto.ts';

export interface BranchDigestRow {
  organizationId: number;
  name: string;
  records: number;
  obligationsDue: number;
  obligationsDone: number;
  overdue: number;
  photos: number;
}

export interface DigestData {
  rootName: string;
  /** ISO dates, inclusive. */
  from: string;
  to: string;
  branches: BranchDigestRow[];
  totals: {
    records: number;
    obligationsDue: number;
    obligationsDone: number;
    overdue: number;
    photos: number;
    briefingsAdopted: number;
    problemsDue: number;
    problemsClosed: number;
    pointsAwarded: number;
    pointsDeducted: number;
  };
  stars: Record<Stars, number>;
}

function countBy<T>(rows: T[], key: (r: T) => number, amount: (r: T) => number = () => 1): Map<number, number> {
  const m = new Map<number, number>();
  for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + amount(r));
  return m;
}

/**
 * Everything the leading-group digest shows for the organisations under one top organisation, over a period.
 * Adopted briefings and the year's points totals come from their areas' services (adoptedBriefings,
 * memberYearTotals); the counts of records, obligations, photos, problem entries and this period's point
 * entries are grouped reads of those tables, which no area service offers.
 */
export async function digestData(
  db: Db,
  tree: OrganizationTree,
  rootId: number,
  from: string,
  to: string,
  todayIso: string,
  zone: string,
): Promise<DigestData> {
  const orgs = tree.descendantsOf(rootId);
  const orgIds = orgs.map((o) => o.id);
  const inScope = new Set(orgIds);
  const branchOrgs = orgs.filter((o) => o.level === 'BRANCH' || o.level === 'GENERAL_BRANCH');
  const start = DateTime.fromISO(from, { zone }).startOf('day').toJSDate();
  const end = endOfDay(to, zone);
  const year = DateTime.fromISO(todayIso, { zone }).year;
  const [activities, obligations, overdue, photos, briefings, problemsDue, problemsClosed, points, totals] = await Promise.all([
    db.activity.groupBy({
      by: ['organizationId'],
      where: { organizationId: { in: orgIds }, status: 'ACTIVE', heldOn: { gte: isoToDateColumn(from), lte: isoToDateColumn(to) } },
      _count: { _all: true },
    }),
    db.taskAssignment.findMany({
      where: { organizationId: { in: orgIds }, task: { cadenceKey: { not: null }, deadline: { gte: start, lte: end } }, status: { not: 'CANCELLED' } },
      select: { organizationId: true, status: true },
    }),
    overdueAssignments(db, todayIso, zone, orgIds),
    db.tracePhoto.groupBy({
      by: ['organizationId'],
      where: { organizationId: { in: orgIds }, createdAt: { gte: start, lte: end }, ...SHOWN_PHOTO },
      _count: { _all: true },
    }),
    adoptedBriefings(db, start, new Date(end.getTime() + 1)),
    db.problemEntry.count({ where: { organizationId: { in: orgIds }, status: 'OPEN', deadline: { lte: isoToDateColumn(to) } } }),
    db.problemEntry.count({ where: { organizationId: { in: orgIds }, status: 'CLOSED', closedAt: { gte: start, lte: end } } }),
    entriesInPeriod(db, { organizationIds: orgIds, from, to, start, end }),
    memberYearTotals(db, orgIds, year),
  ]);
  const records = new Map(activities.map((a) => [a.organizationId, a._count._all]));
  const due = countBy(obligations, (o) => o.organizationId);
  const done = countBy(
    obligations.filter((o) => o.status === 'DONE'),
    (o) => o.organizationId,
  );
  const late = countBy(overdue, (o) => o.organizationId);
  const photoCount = new Map(photos.map((p) => [p.organizationId, p._count._all]));
  const branches = branchOrgs.map((o) => ({
    organizationId: o.id,
    name: o.name,
    records: records.get(o.id) ?? 0,
    obligationsDue: due.get(o.id) ?? 0,
    obligationsDone: done.get(o.id) ?? 0,
    overdue: late.get(o.id) ?? 0,
    photos: photoCount.get(o.id) ?? 0,
  }));
  const stars: Record<Stars, number> = { 0: 0, 1: 0, 2: 0, 3: 0 };
  for (const m of totals) if (!m.ratingExempt) stars[m.stars]++;
  const sum = (f: (b: BranchDigestRow) => number) => branches.reduce((s, b) => s + f(b), 0);
  return {
    rootName: tree.name(rootId),
    from,
    to,
    branches,
    totals: {
      records: [...records.values()].reduce((a, b) => a + b, 0),
      obligationsDue: sum((b) => b.obligationsDue),
      obligationsDone: sum((b) => b.obligationsDone),
      overdue: overdue.length,
      photos: [...photoCount.values()].reduce((a, b) => a + b, 0),
      briefingsAdopted: briefings.filter((b) => inScope.has(b.organizationId)).length,
      problemsDue,
      problemsClosed,
      pointsAwarded: Math.round(points.filter((p) => p.points > 0).reduce((s, p) => s + p.points, 0) * 100) / 100,
      pointsDeducted: Math.round(points.filter((p) => p.points < 0).reduce((s, p) => s - p.points, 0) * 100) / 100,
    },
    stars,
  };
}
