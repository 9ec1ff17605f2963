import type { Db } from '../../core/db/openDatabase.ts';
import type { AssessmentKind, OrgDomain } from '../../core/generated/prisma/enums.ts';
import type { Prisma } from '../../core/generated/prisma/client.ts';
import { UserError } from '../../core/errors/UserError.ts';
import { writeAudit } from '../../core/audit/writeAudit.ts';
import { branchScore } from '../points/branchScore.ts';
import { domainNames } from '../../engine/commands/roleNames.ts';
import { loadRecordSet } from './proposers/loadRecordSet.ts';
import { parseAutoRule } from './proposers/parseAutoRule.ts';
import { proposers } from './proposers/proposers.ts';
import type { Deduction, Evidence } from './proposers/types.ts';
import { gradeFor, loadGradeBands } from './gradeScale.ts';
import type { Period } from './period.ts';
import { periodName } from './period.ts';

export const kindNames: Record<AssessmentKind, string> = { SELF: '自评', TEAM: '考评', SPOT_CHECK: '抽检', CROSS_CHECK: '交叉检查' };

export async function activeStandardFor(db: Db, domain: OrgDomain) {
  const standard = await db.scoringStandard.findFirst({
    where: { domain, active: true },
    orderBy: { id: 'desc' },
    include: { categories: { orderBy: { sortOrder: 'asc' }, include: { items: { orderBy: { sortOrder: 'asc' } } } } },
  });
  if (!standard) {
    throw new UserError(`还没有${domainNames[domain]}领域的评定标准。请组织办用「npm run standards:load -- 标准文件.json」导入后再评分。`);
  }
  return standard;
}

export type FullAssessment = NonNullable<Awaited<ReturnType<typeof loadAssessment>>>;

export function loadAssessment(db: Db, id: number) {
  return db.assessment.findUnique({
    where: { id },
    include: {
      organization: true,
      standard: { include: { categories: { orderBy: { sortOrder: 'asc' }, include: { items: { orderBy: { sortOrder: 'asc' } } } } } },
      scores: true,
    },
  });
}

/** Opens (or reopens a draft of) an assessment and fills in the bot's proposals from the records. */
export async function startAssessment(
  db: Db,
  input: { organizationId: number; kind: AssessmentKind; period: Period; actorId: number; today: string },
): Promise<{ assessment: FullAssessment; created: boolean }> {
  const org = await db.organization.findUniqueOrThrow({ where: { id: input.organizationId } });
  const standard = await activeStandardFor(db, org.domain);
  const existing = await db.assessment.findUnique({
    where: { organizationId_standardId_period_kind: { organizationId: org.id, standardId: standard.id, period: input.period.label, kind: input.kind } },
  });
  if (existing?.status === 'FINAL') {
    throw new UserError(
      `${org.name} ${periodName(input.period.label)}的${kindNames[input.kind]}已经完成（${existing.totalScore} 分，${existing.grade}），不能再修改。`,
    );
  }
  const records = await loadRecordSet(db, org.id, input.period, input.today);
  const items = standard.categories.flatMap((c) => c.items);
  const assessment = await db.$transaction(
    async (tx) => {
      const a =
        existing ??
        (await tx.assessment.create({
          data: { organizationId: org.id, standardId: standard.id, period: input.period.label, kind: input.kind, createdById: input.actorId },
        }));
      for (const item of items) {
        let proposedScore: number | null = null;
        let evidence: Evidence | null = null;
        if (item.autoRule) {
          const { name, params } = parseAutoRule(item.autoRule);
          const proposer = proposers[name];
          if (proposer) {
            const proposal = proposer(records, item.maxPoints, params);
            proposedScore = proposal.score;
            evidence = proposal.evidence;
          }
        }
        const proposal = { proposedScore, evidence: (evidence ?? undefined) as Prisma.InputJsonValue | undefined };
        await tx.assessmentScore.upsert({
          where: { assessmentId_itemId: { assessmentId: a.id, itemId: item.id } },
          create: { assessmentId: a.id, itemId: item.id, ...proposal },
          update: proposal,
        });
      }
      await writeAudit(tx, {
        actorId: input.actorId,
        action: existing ? 'assessment.refreshed' : 'assessment.started',
        targetType: 'Assessment',
        targetId: a.id,
        detail: { organizationId: org.id, period: input.period.label, kind: input.kind },
      });
      return a;
    },
    { timeout: 60_000 },
  );
  return { assessment: (await loadAssessment(db, assessment.id))!, created: !existing };
}

/** The draft being worked on for an organisation and kind (or the one of a given period). */
export async function currentAssessment(db: Db, organizationId: number, kind: AssessmentKind, period?: string): Promise<FullAssessment | null> {
  const row = await db.assessment.findFirst({
    where: { organizationId, kind, ...(period ? { period } : {}) },
    orderBy: [{ status: 'asc' }, { createdAt: 'desc' }],
  });
  return row ? loadAssessment(db, row.id) : null;
}

export function findItem(assessment: FullAssessment, code: string) {
  const wanted = code.toUpperCase();
  for (const category of assessment.standard.categories) {
    const item = category.items.find((i) => i.code.toUpperCase() === wanted);
    if (item) return { item, category, score: assessment.scores.find((s) => s.itemId === item.id) ?? null };
  }
  const all = assessment.standard.categories.flatMap((c) => c.items.map((i) => i.code));
  throw new UserError(`没有项目编号「${code}」。本标准的项目编号是 ${all[0]}…${all[all.length - 1]}，发送「查看」可列出全部。`);
}

function ensureDraft(assessment: FullAssessment): void {
  if (assessment.status === 'FINAL') {
    throw new UserError(`${assessment.organization.name} ${periodName(assessment.period)}的${kindNames[assessment.kind]}已经完成，不能再修改。`);
  }
}

/**
 * Scores an item. A reason is required whenever points are taken off, and always when the score departs from
 * the bot's proposal (an override).
 */
export async function scoreItem(
  db: Db,
  assessment: FullAssessment,
  input: { code: string; score: number; reason?: string | undefined; actorId: number; now: Date },
) {
  ensureDraft(assessment);
  const { item, score: row } = findItem(assessment, input.code);
  if (input.score < 0 || input.score > item.maxPoints) {
    throw new UserError(`${item.code}「${item.name}」满分 ${item.maxPoints} 分，分数应在 0 到 ${item.maxPoints} 之间，收到的是 ${input.score}。`);
  }
  const reason = input.reason?.trim();
  const proposed = row?.proposedScore ?? null;
  const overriding = proposed !== null && input.score !== proposed;
  if (overriding && !reason) {
    throw new UserError(
      `系统依据记录建议 ${item.code}「${item.name}」得 ${proposed} 分。改为 ${input.score} 分必须写明理由。`,
      `评分 ${item.code} ${input.score} <理由>`,
    );
  }
  if (!overriding && input.score < item.maxPoints && !reason && proposed === null) {
    throw new UserError(`${item.code}「${item.name}」扣了 ${item.maxPoints - input.score} 分，请写明扣分原因。`, `评分 ${item.code} ${input.score} <扣分原因>`);
  }
  const deductions: Deduction[] =
    input.score < item.maxPoints
      ? reason
        ? [{ points: round(item.maxPoints - input.score), reason }]
        : ((row?.evidence as unknown as Evidence | null)?.deductions ?? [])
      : [];
  await db.$transaction(async (tx) => {
    await tx.assessmentScore.upsert({
      where: { assessmentId_itemId: { assessmentId: assessment.id, itemId: item.id } },
      create: {
        assessmentId: assessment.id,
        itemId: item.id,
        score: input.score,
        deductions: deductions as unknown as Prisma.InputJsonValue,
        overrideReason: overriding ? reason! : null,
        scoredById: input.actorId,
        scoredAt: input.now,
      },
      update: {
        score: input.score,
        deductions: deductions as unknown as Prisma.InputJsonValue,
        overrideReason: overriding ? reason! : null,
        scoredById: input.actorId,
        scoredAt: input.now,
      },
    });
    await writeAudit(tx, {
      actorId: input.actorId,
      action: overriding ? 'assessment.item.overridden' : 'assessment.item.scored',
      targetType: 'Assessment',
      targetId: assessment.id,
      detail: { item: item.code, score: input.score, proposed, ...(reason ? { reason } : {}) },
    });
  });
  return { item, proposed, overriding };
}

/** Accepts the bot's proposal for one item, or for every item that has one and is not yet scored ('all'). */
export async function acceptProposals(db: Db, assessment: FullAssessment, input: { code: string | 'all'; actorId: number; now: Date }) {
  ensureDraft(assessment);
  const targets =
    input.code === 'all'
      ? assessment.scores.filter((s) => s.proposedScore !== null && s.score === null)
      : (() => {
          const { item, score } = findItem(assessment, input.code);
          if (score?.proposedScore === null || score?.proposedScore === undefined) {
            throw new UserError(`${item.code}「${item.name}」没有系统建议分（不能由记录判断），请直接评分：评分 ${item.code} <分数> [扣分原因]`);
          }
          return [score];
        })();
  await db.$transaction(async (tx) => {
    for (const s of targets) {
      const evidence = s.evidence as unknown as Evidence | null;
      await tx.assessmentScore.update({
        where: { id: s.id },
        data: {
          score: s.proposedScore,
          deductions: (evidence?.deductions ?? []) as unknown as Prisma.InputJsonValue,
          overrideReason: null,
          scoredById: input.actorId,
          scoredAt: input.now,
        },
      });
    }
    await writeAudit(tx, {
      actorId: input.actorId,
      action: 'assessment.proposals.accepted',
      targetType: 'Assessment',
      targetId: assessment.id,
      detail: { items: targets.map((t) => t.itemId) },
    });
  });
  return targets.length;
}

export function totals(assessment: FullAssessment) {
  let total = 0;
  const unscored: string[] = [];
  const categories = assessment.standard.categories.map((c) => {
    let sum = 0;
    for (const item of c.items) {
      const s = assessment.scores.find((x) => x.itemId === item.id);
      if (s?.score === null || s?.score === undefined) unscored.push(item.code);
      else sum += s.score;
    }
    total += sum;
    return { name: c.name, maxPoints: c.maxPoints, score: round(sum) };
  });
  return { total: round(total), unscored, categories };
}

/** Completes an assessment: total, grade; a team assessment also sets the branch's stars for the year (§3). */
export async function finalizeAssessment(db: Db, assessment: FullAssessment, input: { actorId: number; now: Date }) {
  ensureDraft(assessment);
  const { total, unscored } = totals(assessment);
  if (unscored.length > 0) {
    throw new UserError(
      `还有 ${unscored.length} 项未评分：${unscored.join('、')}。可先发送「采纳 全部」采纳系统建议，其余逐项「评分 <编号> <分数> [扣分原因]」。`,
    );
  }
  const bands = await loadGradeBands(db);
  const grade = gradeFor(total, bands);
  // The branch score of a finalised assessment is its total (src/areas/points/branchScore.ts).
  const { stars } = branchScore(total, [])!;
  const year = Number(assessment.period.slice(0, 4));
  await db.$transaction(async (tx) => {
    await tx.assessment.update({ where: { id: assessment.id }, data: { status: 'FINAL', totalScore: total, grade, finalizedAt: input.now } });
    if (assessment.kind === 'TEAM') {
      await tx.branchStar.upsert({
        where: { organizationId_year: { organizationId: assessment.organizationId, year } },
        create: { organizationId: assessment.organizationId, year, score: total, stars, computedAt: input.now },
        update: { score: total, stars, computedAt: input.now },
      });
    }
    await writeAudit(tx, {
      actorId: input.actorId,
      action: 'assessment.finalized',
      targetType: 'Assessment',
      targetId: assessment.id,
      detail: { total, grade, ...(assessment.kind === 'TEAM' ? { stars, year } : {}) },
    });
  });
  return { total, grade, stars, year };
}

/** Item-by-item differences between a self-assessment and the team's assessment. */
export function compareAssessments(self: FullAssessment, team: FullAssessment) {
  const rows = team.standard.categories.flatMap((c) =>
    c.items.map((item) => {
      const t = team.scores.find((s) => s.itemId === item.id)?.score ?? null;
      const selfItem = self.standard.categories.flatMap((x) => x.items).find((i) => i.code === item.code);
      const s = selfItem ? (self.scores.find((x) => x.itemId === selfItem.id)?.score ?? null) : null;
      return { code: item.code, name: item.name, self: s, team: t, diff: s !== null && t !== null ? round(t - s) : null };
    }),
  );
  return { rows, differing: rows.filter((r) => r.diff !== null && r.diff !== 0) };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
