import { DateTime } from 'luxon';

/**
 * Whether a year's star rating is final (domain.md §3): after 31 December of that year in TZ_NAME. Before that
 * every board and poster is 暂定 and never names 无星 / 不合格. (When the 组织办 can finalise a year early, that
 * decision belongs here too.)
 */
export function ratingIsFinal(year: number, now: Date, zone: string): boolean {
  return DateTime.fromJSDate(now, { zone }).year > year;
}
