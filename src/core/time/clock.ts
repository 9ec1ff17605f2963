import { DateTime } from 'luxon';

/** Injectable time source: tests move time, production reads the system clock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(start: Date | string): Clock & { set(t: Date | string): void; advance(ms: number): void } {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set(t) {
      current = new Date(t);
    },
    advance(ms) {
      current = new Date(current.getTime() + ms);
    },
  };
}

/** The calendar date (YYYY-MM-DD) in the configured zone. */
export function localDate(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toISODate()!;
}

export function localDateTime(at: Date, zone: string): DateTime {
  return DateTime.fromJSDate(at, { zone });
}
