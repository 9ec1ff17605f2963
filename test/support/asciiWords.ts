/**
 * ASCII words a reply may hold: command names and aliases (「/help」), file types people know, and the names of
 * platforms and programs users see on their own screens. Anything else (ACTIVITY, sheet1, assessment.grades,
 * SCHEDULE_*, 2026-H2) is an internal name that leaked into what users read.
 */
// Paper sizes (A4, A3) are how a 组织办 names them too; Word and the picture formats are what a 简报 attachment may be.
// Sizes are written KB and MB in Chinese too.
const ALLOWED = new Set(['xlsx', 'csv', 'excel', 'wps', 'qq', 'a4', 'a3', 'pdf', 'png', 'word', 'doc', 'docx', 'jpg', 'gif', 'webp', 'heic', 'kb', 'mb']);
/** An invite code's shape (ABCD-EFGH) and the operator's command for one are shown as they must be typed. */
const TYPED_AS_SHOWN = /^(ABCD-EFGH|npm|run|invite:issue)$/u;

/** Item numbers of the scoring standards (V4.1, N2.3): printed on the standard and typed in /考评 评分. */
const ITEM_NUMBER = /^[VN]\d+(\.\d+)*$/u;

/** The ASCII words of a text, after links and numbers (2026-12-31, #12, 1.5) are set aside. */
export function asciiWords(text: string): string[] {
  return (
    text
      .replace(/https?:\/\/\S+/gu, ' ')
      .replace(/\/briefing-files\/[A-Za-z0-9_.-]+/gu, ' ')
      .replace(/\/files\/[A-Za-z0-9_-]+/gu, ' ')
      .replace(/\/board\/\S+/gu, ' ')
      .match(/[A-Za-z][A-Za-z0-9_.:-]*/gu) ?? []
  ).filter((w) => !ALLOWED.has(w.toLowerCase()) && !ITEM_NUMBER.test(w) && !TYPED_AS_SHOWN.test(w));
}
