import { DateTime } from 'luxon';

/** Calendar helpers in the configured zone. Dates travel as ISO strings (YYYY-MM-DD). */
export function today(now: Date, zone: string): DateTime {
  return DateTime.fromJSDate(now, { zone }).startOf('day');
}

export function isoDate(dt: DateTime): string {
  return dt.toISODate()!;
}

/** A @db.Date column comes back as UTC midnight of that calendar date. */
export function dateColumnToIso(value: Date): string {
  return value.toISOString().slice(0, 10);
}

/** The calendar date of an instant in the zone. */
export function instantToIso(value: Date, zone: string): string {
  return DateTime.fromJSDate(value, { zone }).toISODate()!;
}

export function isoToDateColumn(iso: string): Date {
  return new Date(`${iso}T00:00:00.000Z`);
}

/** Whole days from `from` to `to` (both ISO dates); positive when `to` is later. */
export function daysBetween(from: string, to: string): number {
  return Math.round(DateTime.fromISO(to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days').days);
}

const weekdayNames = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/** 12月5日（周六） */
export function chineseDate(iso: string): string {
  const dt = DateTime.fromISO(iso, { zone: 'UTC' });
  return `${dt.month}月${dt.day}日（${weekdayNames[dt.weekday]}）`;
}

/** A deadline instant: the end of that calendar day in the zone (23:59:59.999). */
export function endOfDay(iso: string, zone: string): Date {
  return DateTime.fromISO(iso, { zone }).endOf('day').toJSDate();
}
