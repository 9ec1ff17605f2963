import { z } from 'zod';
import type { Db } from '../../core/db/openDatabase.ts';
import { instantToIso } from '../../core/time/calendarDay.ts';

/**
 * Provisional vs final (domain.md §3). A year's rating is final after its 31 December (in TZ_NAME) or once the
 * 组织办 finalised it (/公示 定级 <年份>, a StarYear row); before that every board is 暂定, dated `asOf`.
 */
export interface RatingPhase {
  year: number;
  final: boolean;
  /** Why it is final: the year is over, or the 组织办 finalised it. */
  finalBy: 'year_ended' | 'finalized' | null;
  finalizedAt: Date | null;
  /** Today's calendar day (YYYY-MM-DD) in TZ_NAME: the date of a provisional board. */
  asOf: string;
}

export async function ratingPhase(db: Db, year: number, now: Date, zone: string): Promise<RatingPhase> {
  return phaseOf(year, now, zone, await db.starYear.findUnique({ where: { year } }));
}

/** The phase from the year's StarYear row (null: not finalised), for callers that read the row with other things. */
export function phaseOf(year: number, now: Date, zone: string, finalized: { finalizedAt: Date } | null): RatingPhase {
  const asOf = instantToIso(now, zone);
  const thisYear = Number(asOf.slice(0, 4));
  if (finalized) return { year, final: true, finalBy: 'finalized', finalizedAt: finalized.finalizedAt, asOf };
  if (year < thisYear) return { year, final: true, finalBy: 'year_ended', finalizedAt: null, asOf };
  return { year, final: false, finalBy: null, finalizedAt: null, asOf };
}

/** 「2026年12月7日」 from YYYY-MM-DD. */
export function chineseDay(iso: string): string {
  return `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
}

/** 「暂定，截至2026年12月7日」 or 「最终评定」: what a board says about itself. */
export function phaseLabel(phase: RatingPhase): string {
  return phase.final ? '最终评定' : `暂定，截至${chineseDay(phase.asOf)}`;
}

/** The sentence a provisional board carries, so nobody reads it as the year's verdict. */
export function provisionalNote(phase: RatingPhase): string {
  return `${phase.year}年度尚未定级：以上按截至${chineseDay(phase.asOf)}的积分显示可达到的星级，不是评定结果；年度结束后（或组织办定级后）才是最终评定。`;
}

/** Who is rated in a year (domain.md §3): exempt members and members who joined late are 未评定. */
export const RATING_SETTING_KEY = 'stars.rating';

const ratingRulesSchema = z.object({
  /** A member who joined on or after this day of the year ("MM-DD") is not rated that year. */
  lateJoinFrom: z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/),
});

export type RatingRules = z.infer<typeof ratingRulesSchema>;

/** The seeds do not say how late is too late; half a year of membership is the default, changeable as data. */
export const DEFAULT_RATING_RULES: RatingRules = { lateJoinFrom: '07-01' };

/** The rules from the value of the `stars.rating` setting (undefined or malformed: the defaults). */
export function ratingRulesFrom(value: unknown): RatingRules {
  const parsed = ratingRulesSchema.safeParse(value);
  return parsed.success ? parsed.data : DEFAULT_RATING_RULES;
}

export type UnratedReason = 'exempt' | 'late' | 'no_records';

/** Whether a member's exemption covers `year`: one approved for a year (exemptYear) leaves them out of that year only. */
export function exemptIn(member: { ratingExempt: boolean; exemptYear: number | null }, year: number): boolean {
  return member.ratingExempt && (member.exemptYear == null || member.exemptYear === year);
}

export interface RatableMember {
  ratingExempt: boolean;
  exemptReason?: string | null;
  joinedAt: Date | null;
}

/**
 * Why a member is not rated in `year`, or null when they are: exempt on application; joined on or after the
 * late-join day (or after the year); or their organisation (and those above it) kept no record that year, so
 * a zero would be lack of data, not a verdict.
 */
export function unratedReason(member: RatableMember, year: number, rules: RatingRules, orgHasRecords: boolean): UnratedReason | null {
  if (member.ratingExempt) return 'exempt';
  if (member.joinedAt && member.joinedAt.toISOString().slice(0, 10) >= `${year}-${rules.lateJoinFrom}`) return 'late';
  if (!orgHasRecords) return 'no_records';
  return null;
}

export function unratedText(reason: UnratedReason, member: RatableMember, year: number, rules: RatingRules): string {
  if (reason === 'exempt') return `未评定（经申请免于评定${member.exemptReason ? `：${member.exemptReason}` : ''}）`;
  if (reason === 'late') {
    const joined = member.joinedAt!.toISOString().slice(0, 10);
    return `未评定（${chineseDay(joined)}入党或转入，${year}年${Number(rules.lateJoinFrom.slice(0, 2))}月${Number(rules.lateJoinFrom.slice(3))}日及以后入党或转入的当年不参评）`;
  }
  return `未评定（本组织${year}年没有任何记录）`;
}
