/**
 * The leading group's charts as plain data: organisational-life completion per group × month (heat map), the
 * star distribution, the problem ledgers and the 八百 programmes. Digests carry it as a picture; the live board
 * draws the same charts as inline SVG.
 */
export interface ChartsModel {
  scope: string;
  year: number;
  /** YYYY-MM-DD the figures stand at. */
  asOf: string;
  /** Stars before the year's rating is final are 暂定 (never 无星 / 不合格). */
  provisional: boolean;
  /** What a row is: 片区, 党总支, 党委 (a county's towns) or 党支部 (a small tree shown branch by branch). */
  groupLabel: string;
  heat: {
    rows: string[];
    /** 1–12, the months shown (January up to the month of asOf). */
    months: number[];
    /** [row][month index]: completion in % (0–100), null when nothing was due. */
    cells: (number | null)[][];
  };
  stars: { label: string; count: number }[];
  problems: { rows: string[]; open: number[]; overdue: number[]; closed: number[] };
  programmes: { name: string; done: number; target: number; unit: string }[];
}
