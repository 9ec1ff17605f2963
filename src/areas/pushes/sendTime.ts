import { DateTime } from 'luxon';
import { jitterMinute } from './sendJitter.ts';

/** The instant an organisation's message of a kind goes out on a day: hour:jitter, in the zone. */
export function sendTime(todayIso: string, hour: number, organizationId: number, salt: string, zone: string): Date {
  return DateTime.fromISO(todayIso, { zone })
    .set({ hour, minute: jitterMinute(organizationId, salt) })
    .toJSDate();
}
