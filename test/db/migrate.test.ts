import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/openDatabase.ts';
import { listMigrations, migrate } from '../../src/db/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.ts';

describe.each(['pglite', 'postgres'] as const)('migrations on %s', (kind) => {
  let testDb: TestDatabase | undefined;
  let db: Database | undefined;
  afterEach(async () => {
    await db?.close();
    await testDb?.drop();
  });

  it('applies every migration to a fresh database, then nothing on the next start', async () => {
    testDb = await createTestDatabase(kind);
    db = await openDatabase(testDb.url ? { url: testDb.url } : { pgliteDir: testDb.pgliteDir! });
    const all = listMigrations().map((m) => m.name);
    const first = await migrate(db);
    expect(first.applied).toEqual(all);
    const second = await migrate(db);
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toEqual(all);
    const rows = await db.query<{ migration_name: string; checksum: string }>('SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY migration_name');
    expect(rows.map((r) => r.migration_name)).toEqual(all);
    expect(rows.map((r) => r.checksum)).toEqual(listMigrations().map((m) => m.checksum));
  });
});
