import type { Db } from '../../core/db/openDatabase.ts';
import { isoToDateColumn } from '../../core/time/calendarDay.ts';
import { SOURCE_ACTIVITY, SOURCE_ACTIVITY_REVERSAL } from './pointTypes.ts';

const FROM_RECORDS = [SOURCE_ACTIVITY, SOURCE_ACTIVITY_REVERSAL];

/**
 * The point entries of a period (calendar days `from`..`to` in TZ_NAME, given as instants `start`..`end`):
 * points of a meeting belong to the week of the meeting's date, whenever it was typed in (a 支委会 of last
 * Friday recorded on Monday counts last week); every other entry to the day it was made.
 */
export async function entriesInPeriod(
  db: Db,
  input: { organizationIds: number[]; from: string; to: string; start: Date; end: Date },
): Promise<{ memberId: number; points: number; reason: string }[]> {
  const activities = await db.activity.findMany({
    where: { organizationId: { in: input.organizationIds }, heldOn: { gte: isoToDateColumn(input.from), lte: isoToDateColumn(input.to) } },
    select: { id: true },
  });
  const select = { memberId: true, points: true, reason: true, id: true } as const;
  const [fromRecords, others] = await Promise.all([
    activities.length
      ? db.pointEntry.findMany({
          where: { organizationId: { in: input.organizationIds }, sourceType: { in: FROM_RECORDS }, sourceId: { in: activities.map((a) => a.id) } },
          select,
        })
      : [],
    db.pointEntry.findMany({
      where: { organizationId: { in: input.organizationIds }, sourceType: { notIn: FROM_RECORDS }, createdAt: { gte: input.start, lte: input.end } },
      select,
    }),
  ]);
  return [...fromRecords, ...others].sort((a, b) => a.id - b.id);
}
