/** Stars on a board or poster: 3 (三星) down to 0 (无星). */
export type StarLevel = 3 | 2 | 1 | 0;

/**
 * The printable 公示栏 (seed 001: the 组织办's 星级党支部 board, each branch's 星级党员 board) as plain data: built
 * from the same rating rows as the text boards, rendered to PDF (A4 portrait, A3 landscape) and PNG where shown.
 */
export interface PosterModel {
  subject: '党员' | '党支部';
  /** e.g. 2026年度星级党员公示 (the 组织办's title setting, with the year). */
  title: string;
  /** Whose board: the branch for 党员, the town for 党支部. */
  organisation: string;
  year: number;
  /** Publication day, YYYY-MM-DD in TZ_NAME. */
  date: string;
  /** Before the year's rating is final: 暂定, points and the star they would reach, never 不合格 / 无星. */
  provisional: boolean;
  /** 公示期 in days, from the publication day. */
  publicityDays: number;
  /** Whom to contact with objections (the 组织办's words). */
  contact: string;
  /** Signature line at the foot (e.g. 中共青禾镇委员会组织办公室). */
  footer: string;
  levels: { stars: StarLevel; heading: string; entries: { name: string; score: number; note?: string }[] }[];
  /** Names not rated, each group with its reason (经申请免于评定, 年内新入党 …). */
  unrated: { label: string; names: string[] }[];
  /** One explanatory line under the title (the thresholds). */
  rule: string;
}

export type PosterSize = 'A4' | 'A3';
