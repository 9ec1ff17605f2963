import type { Db } from '../../core/db/openDatabase.ts';
import type { MonthSpan } from './parseMonth.ts';
import { SHOWN_PHOTO } from './shownPhoto.ts';

export interface EvidenceRow {
  activityId: number;
  seq: number;
  type: import('../../core/generated/prisma/enums.ts').ActivityType;
  heldOn: Date;
  topic: string;
  /** All pictures linked to the activity, whenever uploaded. */
  photos: number;
  /** Their numbers (the 「照片 N」 of /问题 销号), oldest first. */
  photoIds: number[];
}

export interface MonthlyEvidence {
  /** Activities held in the month, plus earlier ones that got pictures in the month. */
  activities: EvidenceRow[];
  photosInMonth: number;
  unlinkedInMonth: number;
  /** Numbers of the month's pictures linked to no activity (the latest 20). */
  unlinkedIds: number[];
}

/** 痕迹 of one organisation for one month: pictures per activity, activities without any, unlinked pictures. */
export async function monthlyEvidence(db: Db, organizationId: number, span: MonthSpan): Promise<MonthlyEvidence> {
  const photoWhere = { organizationId, createdAt: { gte: span.start, lt: span.end }, ...SHOWN_PHOTO };
  const [photosInMonth, unlinkedInMonth, unlinked, linkedElsewhere] = await Promise.all([
    db.tracePhoto.count({ where: photoWhere }),
    db.tracePhoto.count({ where: { ...photoWhere, activityId: null } }),
    db.tracePhoto.findMany({ where: { ...photoWhere, activityId: null }, select: { id: true }, orderBy: { id: 'desc' }, take: 20 }),
    db.tracePhoto.findMany({ where: { ...photoWhere, activityId: { not: null } }, select: { activityId: true }, distinct: ['activityId'] }),
  ]);
  const activities = await db.activity.findMany({
    where: {
      organizationId,
      status: 'ACTIVE',
      OR: [{ heldOn: { gte: span.firstDay, lt: span.nextFirstDay } }, { id: { in: linkedElsewhere.map((p) => p.activityId!) } }],
    },
    include: { photos: { where: SHOWN_PHOTO, select: { id: true }, orderBy: { id: 'asc' } } },
    orderBy: [{ heldOn: 'asc' }, { seq: 'asc' }],
  });
  return {
    activities: activities.map((a) => ({
      activityId: a.id,
      seq: a.seq,
      type: a.type,
      heldOn: a.heldOn,
      topic: a.topic,
      photos: a.photos.length,
      photoIds: a.photos.map((p) => p.id),
    })),
    photosInMonth,
    unlinkedInMonth,
    unlinkedIds: unlinked.map((p) => p.id).reverse(),
  };
}
