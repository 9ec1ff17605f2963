import type { Config } from './loadConfig.ts';

/** Every scheduled job: its name (the processor switches on it) and the config key of its cron pattern. */
export const scheduleNames = ['morning', 'reconcile', 'weeklyPoints', 'weeklyDigest', 'monthlyDigest', 'yearEndStars'] as const;
export type ScheduleName = (typeof scheduleNames)[number];

export function schedulePatterns(config: Config): Record<ScheduleName, string> {
  return {
    morning: config.SCHEDULE_MORNING,
    reconcile: config.SCHEDULE_RECONCILE,
    weeklyPoints: config.SCHEDULE_WEEKLY_POINTS,
    weeklyDigest: config.SCHEDULE_WEEKLY_DIGEST,
    monthlyDigest: config.SCHEDULE_MONTHLY_DIGEST,
    yearEndStars: config.SCHEDULE_YEAR_END_STARS,
  };
}
