import type { Db } from '../db/openDatabase.ts';

/** The default point-rule catalogue (example data from domain.md §3; editable without code changes). */
export async function seedPointRules(_db: Db): Promise<void> {}
