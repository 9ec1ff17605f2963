import { DateTime } from 'luxon';
import type { Db } from '../../core/db/openDatabase.ts';
import type { ChartsModel } from '../../../cards/pictures/chartsModel.ts';
import type { OrganizationTree } from '../pushes/queries/organizationTree.ts';
import { groupBranches } from '../../engine/identity/branchGroups.ts';
import { requiredActivities } from '../records/cadence.ts';
import { ratingPhase } from '../points/ratingPhase.ts';
import { memberStarBuckets, programmeTotals, recordCountsByMonth, type StarBucket } from './boardQueries.ts';

export interface BranchFigures {
  id: number;
  name: string;
  group: string;
  /** This year's organisational-life completion in %, null when nothing was due yet. */
  completion: number | null;
  /** [month index] completion in %, null when nothing was due. */
  months: (number | null)[];
  records: number;
  problemsOpen: number;
  problemsOverdue: number;
  problemsClosed: number;
  members: number;
}

export interface ChartsData {
  model: ChartsModel;
  /** The member star counts read for the model (the board's targets reuse them). */
  buckets: StarBucket[];
  branches: BranchFigures[];
}

const pct = (done: number, due: number) => (due > 0 ? Math.round((done / due) * 100) : null);

/**
 * The figures behind the leading group's charts for the organisations under `rootId`, as of `now`:
 *   - completion per branch and month: the cadence table's required meetings (monthly ones each month, quarterly
 *     ones in the quarter's last month) held by records, the same rule /进度 and /未交 apply;
 *   - the year's member stars (memberStarBuckets: memberYearTotals' totals and thresholds), 暂定 until the year's RatingPhase is final (31 December or /公示 定级);
 *   - problem ledgers open (overdue: past their 时限) and closed; the 八百 programmes from programmeProgress.
 * One query per table, so a county (900 branches) stays cheap.
 */
export async function chartsData(db: Db, tree: OrganizationTree, rootId: number, now: Date, zone: string): Promise<ChartsData> {
  const today = DateTime.fromJSDate(now, { zone });
  const year = today.year;
  const todayIso = today.toISODate()!;
  const orgs = tree.subtree(rootId);
  const orgIds = orgs.map((o) => o.id);
  const branchOrgs = orgs.filter((o) => o.level === 'BRANCH');
  const branchIds = branchOrgs.map((b) => b.id);
  const [held, problems, buckets, programmes] = await Promise.all([
    recordCountsByMonth(db, branchIds, year),
    db.$queryRaw<{ org: number; open: number; overdue: number; closed: number }[]>`
      SELECT "organizationId" AS org, COUNT(*) FILTER (WHERE status::text = 'OPEN')::int AS open,
             COUNT(*) FILTER (WHERE status::text = 'OPEN' AND deadline < ${todayIso}::date)::int AS overdue,
             COUNT(*) FILTER (WHERE status::text = 'CLOSED')::int AS closed
      FROM "ProblemEntry" WHERE "organizationId" = ANY(${orgIds}::int[]) GROUP BY 1`,
    memberStarBuckets(db, orgIds, year),
    programmeTotals(db, orgIds),
  ]);

  const months = Array.from({ length: today.month }, (_, i) => i + 1);
  // count[org][type][month] of held records
  const heldBy = new Map<number, Map<string, number[]>>();
  for (const h of held) {
    const byType = heldBy.get(h.organizationId) ?? new Map<string, number[]>();
    heldBy.set(h.organizationId, byType);
    const counts = byType.get(h.type) ?? new Array<number>(12).fill(0);
    byType.set(h.type, counts);
    counts[h.month - 1]! += h.n;
  }
  const monthly = requiredActivities('month');
  const quarterly = requiredActivities('quarter');
  /** due and done of one branch in month m (1–12) */
  const dueDone = (orgId: number, m: number): [number, number] => {
    const byType = heldBy.get(orgId);
    let due = 0;
    let done = 0;
    for (const kind of monthly) {
      due++;
      if ((byType?.get(kind.type)?.[m - 1] ?? 0) >= kind.minPerPeriod) done++;
    }
    if (m % 3 === 0) {
      // Quarterly meetings are due in the quarter's last month.
      for (const kind of quarterly) {
        due++;
        const n = [m - 3, m - 2, m - 1].reduce((s, i) => s + (byType?.get(kind.type)?.[i] ?? 0), 0);
        if (n >= kind.minPerPeriod) done++;
      }
    }
    return [due, done];
  };

  const overdueBy = new Map(problems.map((p) => [Number(p.org), Number(p.overdue)]));
  const openBy = new Map(problems.map((p) => [Number(p.org), Number(p.open)]));
  const closedBy = new Map(problems.map((p) => [Number(p.org), Number(p.closed)]));
  const add = (m: Map<number, number>, k: number, n: number) => m.set(k, (m.get(k) ?? 0) + n);
  const membersBy = new Map<number, number>();
  for (const b of buckets) add(membersBy, b.organizationId, b.members);
  const recordsBy = new Map<number, number>();
  for (const h of held) add(recordsBy, h.organizationId, h.n);

  const grouping = groupBranches(branchOrgs, tree.byId, rootId);
  const branches: BranchFigures[] = branchOrgs.map((b) => {
    const cells = months.map((m) => dueDone(b.id, m));
    const due = cells.reduce((s, c) => s + c[0], 0);
    const done = cells.reduce((s, c) => s + c[1], 0);
    return {
      id: b.id,
      name: b.name,
      group: grouping.groupOf.get(b.id) ?? '',
      completion: pct(done, due),
      months: cells.map(([d, k]) => pct(k, d)),
      records: recordsBy.get(b.id) ?? 0,
      problemsOpen: openBy.get(b.id) ?? 0,
      problemsOverdue: overdueBy.get(b.id) ?? 0,
      problemsClosed: closedBy.get(b.id) ?? 0,
      members: membersBy.get(b.id) ?? 0,
    };
  });

  // Rows: each branch (ordered by group) in a small tree, else each group.
  type Row = { label: string; ids: number[] };
  const rows: Row[] = grouping.oneByOne
    ? grouping.names.flatMap((g) =>
        branches.filter((b) => b.group === g).map((b) => ({ label: grouping.label === '党支部' || g === b.name ? b.name : `${g}·${b.name}`, ids: [b.id] })),
      )
    : grouping.names.map((g) => ({ label: g, ids: branches.filter((b) => b.group === g).map((b) => b.id) }));
  const heatCells = rows.map((r) =>
    months.map((m) => {
      let due = 0;
      let done = 0;
      for (const id of r.ids) {
        const [d, k] = dueDone(id, m);
        due += d;
        done += k;
      }
      return pct(done, due);
    }),
  );
  const byRow = (m: Map<number, number>) => rows.map((r) => r.ids.reduce((s, id) => s + (m.get(id) ?? 0), 0));

  const { final } = await ratingPhase(db, year, now, zone);
  const starCount = [0, 0, 0, 0];
  let exempt = 0;
  for (const b of buckets) {
    if (b.exempt) exempt += b.members;
    else starCount[b.stars]! += b.members;
  }
  const stars = [
    { label: '三星', count: starCount[3]! },
    { label: '二星', count: starCount[2]! },
    { label: '一星', count: starCount[1]! },
    { label: final ? '无星' : '暂未达到一星', count: starCount[0]! },
    { label: '未评定（免评）', count: exempt },
  ];

  return {
    branches,
    buckets,
    model: {
      scope: tree.name(rootId),
      year,
      asOf: todayIso,
      provisional: !final,
      groupLabel: grouping.oneByOne && grouping.label !== '党支部' ? `${grouping.label}·支部` : grouping.label,
      heat: { rows: rows.map((r) => r.label), months, cells: heatCells },
      stars,
      problems: { rows: rows.map((r) => r.label), open: byRow(openBy), overdue: byRow(overdueBy), closed: byRow(closedBy) },
      programmes: programmes.map((p) => ({ name: p.name, done: p.done, target: p.target, unit: p.unit })),
    },
  };
}
