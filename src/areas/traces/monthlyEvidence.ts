import type { Db } from '../../core/db/openDatabase.ts';
import type { MonthSpan } from './parseMonth.ts';

export interface EvidenceRow {
  activityId: number;
  seq: number;
  type: import('../../core/generated/prisma/enums.ts').ActivityType;
  heldOn: Date;
  topic: string;
  /** All pictures linked to the activity, whenever uploaded. */
  photos: number;
}

export interface MonthlyEvidence {
  /** Activities held in the month, plus earlier ones that got pictures in the month. */
  activities: EvidenceRow[];
  photosInMonth: number;
  unlinkedInMonth: number;
}

/** 痕迹 of one organisation for one month: pictures per activity, activities without any, unlinked pictures. */
export async function monthlyEvidence(db: Db, organizationId: number, span: MonthSpan): Promise<MonthlyEvidence> {
  const photoWhere = { organizationId, createdAt: { gte: span.start, lt: span.end } };
  const [photosInMonth, unlinkedInMonth, linkedElsewhere] = await Promise.all([
    db.tracePhoto.count({ where: photoWhere }),
    db.tracePhoto.count({ where: { ...photoWhere, activityId: null } }),
    db.tracePhoto.findMany({ where: { ...photoWhere, activityId: { not: null } }, select: { activityId: true }, distinct: ['activityId'] }),
  ]);
  const activities = await db.activity.findMany({
    where: {
      organizationId,
      status: 'ACTIVE',
      OR: [{ heldOn: { gte: span.firstDay, lt: span.nextFirstDay } }, { id: { in: linkedElsewhere.map((p) => p.activityId!) } }],
    },
    include: { _count: { select: { photos: true } } },
    orderBy: [{ heldOn: 'asc' }, { seq: 'asc' }],
  });
  return {
    activities: activities.map((a) => ({ activityId: a.id, seq: a.seq, type: a.type, heldOn: a.heldOn, topic: a.topic, photos: a._count.photos })),
    photosInMonth,
    unlinkedInMonth,
  };
}
