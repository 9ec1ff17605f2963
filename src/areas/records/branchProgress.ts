import { instantToIso } from '../../core/time/calendarDay.ts';
import type { Db } from '../../core/db/openDatabase.ts';
import type { ActivityType } from '../../core/generated/prisma/enums.ts';
import { currentPeriods, requiredActivities, themeDayIn, type ActivityKind, type Period, type PeriodKind } from './cadence.ts';

export interface ProgressItem {
  kind: ActivityKind;
  period: Period;
  /** Dates (YYYY-MM-DD) of the active records of this type in the period, oldest first. */
  dates: string[];
  done: boolean;
  /** 主题党日: the branch's fixed day in this month, and whether it has passed without a record. */
  dueDate: string | null;
  overdue: boolean;
}

export interface BranchProgress {
  organizationId: number;
  name: string;
  periods: { period: Period; items: ProgressItem[] }[];
}

export interface HeldActivity {
  organizationId: number;
  type: ActivityType;
  heldOn: string;
}

/** Active records of the organisations in a date range: one query. */
export async function heldActivities(db: Db, orgIds: number[], start: string, end: string): Promise<HeldActivity[]> {
  if (orgIds.length === 0) return [];
  const rows = await db.activity.findMany({
    where: { organizationId: { in: orgIds }, status: 'ACTIVE', heldOn: { gte: new Date(`${start}T00:00:00Z`), lte: new Date(`${end}T00:00:00Z`) } },
    select: { organizationId: true, type: true, heldOn: true },
    orderBy: { heldOn: 'asc' },
  });
  return rows.map((r) => ({ organizationId: r.organizationId, type: r.type, heldOn: r.heldOn.toISOString().slice(0, 10) }));
}

/** Pure: which required activities of the periods a branch has held, from its records. */
export function progressFromRecords(
  org: { id: number; name: string; themeDay: number | null },
  periods: Period[],
  held: HeldActivity[],
  today: string,
): BranchProgress {
  return {
    organizationId: org.id,
    name: org.name,
    periods: periods.map((period) => ({
      period,
      items: requiredActivities(period.kind).map((kind) => {
        const dates = held
          .filter((h) => h.organizationId === org.id && h.type === kind.type && h.heldOn >= period.start && h.heldOn <= period.end)
          .map((h) => h.heldOn);
        const done = dates.length >= kind.minPerPeriod;
        const dueDate = kind.fixedDay ? themeDayIn(period, org.themeDay) : null;
        return { kind, period, dates, done, dueDate, overdue: !done && dueDate !== null && dueDate < today };
      }),
    })),
  };
}

/**
 * Progress of branches against the cadence table for the current month, quarter and year (or the kinds
 * asked for), from one query of the year's records. Used by /进度, /未交, receipts and scheduled reminders.
 */
export async function branchesProgress(
  db: Db,
  orgIds: number[],
  now: Date,
  zone: string,
  kinds: readonly PeriodKind[] = ['month', 'quarter', 'year'],
): Promise<BranchProgress[]> {
  const periods = currentPeriods(now, zone).filter((p) => kinds.includes(p.kind));
  const year = currentPeriods(now, zone)[2]!;
  const [orgs, held] = await Promise.all([
    db.organization.findMany({ where: { id: { in: orgIds } }, select: { id: true, name: true, themeDay: true }, orderBy: { id: 'asc' } }),
    heldActivities(db, orgIds, year.start, year.end),
  ]);
  const today = instantToIso(now, zone);
  return orgs.map((org) => progressFromRecords(org, periods, held, today));
}

export async function branchProgress(db: Db, orgId: number, now: Date, zone: string, kinds?: readonly PeriodKind[]): Promise<BranchProgress> {
  const [progress] = await branchesProgress(db, [orgId], now, zone, kinds);
  if (!progress) throw new Error(`organisation ${orgId} not found`);
  return progress;
}
