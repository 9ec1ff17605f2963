import type { Db } from '../../core/db/openDatabase.ts';
import { UserError } from '../../core/errors/UserError.ts';
import { writeAudit } from '../../core/audit/writeAudit.ts';
import { loadLedgerRules, type LedgerRules } from './ledgerRules.ts';
import type { ProblemForm } from './problemForm.ts';
import { instantToIso, showDay } from '../../core/time/calendarDay.ts';
import { SHOWN_PHOTO } from '../traces/shownPhoto.ts';

export async function createProblem(db: Db, input: { organizationId: number; year: number; form: ProblemForm; actorId: number }) {
  const rules = await loadLedgerRules(db);
  return db.$transaction(async (tx) => {
    const same = await tx.problemEntry.findFirst({ where: { organizationId: input.organizationId, year: input.year, problem: input.form.problem } });
    if (same) throw new UserError(`这个问题已经登记过了（第 ${same.seq} 号），没有重复登记。发送 /问题 查看台账。`);
    // The 2–3 places are for problems under rectification: closing one (销号) frees its place.
    const open = await tx.problemEntry.count({ where: { organizationId: input.organizationId, status: 'OPEN' } });
    if (open >= rules.max) {
      throw new UserError(
        `本支部正在整改的问题已有 ${open} 条，按要求每个支部确定 ${rules.min}–${rules.max} 个最突出的问题。请先把已有问题整改销号（销号后可再登记），或联系组织办调整。`,
      );
    }
    const count = await tx.problemEntry.count({ where: { organizationId: input.organizationId, year: input.year } });
    const last = await tx.problemEntry.findFirst({ where: { organizationId: input.organizationId, year: input.year }, orderBy: { seq: 'desc' } });
    const entry = await tx.problemEntry.create({
      data: {
        organizationId: input.organizationId,
        year: input.year,
        seq: (last?.seq ?? 0) + 1,
        problem: input.form.problem,
        cause: input.form.cause,
        target: input.form.target,
        measures: input.form.measures,
        deadline: new Date(`${input.form.deadline}T00:00:00Z`),
        responsible: input.form.responsible,
        createdById: input.actorId,
      },
    });
    await writeAudit(tx, { actorId: input.actorId, action: 'problem.created', targetType: 'ProblemEntry', targetId: entry.id, detail: { seq: entry.seq } });
    return { entry, count: count + 1, rules };
  });
}

/** "本支部已有 N 条" and whether that meets the rule by the due date. */
export function ledgerStatusLine(count: number, rules: LedgerRules, year: number, today: string): string {
  const due = `${year}-${rules.due}`;
  const dueText = `${Number(rules.due.slice(0, 2))}月${Number(rules.due.slice(3))}日`;
  if (count >= rules.min) return `本支部 ${year} 年问题台账共 ${count} 条，已达到 ${rules.min}–${rules.max} 条的要求。`;
  if (today > due) return `⚠️ 本支部 ${year} 年问题台账只有 ${count} 条，要求 ${rules.min}–${rules.max} 条，报送截止 ${dueText} 已过，请尽快补齐。`;
  return `本支部 ${year} 年问题台账已有 ${count} 条，还差 ${rules.min - count} 条（要求 ${rules.min}–${rules.max} 条，${dueText}前报送）。`;
}

export async function findProblem(db: Db, organizationId: number, ref: string, year: number) {
  const m = /^(?:(\d{4})-)?(\d{1,3})$/.exec(ref.replace(/^第|号$/gu, ''));
  if (!m) throw new UserError(`问题编号应是数字，例如 1 或 2026-1，收到的是「${ref}」。`);
  const entry = await db.problemEntry.findUnique({
    where: { organizationId_year_seq: { organizationId, year: m[1] ? Number(m[1]) : year, seq: Number(m[2]) } },
  });
  if (!entry) throw new UserError(`本支部没有第 ${ref} 号问题。发送 /问题 查看台账。`);
  return entry;
}

export type ClosingEvidence = { kind: 'activity'; activityId: number; label: string } | { kind: 'photo'; photoId: number; label: string };

/**
 * Evidence for closing: a meeting record number (记录 12 / 2026-12), a 痕迹 photo number of this branch (照片 5, as
 * the photo receipt and /痕迹 show it), or 刚发的照片: the branch's latest photo within the window, whoever posted
 * it (书记 in the 支部群 or 联络员 in the 联络员群).
 */
export async function resolveEvidence(
  db: Db,
  input: { organizationId: number; year: number; text: string; now: Date; windowMinutes: number },
): Promise<ClosingEvidence> {
  const text = input.text.trim();
  const usage = '/问题 销号 <编号> 记录<会议记录号> | 照片<照片编号> | 刚发的照片';
  if (!text) throw new UserError('销号必须附整改证据：一条会议记录的编号，或一张痕迹照片。', usage);
  if (/^(刚发的照片|刚才的照片|刚发的图片|最新照片)/u.test(text)) {
    const since = new Date(input.now.getTime() - input.windowMinutes * 60_000);
    const photo = await db.tracePhoto.findFirst({
      where: { organizationId: input.organizationId, createdAt: { gte: since, lte: input.now }, ...SHOWN_PHOTO },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      include: { uploader: { select: { name: true } } },
    });
    if (!photo) {
      throw new UserError(
        `最近 ${input.windowMinutes} 分钟内本支部没有新的痕迹照片。请先把整改照片发到支部群（或由联络员发到联络员群），再发送销号；也可以写照片编号，如「照片 5」（照片编号见 /痕迹）。`,
        usage,
      );
    }
    return { kind: 'photo', photoId: photo.id, label: `照片 ${photo.id}（${photo.uploader.name}发）` };
  }
  const photo = /^(?:照片|图片)\s*(?:第|#|＃)?\s*(\d+)号?$/u.exec(text);
  if (photo) {
    const row = await db.tracePhoto.findUnique({ where: { id: Number(photo[1]) } });
    if (!row || row.organizationId !== input.organizationId || row.revokedAt) {
      throw new UserError(
        `本支部没有编号 ${photo[1]} 的痕迹照片${row?.revokedAt ? '（这张照片已撤销）' : row ? '（这张照片是别的组织的痕迹）' : ''}。照片编号见照片回执或 /痕迹。`,
        usage,
      );
    }
    return { kind: 'photo', photoId: row.id, label: `照片 ${row.id}` };
  }
  const record = /^(?:会议记录|记录|回执)?\s*(?:第|#)?(?:(\d{4})-)?(\d+)号?$/u.exec(text);
  if (record) {
    const year = record[1] ? Number(record[1]) : input.year;
    const row = await db.activity.findFirst({ where: { organizationId: input.organizationId, year, seq: Number(record[2]), status: 'ACTIVE' } });
    if (!row) throw new UserError(`本支部 ${year} 年没有第 ${record[2]} 号会议记录（或该记录已被替换）。`, usage);
    return { kind: 'activity', activityId: row.id, label: `${year} 年第 ${row.seq} 号会议记录「${row.topic}」` };
  }
  throw new UserError(`看不懂证据「${text.slice(0, 20)}」。`, usage);
}

export async function closeProblem(
  db: Db,
  input: { entryId: number; evidence: ClosingEvidence; note?: string; actorId: number; now: Date; /** TZ_NAME, for the day it was closed. */ zone?: string },
) {
  return db.$transaction(async (tx) => {
    const entry = await tx.problemEntry.findUniqueOrThrow({ where: { id: input.entryId } });
    if (entry.status === 'CLOSED')
      throw new UserError(
        `第 ${entry.seq} 号问题已经销号了${entry.closedAt ? `（${showDay(instantToIso(entry.closedAt, input.zone ?? 'Asia/Shanghai'), 0)}）` : ''}。`,
      );
    const updated = await tx.problemEntry.update({
      where: { id: entry.id },
      data: {
        status: 'CLOSED',
        closedAt: input.now,
        closedById: input.actorId,
        closingActivityId: input.evidence.kind === 'activity' ? input.evidence.activityId : null,
        closingPhotoId: input.evidence.kind === 'photo' ? input.evidence.photoId : null,
        closingNote: input.note ?? null,
      },
    });
    await writeAudit(tx, {
      actorId: input.actorId,
      action: 'problem.closed',
      targetType: 'ProblemEntry',
      targetId: entry.id,
      detail: { evidence: input.evidence.label },
    });
    return updated;
  });
}
