import { DateTime } from 'luxon';

/**
 * A deadline as people type it: 2026-12-10, 2026/12/10, 2026.12.10, 2026年12月10日, or 12月10日 / 12-10
 * (the next such date from today). Returns an ISO date or null.
 */
export function parseDeadline(text: string, todayIso: string): string | null {
  const t = text.trim().replace(/[号日]$/u, '');
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})$/u.exec(t);
  let year: number | null = null;
  let month: number;
  let day: number;
  if (m) {
    year = Number(m[1]);
    month = Number(m[2]);
    day = Number(m[3]);
  } else {
    m = /^(\d{1,2})[-/.月](\d{1,2})$/u.exec(t);
    if (!m) return null;
    month = Number(m[1]);
    day = Number(m[2]);
  }
  const today = DateTime.fromISO(todayIso, { zone: 'UTC' });
  let date = DateTime.fromObject({ year: year ?? today.year, month, day }, { zone: 'UTC' });
  if (!date.isValid) return null;
  if (year === null && date < today) date = date.plus({ years: 1 });
  return date.toISODate();
}
