import type { Db } from '../../core/db/openDatabase.ts';
import type { ActivityType, Platform } from '../../core/generated/prisma/enums.ts';
import { UserError } from '../../core/errors/UserError.ts';
import { writeAudit } from '../../core/audit/writeAudit.ts';
import { awardActivityPoints, reverseActivityPoints } from '../points/awardActivityPoints.ts';
import { activityName } from './cadence.ts';
import { formatDay } from './parseRecordDate.ts';

/** A record that passed every check, with its attendees resolved to members of the branch. */
export interface RecordToSave {
  organizationId: number;
  groupId: number | null;
  recordedById: number;
  platform: Platform;
  type: ActivityType;
  heldOn: string;
  topic: string;
  expectedCount: number | null;
  presentCount: number | null;
  hours: number | null;
  summary: string | null;
  /** The programme of /项目 this record counts towards (Activity.programmeCode), if any. */
  programmeCode?: string | null;
  programmeName?: string | null;
  attendees: { id: number; name: string }[];
  /** The active record of the same type, branch and date this one replaces (after /确认). */
  replacesActivityId?: number;
  /** Kept beside an active record of the same type and date (after /另存, for kinds held several times a day). */
  besideActivityId?: number;
  /** When the record is made (the service clock); photo linking compares it with the clock's now. */
  recordedAt?: Date;
}

export interface SavedRecord {
  activityId: number;
  year: number;
  seq: number;
  /** True when this event had already saved the record (a retried job): nothing new was written. */
  repeated: boolean;
  pointsRuleName: string | null;
  perMember: number;
  awarded: { memberId: number; points: number }[];
  capped: { id: number; name: string }[];
  replaced: { id: number; year: number; seq: number; reversedEntries: number } | null;
}

export const RECORDED = 'activity.recorded';

export function dateOnly(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

/** The active record of a type, branch and date, if any. */
export async function findSameRecord(db: Db, organizationId: number, type: ActivityType, heldOn: string) {
  return db.activity.findFirst({ where: { organizationId, type, heldOn: dateOnly(heldOn), status: 'ACTIVE' }, orderBy: { id: 'asc' } });
}

/** What an earlier run of the same event saved, so a retried job answers the same receipt and writes nothing. */
async function earlierRun(db: Db, eventKey: string): Promise<SavedRecord | null> {
  const audit = await db.auditLog.findFirst({
    where: { action: RECORDED, targetType: 'Activity', detail: { path: ['eventKey'], equals: eventKey } },
  });
  if (!audit?.targetId) return null;
  const activity = await db.activity.findUnique({ where: { id: Number(audit.targetId) } });
  if (!activity) return null;
  const entries = await db.pointEntry.findMany({ where: { sourceType: 'ACTIVITY', sourceId: activity.id }, include: { rule: true } });
  const detail = audit.detail as { replaced?: SavedRecord['replaced']; perMember?: number; capped?: SavedRecord['capped'] } | null;
  return {
    activityId: activity.id,
    year: activity.year,
    seq: activity.seq,
    repeated: true,
    pointsRuleName: entries[0]?.rule?.name ?? null,
    perMember: detail?.perMember ?? entries[0]?.points ?? 0,
    awarded: entries.map((e) => ({ memberId: e.memberId, points: e.points })),
    capped: detail?.capped ?? [],
    replaced: detail?.replaced ?? null,
  };
}

/**
 * Saves a meeting record in one transaction: the activity and its attendees, attendance points within the
 * yearly caps, 学时, the audit entry, and (when replacing) the old record marked REPLACED with its points
 * reversed. Keyed on the chat event: running it again for the same event changes nothing.
 */
export async function saveActivityRecord(db: Db, input: RecordToSave, eventKey: string): Promise<SavedRecord> {
  const earlier = await earlierRun(db, eventKey);
  if (earlier) return earlier;
  const year = Number(input.heldOn.slice(0, 4));
  const name = activityName(input.type);
  return db.$transaction(
    async (tx) => {
      let replaced: SavedRecord['replaced'] = null;
      if (input.replacesActivityId !== undefined) {
        const old = await tx.activity.findUnique({ where: { id: input.replacesActivityId } });
        if (!old || old.status !== 'ACTIVE') {
          throw new UserError('要替换的那条记录已经被替换或不存在了，没有保存。请重新发送 /会议记录。');
        }
        await tx.activity.update({ where: { id: old.id }, data: { status: 'REPLACED' } });
        const reversedEntries = await reverseActivityPoints(tx, {
          activityId: old.id,
          eventKey,
          actorId: input.recordedById,
          reason: `${name}记录（${old.year}年第${old.seq}号）被替换，撤回积分`,
          ...(input.recordedAt ? { at: input.recordedAt } : {}),
        });
        replaced = { id: old.id, year: old.year, seq: old.seq, reversedEntries };
      } else {
        const same = await tx.activity.findFirst({
          where: { organizationId: input.organizationId, type: input.type, heldOn: dateOnly(input.heldOn), status: 'ACTIVE' },
          orderBy: { id: 'asc' },
        });
        if (same && input.besideActivityId !== same.id)
          throw new UserError(`${formatDay(input.heldOn, 0)}的${name}已有记录（${same.year}年第${same.seq}号），没有重复保存。`);
      }
      const last = await tx.activity.aggregate({ where: { organizationId: input.organizationId, year }, _max: { seq: true } });
      const seq = (last._max.seq ?? 0) + 1;
      const presentIds = input.attendees.map((a) => a.id);
      const activity = await tx.activity.create({
        data: {
          organizationId: input.organizationId,
          year,
          seq,
          type: input.type,
          heldOn: dateOnly(input.heldOn),
          topic: input.topic,
          expectedCount: input.expectedCount,
          presentCount: input.presentCount,
          hours: input.hours,
          summary: input.summary,
          programmeCode: input.programmeCode ?? null,
          recordedById: input.recordedById,
          groupId: input.groupId,
          ...(input.recordedAt ? { createdAt: input.recordedAt } : {}),
        },
      });
      if (presentIds.length > 0) {
        await tx.activityAttendee.createMany({
          data: presentIds.map((memberId) => ({ activityId: activity.id, memberId, present: true, hours: input.hours })),
        });
      }
      if (replaced) await tx.activity.update({ where: { id: replaced.id }, data: { replacedById: activity.id } });
      const award = await awardActivityPoints(tx, {
        activityId: activity.id,
        type: input.type,
        year,
        organizationId: input.organizationId,
        memberIds: presentIds,
        eventKey,
        actorId: input.recordedById,
        reason: `参加${name}（${formatDay(input.heldOn, year)}，${year}年第${seq}号）`,
        ...(input.recordedAt ? { at: input.recordedAt } : {}),
      });
      const names = new Map(input.attendees.map((a) => [a.id, a.name]));
      const capped = award.capped.map((id) => ({ id, name: names.get(id) ?? String(id) }));
      await writeAudit(tx, {
        actorId: input.recordedById,
        action: RECORDED,
        targetType: 'Activity',
        targetId: activity.id,
        platform: input.platform,
        detail: {
          eventKey,
          type: input.type,
          heldOn: input.heldOn,
          seq,
          attendees: presentIds.length,
          pointsAwarded: award.awarded.reduce((s, a) => s + a.points, 0),
          perMember: award.perMember,
          capped,
          hours: input.hours,
          replaced,
        },
      });
      return {
        activityId: activity.id,
        year,
        seq,
        repeated: false,
        pointsRuleName: award.ruleName,
        perMember: award.perMember,
        awarded: award.awarded,
        capped,
        replaced,
      };
    },
    { timeout: 30_000 },
  );
}
