import { checkRedis } from '../../src/core/redis/createRedis.ts';
import { TEST_POSTGRES_URL } from './testDatabase.ts';
import pg from 'pg';

/** Fails the run at once, with one clear line, when the real services the tests need are not there. */
export default async function globalSetup(): Promise<void> {
  await checkRedis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(`PostgreSQL is not reachable at ${TEST_POSTGRES_URL}: ${(error as Error).message}. Start it (see README) or set TEST_POSTGRES_URL.`, {
      cause: error,
    });
  } finally {
    await client.end().catch(() => undefined);
  }
}
