import type { Db } from '../../core/db/openDatabase.ts';
import { upsertStandard } from './upsertStandard.ts';
import { villageStandard } from './standards/village.ts';
import { newTwoStandard } from './standards/newTwo.ts';

export const seededStandards = [villageStandard, newTwoStandard];

/** The 村(社区) and 两新 scoring standards of domain.md §4, item by item (create-only: admin edits survive). */
export async function seedStandards(db: Db): Promise<void> {
  for (const standard of seededStandards) await upsertStandard(db, standard, 'seed');
}
