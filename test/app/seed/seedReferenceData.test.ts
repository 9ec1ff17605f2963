import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../src/core/db/openDatabase.ts';
import { migrate } from '../../../src/core/db/migrate.ts';
import { seedReferenceData } from '../../../src/app/seed/seedReferenceData.ts';
import { seededStandards } from '../../../src/areas/assessment/seedStandards.ts';
import { createTestDatabase, type TestDatabase } from '../../support/testDatabase.ts';

/** Every statement the pg clients of this process send while `fn` runs (Prisma's adapter goes through pg.Client#query). */
async function statementsOf(fn: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const original = pg.Client.prototype.query;
  (pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0];
    seen.push(typeof first === 'string' ? first : String((first as { text?: string } | undefined)?.text ?? ''));
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  };
  try {
    await fn();
  } finally {
    (pg.Client.prototype as unknown as { query: unknown }).query = original;
  }
  return seen;
}

let test: TestDatabase;
let database: Database;
beforeAll(async () => {
  test = await createTestDatabase('postgres');
  database = await openDatabase({ url: test.url! });
  await migrate(database);
});
afterAll(async () => {
  await database.close();
  await test.drop();
});

describe('start-up on an existing database', () => {
  it('seeds everything on the first start, then checks with one read per table and writes nothing', async () => {
    await seedReferenceData(database.prisma);
    const items = await database.prisma.standardItem.count();
    expect(items).toBe(seededStandards.reduce((n, s) => n + s.categories.reduce((m, c) => m + c.items.length, 0), 0));

    const statements = await statementsOf(() => seedReferenceData(database.prisma));
    // Point rules (insert … on conflict do nothing), programmes (one read), standards with categories and items.
    expect(statements.length).toBeLessThanOrEqual(5);
    expect(statements.filter((s) => /^\s*(BEGIN|UPDATE|DELETE)/i.test(s))).toEqual([]);
    expect(await database.prisma.standardItem.count()).toBe(items);
  });

  it('finds every migration applied with one read of the migrations table', async () => {
    const statements = await statementsOf(() => migrate(database));
    expect(statements.filter((s) => /_prisma_migrations/.test(s) && /^\s*SELECT/i.test(s))).toHaveLength(1);
    expect(statements.filter((s) => /^\s*(BEGIN|INSERT)/i.test(s))).toEqual([]);
  });

  it('still adds an item a newer seed knows and this installation lacks', async () => {
    const standard = seededStandards[0]!;
    const code = standard.categories[0]!.items[0]!.code;
    await database.prisma.standardItem.deleteMany({ where: { code, category: { standard: { code: standard.code } } } });
    await seedReferenceData(database.prisma);
    expect(await database.prisma.standardItem.count({ where: { code, category: { standard: { code: standard.code } } } })).toBe(1);
  });
});
