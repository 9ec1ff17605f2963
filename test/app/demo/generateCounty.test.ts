import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/testDatabase.ts';
import { openDatabase, type Database } from '../../../src/core/db/openDatabase.ts';
import { migrate } from '../../../src/core/db/migrate.ts';
import { generateCounty } from '../../../src/app/demo/generateCounty.ts';

describe('county generator (small)', () => {
  let testDb: TestDatabase;
  let database: Database;
  beforeAll(async () => {
    testDb = await createTestDatabase('postgres');
    database = await openDatabase({ url: testDb.url! });
    await migrate(database);
  });
  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });

  it('builds the tree, members, groups, records, points and photos it reports', async () => {
    const summary = await generateCounty(database.prisma, {
      towns: 2,
      branches: 10,
      members: 200,
      today: '2026-11-30',
      pointsPerMember: 4,
      photosPerBranch: 3,
    });
    const db = database.prisma;
    expect(summary).toMatchObject({ organizations: 13, branches: 10, members: 200, photos: 30, groups: 11 });
    expect(await db.member.count()).toBe(200);
    expect(await db.activity.count()).toBe(summary.activities);
    expect(await db.pointEntry.count()).toBe(summary.pointEntries);
    expect(await db.tracePhoto.count()).toBe(30);
    // This month's 支委会 is left unrecorded everywhere; no record lies in the future.
    expect(await db.activity.count({ where: { type: 'COMMITTEE_MEETING', heldOn: { gte: new Date('2026-11-01T00:00:00Z') } } })).toBe(0);
    expect(await db.activity.count({ where: { heldOn: { gte: new Date('2026-11-30T00:00:00Z') } } })).toBe(0);
    const first = await db.pointEntry.findFirstOrThrow({ orderBy: { id: 'asc' } });
    expect(first.createdAt.getUTCFullYear()).toBe(2026);
    await expect(generateCounty(db, { towns: 1, branches: 1, members: 3 })).rejects.toThrow('already');
  });
});
