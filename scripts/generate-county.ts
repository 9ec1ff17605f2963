/**
 * Builds a fictional county (925 organisations, 20,898 members, a year of records, points and photos) in the
 * database named by DATABASE_URL, for load tests and demos:
 *   DATABASE_URL=postgresql://127.0.0.1:5432/county npm run county:generate -- [YYYY-MM-DD]
 */
import { resolve } from 'node:path';
import { loadConfig } from '../src/core/config/loadConfig.ts';
import { openDatabase } from '../src/core/db/openDatabase.ts';
import { migrate } from '../src/core/db/migrate.ts';
import { generateCounty } from '../src/app/demo/generateCounty.ts';

const config = loadConfig();
const database = await openDatabase({ ...(config.DATABASE_URL ? { url: config.DATABASE_URL } : {}), pgliteDir: resolve(config.DATA_DIR, 'pglite') });
try {
  await migrate(database);
  const started = Date.now();
  const summary = await generateCounty(database.prisma, { ...(process.argv[2] ? { today: process.argv[2] } : {}), log: (line) => console.log(`  ${line}`) });
  console.log(`county generated in ${((Date.now() - started) / 1000).toFixed(1)} s`, summary);
} finally {
  await database.close();
}
