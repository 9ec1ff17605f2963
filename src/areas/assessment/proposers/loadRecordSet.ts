import type { Db } from '../../../core/db/openDatabase.ts';
import type { Period } from '../period.ts';
import type { RecordSet } from './types.ts';
import { CURRENT_MEMBER } from '../../../engine/identity/memberStatus.ts';
import { SHOWN_PHOTO } from '../../traces/shownPhoto.ts';

/** Reads an organisation's active records of a period, with attendance and photo counts, and its members. */
export async function loadRecordSet(db: Db, organizationId: number, period: Period, today: string): Promise<RecordSet> {
  const activities = await db.activity.findMany({
    where: { organizationId, status: 'ACTIVE', heldOn: { gte: new Date(`${period.start}T00:00:00Z`), lte: new Date(`${period.end}T00:00:00Z`) } },
    include: { attendees: true, _count: { select: { photos: { where: SHOWN_PHOTO } } } },
    orderBy: [{ heldOn: 'asc' }, { seq: 'asc' }],
  });
  const members = await db.member.findMany({
    where: { organizationId, ...CURRENT_MEMBER },
    select: { id: true, name: true, isCadre: true, joinedAt: true },
    orderBy: { id: 'asc' },
  });
  const dues = await db.duesPayment.findMany({ where: { organizationId, year: period.year }, select: { memberId: true, month: true } });
  return {
    organizationId,
    period,
    asOf: today < period.end ? today : period.end,
    members: members.map((m) => ({ id: m.id, name: m.name, isCadre: m.isCadre, joinedOn: m.joinedAt ? m.joinedAt.toISOString().slice(0, 10) : null })),
    dues,
    records: activities.map((a) => ({
      id: a.id,
      seq: a.seq,
      type: a.type,
      heldOn: a.heldOn.toISOString().slice(0, 10),
      topic: a.topic,
      hours: a.hours,
      photos: a._count.photos,
      attendees: a.attendees.map((x) => ({ memberId: x.memberId, present: x.present, hours: x.hours })),
    })),
  };
}
