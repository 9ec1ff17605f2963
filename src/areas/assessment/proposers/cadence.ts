import type { ActivityType } from '../../../core/generated/prisma/enums.ts';
import type { RecordRow, RecordSet } from './types.ts';

/** The record types' names come from the cadence table (src/areas/records/cadence.ts). */
export { activityTypeNames as activityNames } from '../../records/cadence.ts';

/** Months of the period that have ended by `asOf` (YYYY-MM-DD). */
export function completedMonths(set: RecordSet): number[] {
  return set.period.months.filter((m) => monthEnd(set.period.year, m) <= set.asOf);
}

/** Quarters of the period whose last month has ended by `asOf`. */
export function completedQuarters(set: RecordSet): number[] {
  const months = completedMonths(set);
  return [1, 2, 3, 4].filter((q) => months.includes(q * 3) && set.period.months.includes(q * 3 - 2));
}

export function monthOf(row: RecordRow): number {
  return Number(row.heldOn.slice(5, 7));
}

export function quarterOf(row: RecordRow): number {
  return Math.ceil(monthOf(row) / 3);
}

export function ofType(set: RecordSet, type: ActivityType): RecordRow[] {
  return set.records.filter((r) => r.type === type);
}

export function recordRef(r: RecordRow) {
  return { id: r.id, seq: r.seq, type: r.type, heldOn: r.heldOn, topic: r.topic };
}

export function monthLabel(m: number): string {
  return `${m}月`;
}

export function quarterLabel(q: number): string {
  return `第${'一二三四'[q - 1]}季度`;
}

function monthEnd(year: number, month: number): string {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
}

export function clampScore(max: number, deducted: number): number {
  return Math.max(0, Math.round((max - deducted) * 100) / 100);
}
