import type { Db } from '../../db/openDatabase.ts';

/**
 * Year-to-date points per member (sum of PointEntry). Reads the table directly; the lead swaps in
 * src/points/memberTotals.ts when the points area merges.
 */
export async function memberYearTotals(db: Db, year: number, organizationIds?: number[]): Promise<Map<number, number>> {
  const rows = await db.pointEntry.groupBy({
    by: ['memberId'],
    where: { year, ...(organizationIds ? { organizationId: { in: organizationIds } } : {}) },
    _sum: { points: true },
  });
  return new Map(rows.map((r) => [r.memberId, round(r._sum.points ?? 0)]));
}

/** Members counted for stars and points updates: not transferred out. */
export async function ratedMembers(db: Db, organizationIds?: number[]) {
  return db.member.findMany({
    where: { status: { not: 'TRANSFERRED_OUT' }, ...(organizationIds ? { organizationId: { in: organizationIds } } : {}) },
    select: { id: true, name: true, organizationId: true, ratingExempt: true },
    orderBy: { id: 'asc' },
  });
}

export function round(n: number): number {
  return Math.round(n * 100) / 100;
}
