import { mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { PrismaClient } from '../generated/prisma/client.ts';

export type Db = PrismaClient;

export interface Database {
  prisma: PrismaClient;
  kind: 'postgres' | 'pglite';
  /** Runs a multi-statement SQL script outside Prisma (migrations). */
  execScript(sql: string): Promise<void>;
  /** Runs a query outside Prisma and returns rows (migration bookkeeping). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Serialises migration runs across processes sharing one database. */
  withMigrationLock<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL URL; when absent, an embedded PGlite database. */
  url?: string;
  /** Folder for the embedded database; `memory://` keeps it in memory (tests). */
  pgliteDir?: string;
}

// Prisma's own lock id, so `prisma migrate deploy` and this app never migrate at the same time.
const MIGRATION_LOCK_ID = 72707369;

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.url) return openPostgres(options.url);
  return openPglite(options.pgliteDir ?? './data/pglite');
}

async function openPostgres(url: string): Promise<Database> {
  // Like libpq, fall back to the operating-system user when the URL names none (pg reads $USER, which may be unset).
  const parsed = new URL(url);
  if (!parsed.username) parsed.username = process.env.PGUSER || process.env.USER || userInfo().username;
  // Each deployment uses one of the two databases; the other's driver is never loaded.
  const [{ default: pg }, { PrismaPg }] = await Promise.all([import('pg'), import('@prisma/adapter-pg')]);
  const pool = new pg.Pool({ connectionString: parsed.toString(), max: 10 });
  // pg emits errors of idle clients on the pool; without a listener they crash the process.
  pool.on('error', () => undefined);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    kind: 'postgres',
    async execScript(sql) {
      await pool.query(sql);
    },
    async query(sql, params) {
      const result = await pool.query(sql, params as unknown[] | undefined);
      return result.rows;
    },
    async withMigrationLock(fn) {
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
        try {
          return await fn();
        } finally {
          await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]);
        }
      } finally {
        client.release();
      }
    },
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

async function openPglite(dir: string): Promise<Database> {
  if (!dir.startsWith('memory://')) mkdirSync(dir, { recursive: true, mode: 0o700 });
  const [{ PGlite }, { PrismaPGlite }] = await Promise.all([import('@electric-sql/pglite'), import('pglite-prisma-adapter')]);
  const client = await PGlite.create(dir);
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(client) });
  return {
    prisma,
    kind: 'pglite',
    async execScript(sql) {
      await client.exec(sql);
    },
    async query(sql, params) {
      const result = await client.query(sql, params as unknown[] | undefined);
      return result.rows as never[];
    },
    // PGlite is one connection in this process: nothing else can migrate concurrently.
    withMigrationLock: (fn) => fn(),
    async close() {
      await prisma.$disconnect();
      await client.close();
    },
  };
}
