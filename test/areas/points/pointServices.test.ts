import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/testDatabase.ts';
import { openDatabase, type Database } from '../../../src/core/db/openDatabase.ts';
import { migrate } from '../../../src/core/db/migrate.ts';
import { seedPointRules } from '../../../src/areas/points/seedPointRules.ts';
import { DEFAULT_POINT_RULES } from '../../../src/areas/points/defaultPointRules.ts';
import { memberBreakdown, memberYearTotals } from '../../../src/areas/points/memberTotals.ts';
import { saveActivityRecord, type RecordToSave } from '../../../src/areas/records/saveActivityRecord.ts';
import { branchesProgress } from '../../../src/areas/records/branchProgress.ts';
import { resolveNamedMembers } from '../../../src/engine/identity/resolveNamedMembers.ts';

describe('point and record services', () => {
  let testDb: TestDatabase;
  let database: Database;
  let branch: number;
  let child: number;
  let other: number;
  let m: number[];
  const db = () => database.prisma;

  beforeAll(async () => {
    testDb = await createTestDatabase('postgres');
    database = await openDatabase({ url: testDb.url! });
    await migrate(database);
    await seedPointRules(db());
    const root = await db().organization.create({ data: { name: '测试党委', level: 'PARTY_COMMITTEE', domain: 'ORGAN' } });
    branch = (await db().organization.create({ data: { name: '测试支部', level: 'BRANCH', domain: 'VILLAGE', parentId: root.id, themeDay: 10 } })).id;
    child = (await db().organization.create({ data: { name: '测试支部第一党小组', level: 'PARTY_GROUP', domain: 'VILLAGE', parentId: branch } })).id;
    other = (await db().organization.create({ data: { name: '另一支部', level: 'BRANCH', domain: 'NEW_TWO', parentId: root.id } })).id;
    m = [];
    for (const [name, org] of [
      ['甲', branch],
      ['乙', branch],
      ['丙', child],
      ['丁', branch],
      ['甲', other],
      ['戊', branch],
    ] as const) {
      m.push((await db().member.create({ data: { name, organizationId: org } })).id);
    }
    await db().member.update({ where: { id: m[3]! }, data: { ratingExempt: true } });
    await db().member.update({ where: { id: m[5]! }, data: { status: 'TRANSFERRED_OUT' } });
  });
  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });

  it('seeds the default catalogue once and never overwrites an admin edit', async () => {
    expect(await db().pointRule.count()).toBe(DEFAULT_POINT_RULES.length);
    await db().pointRule.update({ where: { code: 'ATT_THEME_DAY' }, data: { points: 4, yearlyCap: null } });
    await db().pointRule.delete({ where: { code: 'STUDY_SELF' } });
    await seedPointRules(db());
    const edited = await db().pointRule.findUniqueOrThrow({ where: { code: 'ATT_THEME_DAY' } });
    expect([edited.points, edited.yearlyCap]).toEqual([4, null]);
    expect(await db().pointRule.count()).toBe(DEFAULT_POINT_RULES.length);
    await db().pointRule.update({ where: { code: 'ATT_THEME_DAY' }, data: { points: 3, yearlyCap: 36 } });
  });

  const base = (over: Partial<RecordToSave>): RecordToSave => ({
    organizationId: branch,
    groupId: null,
    recordedById: m[0]!,
    platform: 'SANDBOX',
    type: 'PARTY_CONGRESS',
    heldOn: '2026-04-10',
    topic: '大会',
    expectedCount: 4,
    presentCount: 2,
    hours: null,
    summary: null,
    attendees: [],
    ...over,
  });

  it('saves records, numbers them per organisation and year, and caps attendance points', async () => {
    const quarters = ['2026-01-10', '2026-04-10', '2026-07-10', '2026-10-10', '2026-11-11'];
    const results = [];
    for (const [i, heldOn] of quarters.entries()) {
      results.push(
        await saveActivityRecord(
          db(),
          base({
            heldOn,
            attendees: [
              { id: m[0]!, name: '甲' },
              { id: m[2]!, name: '丙' },
            ],
          }),
          `T:congress-${i}`,
        ),
      );
    }
    expect(results.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    // 支部党员大会: 5 points each, capped at 20 a year → the fifth gives nothing.
    expect(results.map((r) => r.awarded.length)).toEqual([2, 2, 2, 2, 0]);
    expect(results[4]!.capped.map((c) => c.name)).toEqual(['甲', '丙']);
    const again = await saveActivityRecord(db(), base({ heldOn: '2026-01-10', attendees: [{ id: m[0]!, name: '甲' }] }), 'T:congress-0');
    expect(again).toMatchObject({ repeated: true, seq: 1 });
    expect(await db().activity.count()).toBe(5);
  });

  it('replaces a record in one step: the old one REPLACED and its points reversed', async () => {
    const old = await db().activity.findFirstOrThrow({ where: { heldOn: new Date('2026-11-11T00:00:00Z') } });
    const replaced = await saveActivityRecord(
      db(),
      base({ heldOn: '2026-11-11', type: 'PARTY_CONGRESS', replacesActivityId: old.id, attendees: [{ id: m[1]!, name: '乙' }] }),
      'T:replace',
    );
    expect(replaced.replaced).toMatchObject({ id: old.id, seq: 5, reversedEntries: 0 });
    expect(replaced.awarded).toEqual([{ memberId: m[1]!, points: 5 }]);
    const first = await db().activity.findFirstOrThrow({ where: { heldOn: new Date('2026-01-10T00:00:00Z') } });
    const second = await saveActivityRecord(
      db(),
      base({ heldOn: '2026-01-10', replacesActivityId: first.id, attendees: [{ id: m[1]!, name: '乙' }] }),
      'T:replace-2',
    );
    expect(second.replaced?.reversedEntries).toBe(2);
    expect((await db().activity.findUniqueOrThrow({ where: { id: first.id } })).status).toBe('REPLACED');
    await expect(saveActivityRecord(db(), base({ heldOn: '2026-01-10', replacesActivityId: first.id }), 'T:replace-3')).rejects.toThrow(/已经被替换/);
  });

  it('totals the year per member in one query: hand-computed values, exempt flagged, transferred members left out', async () => {
    await db().pointEntry.create({ data: { memberId: m[3]!, organizationId: branch, year: 2026, points: 7.5, reason: 'x', sourceType: 'IMPORT' } });
    await db().pointEntry.create({ data: { memberId: m[0]!, organizationId: branch, year: 2025, points: 50, reason: 'last year', sourceType: 'IMPORT' } });
    await db().pointEntry.create({ data: { memberId: m[5]!, organizationId: branch, year: 2026, points: 9, reason: 'x', sourceType: 'IMPORT' } });
    const totals = await memberYearTotals(db(), [branch, child], 2026);
    const byId = new Map(totals.map((t) => [t.memberId, t]));
    // 甲: four congresses 4×5 = 20, the January one reversed −5 → 15. 丙 the same. 乙: 5 + 5 = 10.
    expect(byId.get(m[0]!)?.total).toBe(15);
    expect(byId.get(m[2]!)?.total).toBe(15);
    expect(byId.get(m[1]!)?.total).toBe(10);
    expect(byId.get(m[3]!)).toMatchObject({ total: 7.5, ratingExempt: true });
    expect(byId.has(m[4]!)).toBe(false); // another branch
    expect(byId.has(m[5]!)).toBe(false); // transferred out
    const breakdown = await memberBreakdown(db(), m[0]!, 2026);
    expect(breakdown).toEqual({
      total: 15,
      lines: [expect.objectContaining({ ruleName: '参加支部党员大会', category: 'ATTENDANCE', points: 15, yearlyCap: 20 })],
    });
  });

  it('reports progress per branch against the cadence table', async () => {
    const [progress] = await branchesProgress(db(), [branch], new Date('2026-11-20T04:00:00Z'), 'Asia/Shanghai');
    const quarter = progress!.periods[1]!;
    expect(quarter.items.find((i) => i.kind.type === 'PARTY_CONGRESS')).toMatchObject({ done: true, dates: ['2026-10-10', '2026-11-11'] });
    const month = progress!.periods[0]!;
    expect(month.items.find((i) => i.kind.type === 'THEME_DAY')).toMatchObject({ done: false, dueDate: '2026-11-10', overdue: true });
  });

  it('resolves named members within the organisations: unknown, ambiguous and mentioned outsiders', async () => {
    const inBranch = await resolveNamedMembers(db(), ['甲', '丙', '无名'], [branch, child]);
    expect(inBranch.found.map((f) => f.id)).toEqual([m[0], m[2]]);
    expect(inBranch.unknown).toEqual(['无名']);
    const everywhere = await resolveNamedMembers(db(), ['甲'], [branch, child, other]);
    expect(everywhere.ambiguous).toEqual([{ name: '甲', count: 2 }]);
    const mentioned = await resolveNamedMembers(db(), ['甲'], [branch], [{ platformUserId: 'u', name: '甲', memberId: m[4]! }]);
    expect(mentioned.outside).toEqual(['甲']);
  });
});
