import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../../support/startTestService.ts';
import { fixedClock } from '../../../src/core/time/clock.ts';
import { BEHIND_BRANCH } from '../../../src/app/demo/seedDemoHistory.ts';

/**
 * A newcomer's first look at the demo town (issue 12, "a living demo"): on a first start on 20 November the town
 * has its year up to yesterday, so /积分榜, /进度, /未交 and the digest show a town at work.
 */
describe("the demo town has this year's history on a first start", () => {
  let service: TestService;
  const clock = fixedClock('2026-11-20T02:00:00Z'); // 10:00 in Beijing
  const db = () => service.database.prisma;
  beforeAll(async () => {
    service = await startTestService({ clock, env: { DEMO_HISTORY: '1' } });
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('holds records of every kind with attendees, photos, 简报, points, problems and tasks, none after yesterday', async () => {
    const types = await db().activity.groupBy({ by: ['type'], _count: { _all: true } });
    expect(types.map((t) => t.type).sort()).toEqual(
      ['COMMITTEE_MEETING', 'GROUP_MEETING', 'HEART_TALK', 'PARTY_CONGRESS', 'PARTY_LESSON', 'THEME_DAY', 'TRAINING'].sort(),
    );
    expect(await db().activity.count({ where: { heldOn: { gte: new Date('2026-11-20T00:00:00Z') } } })).toBe(0);
    expect(await db().activityAttendee.count()).toBeGreaterThan(500);
    expect(await db().tracePhoto.count({ where: { activityId: { not: null } } })).toBeGreaterThan(10);
    expect((await db().briefing.groupBy({ by: ['status'] })).map((b) => b.status).sort()).toEqual(['ADOPTED', 'RETURNED', 'SUBMITTED']);
    expect(await db().problemEntry.count({ where: { status: 'CLOSED' } })).toBeGreaterThan(0);
    expect(await db().problemEntry.count({ where: { status: 'OPEN' } })).toBeGreaterThan(0);
    expect(await db().taskAssignment.count({ where: { status: 'DONE' } })).toBeGreaterThan(20);
    expect(await db().taskAssignment.count({ where: { status: 'OPEN', task: { deadline: { lt: clock.now() } } } })).toBeGreaterThan(0);
  });

  it("keeps every attendance total within the rule's yearly cap", async () => {
    const rows = await db().$queryRaw<{ over: bigint }[]>`
      SELECT count(*) AS over FROM (
        SELECT p."memberId", p."ruleId", sum(p.points) AS total, r."yearlyCap" FROM "PointEntry" p JOIN "PointRule" r ON r.id = p."ruleId"
        WHERE r."yearlyCap" IS NOT NULL GROUP BY p."memberId", p."ruleId", r."yearlyCap") t
      WHERE t.total > t."yearlyCap"`;
    expect(Number(rows[0]!.over)).toBe(0);
  });

  it('shows a town at work on the first /积分榜, /进度 and /未交', async () => {
    const [board] = await service.sayText('sb-group-dongwan', 'sb-dw-member', '/积分榜');
    expect(board).toContain('暂定');
    expect(board).toMatch(/三星 [1-9]\d* 人/u);
    expect(board).not.toMatch(/无星|不合格/u);
    const [progress] = await service.sayText('sb-group-dongwan', 'sb-dw-member', '/进度');
    expect(progress).toContain('主题党日');
    const [missing] = await service.sayText('sb-group-leading', 'sb-admin', '/未交');
    expect(missing).toContain(BEHIND_BRANCH.replace('党支部', ''));
  });

  it('the behind branch stops after June', async () => {
    const nantang = await db().organization.findUniqueOrThrow({ where: { name: BEHIND_BRANCH } });
    expect(await db().activity.count({ where: { organizationId: nantang.id, heldOn: { gte: new Date('2026-07-01T00:00:00Z') } } })).toBe(0);
    expect(await db().activity.count({ where: { organizationId: nantang.id } })).toBeGreaterThan(10);
  });
});

describe('seeding is deterministic', () => {
  it('writes the same history twice for the same day', async () => {
    const { createTestDatabase } = await import('../../support/testDatabase.ts');
    const { openDatabase } = await import('../../../src/core/db/openDatabase.ts');
    const { migrate } = await import('../../../src/core/db/migrate.ts');
    const { seedReferenceData } = await import('../../../src/app/seed/seedReferenceData.ts');
    const { seedDemo } = await import('../../../src/app/demo/seedDemo.ts');
    const { seedDemoHistory } = await import('../../../src/app/demo/seedDemoHistory.ts');
    const snapshots: string[] = [];
    for (let run = 0; run < 2; run++) {
      const testDb = await createTestDatabase('postgres');
      const database = await openDatabase({ url: testDb.url! });
      const dataDir = mkdtempSync(join(tmpdir(), 'zhibu-demo-'));
      try {
        await migrate(database);
        await seedReferenceData(database.prisma);
        await seedDemo(database.prisma);
        const summary = await seedDemoHistory(database.prisma, { now: new Date('2026-12-31T15:59:00Z'), zone: 'Asia/Shanghai', dataDir });
        const points = await database.prisma.pointEntry.findMany({ select: { memberId: true, points: true, reason: true }, orderBy: { id: 'asc' } });
        snapshots.push(JSON.stringify({ summary, points }));
        // 31 December 23:59 in Beijing: the whole year up to 30 December, nothing on or after the 31st.
        expect(await database.prisma.activity.count({ where: { heldOn: { gte: new Date('2026-12-31T00:00:00Z') } } })).toBe(0);
        expect(await database.prisma.activity.count({ where: { heldOn: { gte: new Date('2026-12-01T00:00:00Z') } } })).toBeGreaterThan(0);
      } finally {
        await database.close();
        await testDb.drop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
    expect(snapshots[0]).toBe(snapshots[1]);
  });
});
