import type { Db } from '../../core/db/openDatabase.ts';
import { UserError } from '../../core/errors/UserError.ts';
import { writeAudit } from '../../core/audit/writeAudit.ts';
import type { Platform } from '../../core/generated/prisma/enums.ts';
import { reverseActivityPoints } from '../points/awardActivityPoints.ts';
import { SOURCE_MANUAL } from '../points/pointTypes.ts';
import { activityName } from '../records/cadence.ts';
import { formatDay } from '../records/parseRecordDate.ts';
import { SHOWN_PHOTO } from '../traces/shownPhoto.ts';
import { SHOWN_ATTACHMENT } from '../briefings/shownAttachment.ts';
import { briefingLabel, type LabelInput } from '../briefings/briefingLabel.ts';

/** How long one's own last action can be undone with a bare /撤销. Older ones: the 书记 or 组织办 by number. */
export const UNDO_WINDOW_HOURS = 24;

export const SOURCE_UNDO = 'UNDO';

export const UNDO_KINDS = ['record', 'points', 'programme', 'photo', 'attachment'] as const;

export interface Undoable {
  kind: (typeof UNDO_KINDS)[number];
  id: number;
  at: Date;
  label: string;
}

/** The member's most recent action of the window that can still be undone: a record, an 加分/扣分, a 项目 登记, a photo, a 简报 attachment. */
export async function lastUndoable(db: Db, actorId: number, now: Date, currentYear: number): Promise<Undoable | null> {
  const since = new Date(now.getTime() - UNDO_WINDOW_HOURS * 3_600_000);
  const [record, entry, programme, photo, attachment] = await Promise.all([
    db.activity.findFirst({ where: { recordedById: actorId, status: 'ACTIVE', createdAt: { gte: since } }, orderBy: { createdAt: 'desc' } }),
    db.pointEntry.findFirst({
      where: { createdById: actorId, sourceType: SOURCE_MANUAL, createdAt: { gte: since } },
      orderBy: { createdAt: 'desc' },
      include: { member: true },
    }),
    db.programmeEntry.findFirst({
      where: { createdById: actorId, amount: { gt: 0 }, createdAt: { gte: since } },
      orderBy: { createdAt: 'desc' },
      include: { programme: true },
    }),
    db.tracePhoto.findFirst({
      where: { uploaderId: actorId, ...SHOWN_PHOTO, createdAt: { gte: since } },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      include: { activity: true },
    }),
    db.briefingAttachment.findFirst({
      where: { uploaderId: actorId, ...SHOWN_ATTACHMENT, createdAt: { gte: since } },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      include: { briefing: { include: { organization: true } } },
    }),
  ]);
  const candidates: Undoable[] = [];
  if (record) candidates.push({ kind: 'record', id: record.id, at: record.createdAt, label: recordLabel(record, currentYear) });
  if (entry && !(await undone(db, 'points', entry.id))) {
    candidates.push({
      kind: 'points',
      id: entry.id,
      at: entry.createdAt,
      label: `给${entry.member.name}${entry.points < 0 ? '扣' : '加'} ${Math.abs(entry.points)} 分（${entry.reason}）`,
    });
  }
  if (programme && !(await undone(db, 'programme', programme.id))) {
    candidates.push({
      kind: 'programme',
      id: programme.id,
      at: programme.createdAt,
      label: `「${programme.programme.name}」登记 +${programme.amount}${programme.programme.unit}`,
    });
  }
  if (photo) candidates.push({ kind: 'photo', id: photo.id, at: photo.createdAt, label: photoLabel(photo, currentYear) });
  if (attachment) candidates.push({ kind: 'attachment', id: attachment.id, at: attachment.createdAt, label: attachmentLabel(attachment) });
  return candidates.sort((a, b) => b.at.getTime() - a.at.getTime())[0] ?? null;
}

export function recordLabel(record: { type: Parameters<typeof activityName>[0]; heldOn: Date; year: number; seq: number }, currentYear: number): string {
  return `${formatDay(record.heldOn.toISOString().slice(0, 10), currentYear)}的${activityName(record.type)}记录（${record.year}年第${record.seq}号）`;
}

export function photoLabel(photo: { id: number; activity: Parameters<typeof recordLabel>[0] | null }, currentYear: number): string {
  const a = photo.activity;
  return `痕迹照片 ${photo.id}${a ? `（关联：${formatDay(a.heldOn.toISOString().slice(0, 10), currentYear)}${activityName(a.type)}，${a.year === currentYear ? '' : `${a.year}年`}第${a.seq}号记录）` : ''}`;
}

/** 「简报附件 7「活动照片.jpg」（东湾村〔2026〕第5期）」 */
export function attachmentLabel(a: { id: number; fileName: string; briefing: LabelInput }): string {
  return `简报附件 ${a.id}「${a.fileName}」（${briefingLabel(a.briefing)}）`;
}

async function undone(db: Db, kind: 'points' | 'programme', id: number): Promise<boolean> {
  return (await db.auditLog.count({ where: { action: `undo.${kind}`, targetId: String(id) } })) > 0;
}

export interface UndoBy {
  actorId: number;
  platform: Platform;
  eventKey: string;
}

/**
 * Undoes one action in one transaction, nothing deleted: a record is marked 撤销 (its points reversed, its 学时
 * no longer counted, the tasks it closed open again), an 加分/扣分 gets its opposite entry, a 项目 登记 its
 * opposite amount, a photo or a 简报 attachment is marked withdrawn (row and file kept, hidden from every view, count and link).
 * Undoing the same thing twice changes nothing the second time.
 */
export async function undo(db: Db, target: Pick<Undoable, 'kind' | 'id'>, by: UndoBy): Promise<{ done: boolean; label: string }> {
  return db.$transaction(async (tx) => {
    if (target.kind === 'record') {
      const record = await tx.activity.findUniqueOrThrow({ where: { id: target.id } });
      const label = recordLabel(record, record.year);
      if (record.status !== 'ACTIVE') return { done: false, label };
      await tx.activity.update({ where: { id: record.id }, data: { status: 'REVOKED' } });
      const reversed = await reverseActivityPoints(tx, {
        activityId: record.id,
        eventKey: by.eventKey,
        actorId: by.actorId,
        reason: `${label}已撤销，撤回积分`,
      });
      const reopened = await tx.taskAssignment.updateMany({
        where: { closedByActivityId: record.id },
        data: { status: 'OPEN', closedAt: null, closedByActivityId: null },
      });
      await writeAudit(tx, {
        actorId: by.actorId,
        action: 'undo.record',
        targetType: 'Activity',
        targetId: record.id,
        platform: by.platform,
        detail: { reversedEntries: reversed, reopenedTasks: reopened.count, eventKey: by.eventKey },
      });
      return { done: true, label };
    }
    if (target.kind === 'points') {
      const entry = await tx.pointEntry.findUniqueOrThrow({ where: { id: target.id }, include: { member: true } });
      const label = `给${entry.member.name}${entry.points < 0 ? '扣' : '加'} ${Math.abs(entry.points)} 分（${entry.reason}）`;
      if (entry.sourceType !== SOURCE_MANUAL) throw new UserError('只能撤销手工加分、扣分；会议记录的积分请撤销那条记录。');
      const created = await tx.pointEntry.createMany({
        data: [
          {
            memberId: entry.memberId,
            organizationId: entry.organizationId,
            year: entry.year,
            ruleId: entry.ruleId,
            points: -entry.points,
            reason: `撤销：${entry.reason}`,
            sourceType: SOURCE_UNDO,
            sourceId: entry.id,
            idempotencyKey: `undo:points:${entry.id}`,
            createdById: by.actorId,
          },
        ],
        skipDuplicates: true,
      });
      if (created.count === 0) return { done: false, label };
      await writeAudit(tx, {
        actorId: by.actorId,
        action: 'undo.points',
        targetType: 'PointEntry',
        targetId: entry.id,
        platform: by.platform,
        detail: { points: -entry.points, eventKey: by.eventKey },
      });
      return { done: true, label };
    }
    if (target.kind === 'photo') {
      const photo = await tx.tracePhoto.findUniqueOrThrow({ where: { id: target.id }, include: { activity: true } });
      const label = photoLabel(photo, photo.activity?.year ?? 0);
      // Conditional, so two /确认 at once withdraw it once.
      const marked = await tx.tracePhoto.updateMany({ where: { id: photo.id, ...SHOWN_PHOTO }, data: { revokedAt: new Date() } });
      if (marked.count === 0) return { done: false, label };
      await writeAudit(tx, {
        actorId: by.actorId,
        action: 'undo.photo',
        targetType: 'TracePhoto',
        targetId: photo.id,
        platform: by.platform,
        detail: { organizationId: photo.organizationId, activityId: photo.activityId, fileId: photo.fileId, eventKey: by.eventKey },
      });
      return { done: true, label };
    }
    if (target.kind === 'attachment') {
      const attachment = await tx.briefingAttachment.findUniqueOrThrow({
        where: { id: target.id },
        include: { briefing: { include: { organization: true } } },
      });
      const label = attachmentLabel(attachment);
      const marked = await tx.briefingAttachment.updateMany({ where: { id: attachment.id, ...SHOWN_ATTACHMENT }, data: { revokedAt: new Date() } });
      if (marked.count === 0) return { done: false, label };
      await writeAudit(tx, {
        actorId: by.actorId,
        action: 'undo.attachment',
        targetType: 'BriefingAttachment',
        targetId: attachment.id,
        platform: by.platform,
        detail: { briefingId: attachment.briefingId, fileId: attachment.fileId, eventKey: by.eventKey },
      });
      return { done: true, label };
    }
    const entry = await tx.programmeEntry.findUniqueOrThrow({ where: { id: target.id }, include: { programme: true } });
    const label = `「${entry.programme.name}」登记 +${entry.amount}${entry.programme.unit}`;
    if ((await tx.auditLog.count({ where: { action: 'undo.programme', targetId: String(entry.id) } })) > 0) return { done: false, label };
    await tx.programmeEntry.create({
      data: {
        programmeId: entry.programmeId,
        organizationId: entry.organizationId,
        amount: -entry.amount,
        note: `撤销第 ${entry.id} 条登记`,
        createdById: by.actorId,
      },
    });
    await writeAudit(tx, {
      actorId: by.actorId,
      action: 'undo.programme',
      targetType: 'ProgrammeEntry',
      targetId: entry.id,
      platform: by.platform,
      detail: { amount: -entry.amount, eventKey: by.eventKey },
    });
    return { done: true, label };
  });
}
