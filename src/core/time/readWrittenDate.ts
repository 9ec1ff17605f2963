import { toHalfWidth } from '../text/toHalfWidth.ts';

export interface WrittenDate {
  /** null when the year was left out (the reader of the date decides which year is meant). */
  year: number | null;
  month: number;
  day: number;
}

const chineseDigits: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 十二 → 12, 二十五 → 25, 三十一 → 31, 二〇二六 → 2026 (digit by digit when there is no 十). */
function chineseNumber(run: string): string {
  if (!run.includes('十')) return [...run].map((c) => chineseDigits[c] ?? '').join('');
  const [tens, ones] = run.split('十') as [string, string];
  if (tens.length > 1 || ones.length > 1) return run;
  return String((tens ? chineseDigits[tens]! : 1) * 10 + (ones ? chineseDigits[ones]! : 0));
}

/**
 * A written date made plain: full-width digits and punctuation become ASCII (１２月２５日, 2026．12．3, 12／25),
 * the ideographic full stop 。 and the middle dot · become ., Chinese numerals become digits (十二月二十五日,
 * 二〇二六年三月五日), spaces go.
 */
export function plainDateText(text: string): string {
  return toHalfWidth(text)
    .replace(/[〇零一二两三四五六七八九十]+/gu, chineseNumber)
    .replace(/[。·・]/gu, '.')
    .replace(/\s+/gu, '');
}

/**
 * The parts of a calendar date as people type it in chat: 2026-12-10, 2026/12/10, 2026.12.10, 2026年12月10日,
 * 20261210, 12月10日, 12-10, 12/10, 12.10 (full-width digits and punctuation, Chinese numerals, spaces and a
 * closing 日/号 allowed). Not checked for being a real day; null when the text is not of these forms.
 */
export function readWrittenDate(text: string): WrittenDate | null {
  const t = plainDateText(text).replace(/[日号]$/u, '');
  const full = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})$/u.exec(t);
  if (full) return { year: Number(full[1]), month: Number(full[2]), day: Number(full[3]) };
  const compact = /^(\d{4})(\d{2})(\d{2})$/u.exec(t);
  if (compact) return { year: Number(compact[1]), month: Number(compact[2]), day: Number(compact[3]) };
  const short = /^(\d{1,2})[-/.月](\d{1,2})$/u.exec(t);
  if (short) return { year: null, month: Number(short[1]), day: Number(short[2]) };
  return null;
}
