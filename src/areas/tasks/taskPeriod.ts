import { parseCadenceKey } from './cadenceObligations.ts';
import { instantToIso } from '../../core/time/calendarDay.ts';

/**
 * The days in which a record of the task's activity type counts for it (ISO dates, inclusive; end null = open).
 * Cadence obligations: their month, quarter or year. Other tasks: from the day they were set, with no end,
 * so a late record still closes a late task.
 */
export function taskPeriod(task: { cadenceKey: string | null; createdAt: Date }, zone: string): { start: string; end: string | null } {
  if (task.cadenceKey) {
    const parsed = parseCadenceKey(task.cadenceKey);
    if (parsed) return { start: parsed.period.start, end: parsed.period.end };
  }
  return { start: instantToIso(task.createdAt, zone), end: null };
}
