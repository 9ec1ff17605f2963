import { DateTime } from 'luxon';

/**
 * Calendar days, the one place they are made. A day travels as an ISO string (YYYY-MM-DD) and is always the
 * day of `TZ_NAME` (Asia/Shanghai): an instant becomes a day through `instantToIso`, a @db.Date column through
 * `dateColumnToIso`. Never `toISOString().slice(0, 10)` on an instant (that is the UTC day: the previous day
 * for anything between 00:00 and 08:00 Beijing time).
 */
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

/** The calendar day (YYYY-MM-DD) of an instant in the zone: "today" for now, never the UTC date. */
export function instantToIso(value: Date, zone: string): string {
  return DateTime.fromJSDate(value, { zone }).toISODate()!;
}

export function isoToDateColumn(iso: string): Date {
  return new Date(`${iso}T00:00:00.000Z`);
}

/** The first instant of a year in the zone, and of the next one: [start, end) of that year's instants. */
export function yearBounds(year: number, zone: string): { start: Date; end: Date } {
  const start = DateTime.fromObject({ year, month: 1, day: 1 }, { zone });
  return { start: start.toJSDate(), end: start.plus({ years: 1 }).toJSDate() };
}

/** Whole days from `from` to `to` (both ISO dates); positive when `to` is later. */
export function daysBetween(from: string, to: string): number {
  return Math.round(DateTime.fromISO(to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days').days);
}

const weekdayNames = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/**
 * A day as people read it: 12月5日, or 2025年12月5日 when it is not in the current year (`currentYear` is the
 * year of today in the zone, a number or today's ISO day).
 */
export function showDay(iso: string, current: number | string): string {
  const dt = DateTime.fromISO(iso, { zone: 'UTC' });
  const year = typeof current === 'number' ? current : Number(current.slice(0, 4));
  return dt.year === year ? `${dt.month}月${dt.day}日` : `${dt.year}年${dt.month}月${dt.day}日`;
}

/** 12月5日（周六）, with the year in front when it is not the current one (see showDay). */
export function chineseDate(iso: string, current?: number | string): string {
  const dt = DateTime.fromISO(iso, { zone: 'UTC' });
  const day = current === undefined ? `${dt.month}月${dt.day}日` : showDay(iso, current);
  return `${day}（${weekdayNames[dt.weekday]}）`;
}

/** A deadline instant: the end of that calendar day in the zone (23:59:59.999). */
export function endOfDay(iso: string, zone: string): Date {
  return DateTime.fromISO(iso, { zone }).endOf('day').toJSDate();
}
