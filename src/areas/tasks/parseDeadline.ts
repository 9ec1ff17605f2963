import { DateTime } from 'luxon';
import { readWrittenDate } from '../../core/time/readWrittenDate.ts';

/**
 * A deadline as people type it: 2026-12-10, 2026/12/10, 2026.12.10, 2026年12月10日, or 12月10日 / 12-10
 * (the next such date from today). Returns an ISO date or null.
 */
export function parseDeadline(text: string, todayIso: string): string | null {
  const written = readWrittenDate(text);
  if (!written) return null;
  const today = DateTime.fromISO(todayIso, { zone: 'UTC' });
  let date = DateTime.fromObject({ year: written.year ?? today.year, month: written.month, day: written.day }, { zone: 'UTC' });
  if (!date.isValid) return null;
  if (written.year === null && date < today) date = date.plus({ years: 1 });
  return date.toISODate();
}
