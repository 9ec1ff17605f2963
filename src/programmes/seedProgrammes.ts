import type { Db } from '../db/openDatabase.ts';

/** The eight "百" programmes of domain.md §8 as counters against targets. */
export async function seedProgrammes(_db: Db): Promise<void> {}
