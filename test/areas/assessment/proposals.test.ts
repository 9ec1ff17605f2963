import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityType } from '../../../src/core/generated/prisma/enums.ts';
import { acceptProposals, finalizeAssessment, loadAssessment, scoreItem, startAssessment } from '../../../src/areas/assessment/assessmentService.ts';
import { parsePeriod } from '../../../src/areas/assessment/period.ts';
import type { Evidence } from '../../../src/areas/assessment/proposers/types.ts';
import { gradeFor, GRADE_PRESETS } from '../../../src/areas/assessment/gradeScale.ts';
import { starsForScore } from '../../../src/areas/points/starRating.ts';
import { UserError } from '../../../src/core/errors/UserError.ts';
import { seededDatabase } from './seededDatabase.ts';

describe('a 两新 branch with gaps in its records, 2026-H1', () => {
  let db: Awaited<ReturnType<typeof seededDatabase>>;
  let orgId: number;
  let assessorId: number;
  let seq = 0;

  async function record(
    type: ActivityType,
    heldOn: string,
    extra: { hours?: number; attendees?: { memberId: number; present?: boolean; hours?: number }[] } = {},
  ) {
    await db.prisma.activity.create({
      data: {
        organizationId: orgId,
        year: 2026,
        seq: ++seq,
        type,
        heldOn: new Date(`${heldOn}T00:00:00Z`),
        topic: `${type} ${heldOn}`,
        hours: extra.hours ?? null,
        attendees: { create: (extra.attendees ?? []).map((a) => ({ memberId: a.memberId, present: a.present ?? true, hours: a.hours ?? null })) },
      },
    });
  }

  beforeAll(async () => {
    db = await seededDatabase();
    const org = await db.prisma.organization.findUniqueOrThrow({
      where: { name: '青禾精密机械有限公司党支部' },
      include: { members: { orderBy: { id: 'asc' } } },
    });
    orgId = org.id;
    assessorId = (await db.prisma.member.findFirstOrThrow({ where: { name: '冯雅琴' } })).id;
    // 党员大会 only in the first quarter; 支委会 every month; 党小组会 missing June; 党课 each quarter.
    await record('PARTY_CONGRESS', '2026-02-10');
    for (const m of [1, 2, 3, 4, 5, 6]) await record('COMMITTEE_MEETING', `2026-0${m}-03`);
    for (const m of [1, 2, 3, 4, 5]) await record('GROUP_MEETING', `2026-0${m}-12`);
    await record('PARTY_LESSON', '2026-03-20');
    await record('PARTY_LESSON', '2026-05-20');
    // 主题党日 January to May, none in June.
    for (const m of [1, 2, 3, 4, 5]) await record('THEME_DAY', `2026-0${m}-20`);
    // One 20-hour training: the secretary (班子) is credited 30 hours, one ordinary member was absent.
    const absent = org.members.find((m) => !m.isCadre)!;
    await record('TRAINING', '2026-04-15', {
      hours: 20,
      attendees: org.members.map((m) => ({ memberId: m.id, present: m.id !== absent.id, ...(m.isCadre ? { hours: 30 } : {}) })),
    });
    await record('HEART_TALK', '2026-06-18');
    // A replaced record is not evidence.
    await db.prisma.activity.create({
      data: {
        organizationId: orgId,
        year: 2026,
        seq: ++seq,
        type: 'PARTY_CONGRESS',
        heldOn: new Date('2026-05-05T00:00:00Z'),
        topic: '作废',
        status: 'REPLACED',
      },
    });
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('proposes each records-based item as computed by hand, with its evidence', async () => {
    const { assessment } = await startAssessment(db.prisma, {
      organizationId: orgId,
      kind: 'TEAM',
      period: parsePeriod('2026-H1'),
      actorId: assessorId,
      today: '2026-07-10',
    });
    const byCode = Object.fromEntries(
      assessment.standard.categories
        .flatMap((c) => c.items)
        .map((i) => {
          const s = assessment.scores.find((x) => x.itemId === i.id)!;
          return [i.code, { proposed: s.proposedScore, evidence: s.evidence as unknown as Evidence | null }];
        }),
    );
    // 三会一课 4: 党员大会 misses Q2 (−1), 党小组会 misses June (−1) → 2.
    expect(byCode['N4.1']!.proposed).toBe(2);
    expect(byCode['N4.1']!.evidence!.missing).toEqual(['支部党员大会：第二季度', '党小组会：6月']);
    expect(byCode['N4.1']!.evidence!.records).toHaveLength(1 + 6 + 5 + 2);
    // 主题党日 4: June missing → records incomplete −2 → 2.
    expect(byCode['N4.4']!.proposed).toBe(2);
    expect(byCode['N4.4']!.evidence!.missing[0]).toContain('6月');
    // 党员教育培训 4: half-year floors 16 / 28; the absent member has 0 (−2); the secretary has 30 ≥ 28 → 2.
    expect(byCode['N3.2']!.proposed).toBe(2);
    expect(byCode['N3.2']!.evidence!.missing).toHaveLength(1);
    // 民主评议 and 组织生活会 not held → 0; 谈心谈话 held → 3.
    expect(byCode['N4.2']!.proposed).toBe(0);
    expect(byCode['N4.3']!.proposed).toBe(0);
    expect(byCode['N6.3']!.proposed).toBe(3);
    // Items the records cannot decide get no proposal.
    expect(byCode['N1.1']!.proposed).toBeNull();
  });

  it('needs a reason to override a proposal, and a reason for a manual deduction', async () => {
    const a = (await loadAssessment(db.prisma, (await db.prisma.assessment.findFirstOrThrow({ where: { organizationId: orgId } })).id))!;
    const now = new Date('2026-07-10T02:00:00Z');
    await expect(scoreItem(db.prisma, a, { code: 'N4.1', score: 3, actorId: assessorId, now })).rejects.toThrow(UserError);
    await expect(scoreItem(db.prisma, a, { code: 'N1.1', score: 8, actorId: assessorId, now })).rejects.toThrow(/扣分原因/);
    await expect(scoreItem(db.prisma, a, { code: 'N1.1', score: 11, actorId: assessorId, now })).rejects.toThrow(/0 到 10/);
    await scoreItem(db.prisma, a, { code: 'N4.1', score: 3, reason: '6月党小组会记录在纸质台账中', actorId: assessorId, now });
    const row = await db.prisma.assessmentScore.findFirstOrThrow({ where: { assessmentId: a.id, item: { code: 'N4.1' } } });
    expect(row).toMatchObject({ score: 3, proposedScore: 2, overrideReason: '6月党小组会记录在纸质台账中' });
  });

  it('finalizes with the grade and the branch stars for the year', async () => {
    let a = (await loadAssessment(db.prisma, (await db.prisma.assessment.findFirstOrThrow({ where: { organizationId: orgId } })).id))!;
    const now = new Date('2026-07-10T03:00:00Z');
    await expect(finalizeAssessment(db.prisma, a, { actorId: assessorId, now })).rejects.toThrow(/未评分/);
    expect(await acceptProposals(db.prisma, a, { code: 'all', actorId: assessorId, now })).toBe(5);
    a = (await loadAssessment(db.prisma, a.id))!;
    for (const item of a.standard.categories.flatMap((c) => c.items)) {
      if (!item.autoRule) await scoreItem(db.prisma, a, { code: item.code, score: item.maxPoints, actorId: assessorId, now });
    }
    a = (await loadAssessment(db.prisma, a.id))!;
    // Lost: N4.1 1 (overridden to 3), N4.4 2, N3.2 2, N4.2 4, N4.3 4 → 100 − 13 = 87.
    const result = await finalizeAssessment(db.prisma, a, { actorId: assessorId, now });
    expect(result).toEqual({ total: 87, grade: '良好', stars: 2, year: 2026 });
    expect(await db.prisma.branchStar.findUniqueOrThrow({ where: { organizationId_year: { organizationId: orgId, year: 2026 } } })).toMatchObject({
      score: 87,
      stars: 2,
    });
    await expect(
      scoreItem(db.prisma, (await loadAssessment(db.prisma, a.id))!, { code: 'N1.1', score: 9, reason: 'x', actorId: assessorId, now }),
    ).rejects.toThrow(/已经完成/);
  });
});

describe('grade and star boundaries', () => {
  it.each([
    [100, '优秀', '好', 3],
    [90, '优秀', '好', 3],
    [89.99, '良好', '较好', 2],
    [80, '良好', '较好', 2],
    [79.5, '一般', '一般', 1],
    [60, '一般', '一般', 1],
    [59.99, '软弱涣散', '较差', 0],
    [0, '软弱涣散', '较差', 0],
  ])('%s → %s / %s, %s stars', (score, grade002, grade000, stars) => {
    expect(gradeFor(score, GRADE_PRESETS['002']!.bands)).toBe(grade002);
    expect(gradeFor(score, GRADE_PRESETS['000']!.bands)).toBe(grade000);
    expect(starsForScore(score)).toBe(stars);
  });
});
