import { localDateTime } from '../../../core/time/clock.ts';

/** "12月9日 14:30" in TZ_NAME. */
export function formatLocal(at: Date, tz: string): string {
  const t = localDateTime(at, tz);
  return `${t.month}月${t.day}日 ${t.toFormat('HH:mm')}`;
}
