import { readDay } from '../../core/time/readDay.ts';

/**
 * A deadline as people type it, read by the one date reader (src/core/time/readDay.ts): 2026-12-10,
 * 2026/12/10, 2026.12.10, 2026年12月10日, 十二月十日, 12月10日 / 12-10 / 12/10 (the next such day from today,
 * today included), 今天, 明天, 后天. Returns an ISO date, or the reason it is not one.
 */
export function parseDeadline(text: string, now: Date, zone: string): { ok: true; date: string } | { ok: false; problem: string } {
  const read = readDay(text, { now, zone, toward: 'future' });
  return read.ok ? { ok: true, date: read.date } : read;
}
