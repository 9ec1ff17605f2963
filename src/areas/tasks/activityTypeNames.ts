import type { ActivityType } from '../../core/generated/prisma/enums.ts';
import { activityTypeFromText } from '../records/cadence.ts';

/** The record types' names come from the cadence table (src/areas/records/cadence.ts). */
export { activityTypeNames } from '../records/cadence.ts';

/** The activity type a form names (`主题党日`, `党员大会`, `培训`), or null; the names and aliases of the cadence table. */
export function parseActivityType(word: string): ActivityType | null {
  return activityTypeFromText(word);
}
