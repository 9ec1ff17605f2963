import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import pg from 'pg';

function withUser(url: string): string {
  const parsed = new URL(url);
  if (!parsed.username) parsed.username = process.env.PGUSER || process.env.USER || userInfo().username;
  return parsed.toString();
}

export const TEST_POSTGRES_URL = withUser(process.env.TEST_POSTGRES_URL ?? 'postgresql://127.0.0.1:5432/test');

export type TestDbKind = 'postgres' | 'pglite';

export interface TestDatabase {
  kind: TestDbKind;
  /** For postgres: the URL of a database created for this test; absent for PGlite. */
  url?: string;
  /** For PGlite: an in-memory folder. */
  pgliteDir?: string;
  drop(): Promise<void>;
}

/** A fresh, empty database: on the real PostgreSQL a new database of its own, or an in-memory PGlite. */
export async function createTestDatabase(kind: TestDbKind = 'postgres'): Promise<TestDatabase> {
  if (kind === 'pglite') return { kind, pgliteDir: 'memory://', drop: async () => undefined };
  const name = `zhibu_t_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    kind,
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
