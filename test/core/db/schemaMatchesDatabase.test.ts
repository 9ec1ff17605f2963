import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from '../../../src/core/generated/prisma/client.ts';
import { openDatabase, type Database } from '../../../src/core/db/openDatabase.ts';
import { migrate } from '../../../src/core/db/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../../support/testDatabase.ts';
import { readPrismaSchema } from './readPrismaSchema.ts';

const schema = readPrismaSchema();

describe('the schema reader', () => {
  it('sees the same models and stored fields as the generated client', () => {
    expect(schema.models.map((m) => m.name).sort()).toEqual(Object.values(Prisma.ModelName).sort());
    const namespace = Prisma as unknown as Record<string, Record<string, string> | undefined>;
    for (const model of schema.models) {
      const scalarFields = namespace[`${model.name}ScalarFieldEnum`];
      expect(scalarFields, `generated client has no ${model.name}ScalarFieldEnum; run npm run generate`).toBeDefined();
      expect(model.fields.map((f) => f.name).sort(), model.name).toEqual(Object.keys(scalarFields!).sort());
    }
  });
});

describe.each(['pglite', 'postgres'] as const)('prisma/schema.prisma matches the migrated database on %s', (kind) => {
  let testDb: TestDatabase;
  let db: Database;
  let columns: Map<string, Map<string, { nullable: boolean; dataType: string; udtName: string }>>;
  let enums: Map<string, Set<string>>;

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    db = await openDatabase(testDb.url ? { url: testDb.url } : { pgliteDir: testDb.pgliteDir! });
    await migrate(db);
    const rows = await db.query<{ table_name: string; column_name: string; is_nullable: string; data_type: string; udt_name: string }>(
      `SELECT table_name, column_name, is_nullable, data_type, udt_name FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    columns = new Map();
    for (const row of rows) {
      if (!columns.has(row.table_name)) columns.set(row.table_name, new Map());
      columns.get(row.table_name)!.set(row.column_name, { nullable: row.is_nullable === 'YES', dataType: row.data_type, udtName: row.udt_name });
    }
    const enumRows = await db.query<{ typname: string; enumlabel: string }>(
      `SELECT t.typname, e.enumlabel FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public'`,
    );
    enums = new Map();
    for (const row of enumRows) {
      if (!enums.has(row.typname)) enums.set(row.typname, new Set());
      enums.get(row.typname)!.add(row.enumlabel);
    }
  });

  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  it('has a table for every model', () => {
    const missing = schema.models.filter((m) => !columns.has(m.table)).map((m) => m.table);
    expect(missing).toEqual([]);
  });

  it('has a column for every field, nullable exactly when the field is optional', () => {
    const problems: string[] = [];
    for (const model of schema.models) {
      const table = columns.get(model.table);
      for (const field of model.fields) {
        const column = table?.get(field.column);
        if (!column) {
          problems.push(`${model.table}.${field.column} is missing`);
          continue;
        }
        if (field.list) {
          if (column.dataType !== 'ARRAY') problems.push(`${model.table}.${field.column} should be an array`);
        } else if (column.nullable !== field.optional) {
          problems.push(
            `${model.table}.${field.column} is ${column.nullable ? 'nullable' : 'NOT NULL'} but the field is ${field.optional ? 'optional' : 'required'}`,
          );
        }
        if (schema.enums.has(field.type) && column.udtName.replace(/^_/, '') !== field.type) {
          problems.push(`${model.table}.${field.column} should use the enum type ${field.type}, has ${column.udtName}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('has every enum with every value', () => {
    const problems: string[] = [];
    for (const [name, values] of schema.enums) {
      const inDb = enums.get(name);
      if (!inDb) {
        problems.push(`enum ${name} is missing`);
        continue;
      }
      for (const value of values) if (!inDb.has(value)) problems.push(`enum ${name} lacks ${value}`);
    }
    expect(problems).toEqual([]);
  });
});
