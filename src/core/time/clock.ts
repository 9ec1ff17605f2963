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

export function localDateTime(at: Date, zone: string): DateTime {
  return DateTime.fromJSDate(at, { zone });
}
