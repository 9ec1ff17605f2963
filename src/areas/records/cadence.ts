import { DateTime } from 'luxon';
import type { ActivityType } from '../../core/generated/prisma/enums.ts';

/**
 * The cadence table of domain.md §2 (002 附件3, 001), in one place: what each kind of organisational life is
 * called, how often it must happen and what its record needs. Records, /进度, /未交 and the scheduled pushes
 * all read it from here.
 */
export type PeriodKind = 'month' | 'quarter' | 'year';

export interface ActivityKind {
  type: ActivityType;
  /** The name shown in every message. */
  name: string;
  /** Other ways people write it in `类型：…` (matched after removing spaces). */
  aliases: readonly string[];
  /** null: held as planned, never "missing". */
  period: PeriodKind | null;
  /** How many a period needs at least, and at most (党小组会 1–2 a month). */
  minPerPeriod: number;
  maxPerPeriod?: number;
  /** The record must say 学时 (党课, 专题讲习/培训). */
  requiresHours: boolean;
  /** The whole branch is expected: 应到 defaults to the branch's member count. */
  wholeBranch: boolean;
  /** Held on the branch's fixed day of the month (Organization.themeDay). */
  fixedDay: boolean;
  /** Several may be held on one day (two 党小组, several talks): a second record may be kept beside the first. */
  severalPerDay: boolean;
  /** How the cadence reads in messages. */
  cadenceText: string;
  /**
   * The schedules set it as a task to every 党支部 each period (src/areas/tasks/cadenceObligations.ts). 党小组会 is owed
   * by each 党小组 and 谈心谈话 by each member, so neither is a branch task; 专题讲习/培训 follows the plan.
   */
  branchTask: boolean;
}

export const ACTIVITY_KINDS: readonly ActivityKind[] = [
  {
    type: 'PARTY_CONGRESS',
    name: '支部党员大会',
    aliases: ['党员大会', '支部大会', '党员大会会议', '支部党员大会会议'],
    period: 'quarter',
    minPerPeriod: 1,
    requiresHours: false,
    wholeBranch: true,
    fixedDay: false,
    severalPerDay: false,
    cadenceText: '每季度至少1次',
    branchTask: true,
  },
  {
    type: 'COMMITTEE_MEETING',
    name: '支委会',
    aliases: ['支部委员会', '支委会议', '支部委员会会议', '支委员会'],
    period: 'month',
    minPerPeriod: 1,
    requiresHours: false,
    wholeBranch: false,
    fixedDay: false,
    severalPerDay: false,
    cadenceText: '每月至少1次',
    branchTask: true,
  },
  {
    type: 'GROUP_MEETING',
    name: '党小组会',
    aliases: ['党小组会议', '小组会', '党小组'],
    period: 'month',
    minPerPeriod: 1,
    maxPerPeriod: 2,
    requiresHours: false,
    wholeBranch: false,
    fixedDay: false,
    severalPerDay: true,
    cadenceText: '每月1–2次',
    branchTask: false,
  },
  {
    type: 'PARTY_LESSON',
    name: '党课',
    aliases: ['讲党课', '上党课', '专题党课'],
    period: 'quarter',
    minPerPeriod: 1,
    requiresHours: true,
    wholeBranch: true,
    fixedDay: false,
    severalPerDay: false,
    cadenceText: '每季度至少1次',
    branchTask: true,
  },
  {
    type: 'THEME_DAY',
    name: '主题党日',
    aliases: ['主题党日活动', '党员活动日', '固定党日', '党日活动'],
    period: 'month',
    minPerPeriod: 1,
    requiresHours: false,
    wholeBranch: true,
    fixedDay: true,
    severalPerDay: false,
    cadenceText: '每月1次，在支部固定日',
    branchTask: true,
  },
  {
    type: 'LIFE_MEETING',
    name: '组织生活会',
    aliases: ['专题组织生活会', '年度组织生活会'],
    period: 'year',
    minPerPeriod: 1,
    requiresHours: false,
    wholeBranch: true,
    fixedDay: false,
    severalPerDay: false,
    cadenceText: '每年至少1次',
    branchTask: true,
  },
  {
    type: 'DEMOCRATIC_REVIEW',
    name: '民主评议党员',
    aliases: ['民主评议', '评议党员'],
    period: 'year',
    minPerPeriod: 1,
    requiresHours: false,
    wholeBranch: true,
    fixedDay: false,
    severalPerDay: false,
    cadenceText: '每年1次，七一前后或12月',
    branchTask: true,
  },
  {
    type: 'HEART_TALK',
    name: '谈心谈话',
    aliases: ['谈心', '谈话', '谈心谈话活动'],
    period: 'year',
    minPerPeriod: 1,
    requiresHours: false,
    wholeBranch: false,
    fixedDay: false,
    severalPerDay: true,
    cadenceText: '每年至少1次',
    branchTask: false,
  },
  {
    type: 'TRAINING',
    name: '专题讲习/培训',
    aliases: ['专题讲习', '讲习', '培训', '专题培训', '集中培训', '学习培训', '专题讲习培训', '讲习培训'],
    period: null,
    minPerPeriod: 0,
    requiresHours: true,
    wholeBranch: false,
    fixedDay: false,
    severalPerDay: true,
    cadenceText: '按计划',
    branchTask: false,
  },
];

const byType = new Map(ACTIVITY_KINDS.map((k) => [k.type, k]));

export function activityKind(type: ActivityType): ActivityKind {
  return byType.get(type)!;
}

export function activityName(type: ActivityType): string {
  return activityKind(type).name;
}

/** Every type's name, keyed by type (for lookups and for listing the types in a usage text). */
export const activityTypeNames: Readonly<Record<ActivityType, string>> = Object.fromEntries(ACTIVITY_KINDS.map((k) => [k.type, k.name])) as Record<
  ActivityType,
  string
>;

function normaliseName(text: string): string {
  return text
    .replace(/[\s\u3000]+/gu, '')
    .replace(/[（(].*?[)）]/gu, '')
    .replace(/[／/、]/gu, '/');
}

/** The activity type a user wrote (`主题党日`, `党员大会`, `专题讲习/培训`), or null. */
export function activityTypeFromText(text: string): ActivityType | null {
  const wanted = normaliseName(text);
  if (!wanted) return null;
  for (const kind of ACTIVITY_KINDS) {
    if ([kind.name, ...kind.aliases].some((n) => normaliseName(n) === wanted)) return kind.type;
  }
  return null;
}

/** Every type a period of this kind must contain, in table order (专题讲习/培训 is never required). */
export function requiredActivities(period: PeriodKind): ActivityKind[] {
  return ACTIVITY_KINDS.filter((k) => k.period === period && k.minPerPeriod > 0);
}

export interface Period {
  kind: PeriodKind;
  /** "2026-11", "2026-Q4", "2026". */
  key: string;
  /** First and last calendar day, YYYY-MM-DD. */
  start: string;
  end: string;
  /** "2026年11月", "2026年第四季度", "2026年". */
  label: string;
  /** "本月", "本季度", "本年度" when it is the current one. */
  shortLabel: string;
}

const quarterNames = ['一', '二', '三', '四'];

/** The month, quarter or year a calendar date (YYYY-MM-DD, or an instant read in `zone`) falls in. */
export function periodOf(date: string | Date, kind: PeriodKind, zone = 'Asia/Shanghai'): Period {
  const day = typeof date === 'string' ? DateTime.fromISO(date, { zone }) : DateTime.fromJSDate(date, { zone });
  if (!day.isValid) throw new Error(`not a date: ${String(date)}`);
  const unit = kind;
  const start = day.startOf(unit);
  const end = day.endOf(unit);
  const key = kind === 'month' ? start.toFormat('yyyy-MM') : kind === 'quarter' ? `${start.year}-Q${start.quarter}` : String(start.year);
  const label =
    kind === 'month' ? `${start.year}年${start.month}月` : kind === 'quarter' ? `${start.year}年第${quarterNames[start.quarter - 1]}季度` : `${start.year}年`;
  const shortLabel = kind === 'month' ? '本月' : kind === 'quarter' ? '本季度' : '本年度';
  return { kind, key, start: start.toISODate()!, end: end.toISODate()!, label, shortLabel };
}

/** The current month, quarter and year, in that order. */
export function currentPeriods(now: Date, zone: string): Period[] {
  return (['month', 'quarter', 'year'] as const).map((k) => periodOf(now, k, zone));
}

/** The date of the branch's 主题党日 in a month (clamped to the month's last day), or null with no fixed day. */
export function themeDayIn(month: Period, themeDay: number | null | undefined): string | null {
  if (!themeDay || month.kind !== 'month') return null;
  const start = DateTime.fromISO(month.start);
  return start.set({ day: Math.min(themeDay, start.daysInMonth!) }).toISODate();
}
