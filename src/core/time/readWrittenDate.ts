import { toHalfWidth } from '../../engine/commands/parseArgs.ts';

export interface WrittenDate {
  /** null when the year was left out (each caller decides which year is meant). */
  year: number | null;
  month: number;
  day: number;
}

/**
 * The parts of a calendar date as people type it in chat: 2026-12-10, 2026/12/10, 2026.12.10, 2026年12月10日,
 * 12月10日, 12-10, 12.10 (full-width digits, spaces and a closing 日/号 allowed). Not checked for being a real
 * day; null when the text is not of these forms.
 */
export function readWrittenDate(text: string): WrittenDate | null {
  const t = toHalfWidth(text).replace(/\s+/gu, '').replace(/[日号]$/u, '');
  const full = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})$/u.exec(t);
  if (full) return { year: Number(full[1]), month: Number(full[2]), day: Number(full[3]) };
  const short = /^(\d{1,2})[-/.月](\d{1,2})$/u.exec(t);
  if (short) return { year: null, month: Number(short[1]), day: Number(short[2]) };
  return null;
}
