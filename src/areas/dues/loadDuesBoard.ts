import type { Db } from '../../core/db/openDatabase.ts';
import { CURRENT_MEMBER } from '../../engine/identity/memberStatus.ts';
import { dueMonths } from './duesStatus.ts';

export interface MemberDues {
  id: number;
  name: string;
  /** Month → amount in 分. */
  paid: Map<number, number>;
  /** Months due by the cut-off with nothing recorded. */
  owed: number[];
}

/** Current members of the organisations with their dues of `year`, owed months counted up to `asOfMonth`. */
export async function loadDuesBoard(db: Db, organizationIds: number[], year: number, asOfMonth: number, memberIds?: number[]): Promise<MemberDues[]> {
  const members = await db.member.findMany({
    where: { organizationId: { in: organizationIds }, ...CURRENT_MEMBER, ...(memberIds ? { id: { in: memberIds } } : {}) },
    select: { id: true, name: true, joinedAt: true },
    orderBy: { id: 'asc' },
  });
  const payments = await db.duesPayment.findMany({ where: { memberId: { in: members.map((m) => m.id) }, year } });
  return members.map((m) => {
    const paid = new Map(payments.filter((p) => p.memberId === m.id).map((p) => [p.month, p.amountCents]));
    const owed = dueMonths(year, asOfMonth, m.joinedAt?.toISOString().slice(0, 10)).filter((mo) => !paid.has(mo));
    return { id: m.id, name: m.name, paid, owed };
  });
}
