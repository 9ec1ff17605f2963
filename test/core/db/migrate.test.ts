import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../src/core/db/openDatabase.ts';
import { listMigrations, migrate, MigrationError, MIGRATIONS_DIR } from '../../../src/core/db/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../../support/testDatabase.ts';

/** A copy of the real migrations folder that a test may change. */
function copyMigrations(): string {
  const dir = mkdtempSync(join(tmpdir(), 'zhibu-migrations-'));
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

describe.each(['pglite', 'postgres'] as const)('migrations on %s', (kind) => {
  let testDb: TestDatabase | undefined;
  let db: Database | undefined;
  const dirs: string[] = [];
  afterEach(async () => {
    await db?.close();
    await testDb?.drop();
    db = undefined;
    testDb = undefined;
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  async function fresh(): Promise<Database> {
    testDb = await createTestDatabase(kind);
    db = await openDatabase(testDb.url ? { url: testDb.url } : { pgliteDir: testDb.pgliteDir! });
    return db;
  }

  it('applies every migration to a fresh database, then nothing on the next start', async () => {
    const db = await fresh();
    const all = listMigrations().map((m) => m.name);
    const first = await migrate(db);
    expect(first.applied).toEqual(all);
    const second = await migrate(db);
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toEqual(all);
    const rows = await db.query<{ migration_name: string; checksum: string }>(
      'SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(rows.map((r) => r.migration_name)).toEqual(all);
    expect(rows.map((r) => r.checksum)).toEqual(listMigrations().map((m) => m.checksum));
  });

  it('applies only a migration added since the last start', async () => {
    const dir = copyMigrations();
    dirs.push(dir);
    const db = await fresh();
    await migrate(db, dir);
    mkdirSync(join(dir, '29991231000000_added_later'));
    writeFileSync(join(dir, '29991231000000_added_later', 'migration.sql'), 'CREATE TABLE "AddedLater" ("id" INTEGER PRIMARY KEY);\n');
    const result = await migrate(db, dir);
    expect(result.applied).toEqual(['29991231000000_added_later']);
    const tables = await db.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_name = 'AddedLater'`);
    expect(tables).toHaveLength(1);
  });

  it('refuses to start when an applied migration was edited afterwards', async () => {
    const dir = copyMigrations();
    dirs.push(dir);
    const db = await fresh();
    await migrate(db, dir);
    const [first] = listMigrations(dir);
    appendFileSync(join(dir, first!.name, 'migration.sql'), '\n-- edited after it was applied\n');
    await expect(migrate(db, dir)).rejects.toThrow(MigrationError);
    await expect(migrate(db, dir)).rejects.toThrow(/edited after it was applied/);
  });

  it('rolls a failing migration back completely and records nothing, so a fixed one applies later', async () => {
    const dir = copyMigrations();
    dirs.push(dir);
    const db = await fresh();
    await migrate(db, dir);
    const broken = join(dir, '29991231000000_broken');
    mkdirSync(broken);
    writeFileSync(join(broken, 'migration.sql'), 'CREATE TABLE "HalfDone" ("id" INTEGER PRIMARY KEY);\nSELECT * FROM "NoSuchTable";\n');
    await expect(migrate(db, dir)).rejects.toThrow(/29991231000000_broken failed/);
    const halfDone = await db.query(`SELECT table_name FROM information_schema.tables WHERE table_name = 'HalfDone'`);
    expect(halfDone).toEqual([]);
    const recorded = await db.query(`SELECT migration_name FROM "_prisma_migrations" WHERE migration_name = '29991231000000_broken'`);
    expect(recorded).toEqual([]);
    writeFileSync(join(broken, 'migration.sql'), 'CREATE TABLE "HalfDone" ("id" INTEGER PRIMARY KEY);\n');
    expect((await migrate(db, dir)).applied).toEqual(['29991231000000_broken']);
  });

  it('refuses to start while a migration recorded as failed (by prisma migrate) is unresolved', async () => {
    const db = await fresh();
    await migrate(db);
    await db.execScript(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, applied_steps_count) VALUES ('00000000-0000-0000-0000-000000000001', 'x', '29991231000000_failed_elsewhere', 0)`,
    );
    await expect(migrate(db)).rejects.toThrow(/29991231000000_failed_elsewhere failed earlier/);
  });
});
