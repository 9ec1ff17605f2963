import type { Db } from '../../core/db/openDatabase.ts';

/** How far back a 学习心得 looks for the training or 党课 it is about. */
export const REFLECTION_LINK_DAYS = 30;

/** The branch's latest 专题讲习/培训 or 党课 held in the last REFLECTION_LINK_DAYS days, if any. */
export async function latestLessonActivity(db: Db, organizationId: number, today: string) {
  const end = new Date(`${today}T00:00:00Z`);
  const start = new Date(end.getTime() - REFLECTION_LINK_DAYS * 24 * 3600 * 1000);
  return db.activity.findFirst({
    where: { organizationId, status: 'ACTIVE', type: { in: ['TRAINING', 'PARTY_LESSON'] }, heldOn: { gte: start, lte: end } },
    orderBy: [{ heldOn: 'desc' }, { createdAt: 'desc' }],
  });
}
