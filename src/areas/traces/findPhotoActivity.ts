import type { Db } from '../../core/db/openDatabase.ts';
import { toHalfWidth } from '../../core/text/toHalfWidth.ts';
import { activityTypeWords } from './activityLabel.ts';

export interface PhotoActivityQuery {
  organizationId: number;
  groupId: number | null;
  uploaderId: number;
  caption: string;
  now: Date;
  /** Calendar year in the configured zone, for record numbers. */
  year: number;
  /** Today's calendar date (YYYY-MM-DD) in the configured zone: `heldOn` is a calendar day, not an instant. */
  today: string;
  windowMinutes: number;
}

/** How far back a caption naming only a type (「主题党日」) looks for that activity. */
export const CAPTION_LOOKBACK_DAYS = 62;

/**
 * The activity a 痕迹 picture belongs to, in this order:
 * 1. the caption names a record number (`第12号记录`, `12号记录`, `记录12`, `#12`; a bare `11号` is a date, not a record): that record of the organisation this year;
 * 2. the caption names an activity type (`主题党日`, `支委会`, …): the organisation's latest record of that type
 *    held in the last CAPTION_LOOKBACK_DAYS days;
 * 3. otherwise an activity of the organisation recorded by the uploader, or recorded in this group, within
 *    the last `windowMinutes` (PHOTO_LINK_WINDOW_MINUTES).
 * Only ACTIVE records count (a replaced record hands its photos to nobody).
 */
export async function findPhotoActivity(db: Db, q: PhotoActivityQuery) {
  const caption = toHalfWidth(q.caption);
  const number = /第?\s*(\d{1,6})\s*号记录|记录\s*#?(\d{1,6})|#(\d{1,6})/u.exec(caption);
  if (number) {
    const seq = Number(number[1] ?? number[2] ?? number[3]);
    const byNumber = await db.activity.findFirst({ where: { organizationId: q.organizationId, year: q.year, seq, status: 'ACTIVE' } });
    if (byNumber) return byNumber;
  }
  const typed = activityTypeWords.find(([word]) => caption.includes(word));
  if (typed) {
    const today = new Date(`${q.today}T00:00:00Z`);
    const since = new Date(today.getTime() - CAPTION_LOOKBACK_DAYS * 24 * 3600 * 1000);
    const byType = await db.activity.findFirst({
      where: { organizationId: q.organizationId, type: typed[1], status: 'ACTIVE', heldOn: { gte: since, lte: today } },
      orderBy: [{ heldOn: 'desc' }, { createdAt: 'desc' }],
    });
    if (byType) return byType;
  }
  const windowStart = new Date(q.now.getTime() - q.windowMinutes * 60 * 1000);
  return db.activity.findFirst({
    where: {
      organizationId: q.organizationId,
      status: 'ACTIVE',
      createdAt: { gte: windowStart, lte: q.now },
      OR: [{ recordedById: q.uploaderId }, ...(q.groupId !== null ? [{ groupId: q.groupId }] : [])],
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  });
}
