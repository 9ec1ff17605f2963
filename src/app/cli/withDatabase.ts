import { resolve } from 'node:path';
import { loadConfig, type Config } from '../../core/config/loadConfig.ts';
import { openDatabase } from '../../core/db/openDatabase.ts';
import { migrate } from '../../core/db/migrate.ts';
import { seedReferenceData } from '../seed/seedReferenceData.ts';
import type { Db } from '../../core/db/openDatabase.ts';

/** Opens the configured database (migrated and seeded, like the service) for a command-line tool. */
export async function withDatabase<T>(fn: (db: Db, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig(process.env);
  const database = await openDatabase({
    ...(config.DATABASE_URL ? { url: config.DATABASE_URL } : {}),
    pgliteDir: resolve(config.DATA_DIR, 'pglite'),
  });
  try {
    await migrate(database);
    await seedReferenceData(database.prisma);
    return await fn(database.prisma, config);
  } finally {
    await database.close();
  }
}

/** `--name value` options and positional arguments of a command line. */
export function parseCliArgs(argv: string[]): { options: Record<string, string>; positional: string[] } {
  const options: Record<string, string> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--')) {
      const [key, inline] = arg.slice(2).split('=', 2);
      if (inline !== undefined) options[key!] = inline;
      else options[key!] = argv[++i] ?? '';
    } else positional.push(arg);
  }
  return { options, positional };
}
