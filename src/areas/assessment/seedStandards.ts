import type { Db } from '../../core/db/openDatabase.ts';
import { upsertStandard } from './upsertStandard.ts';
import { villageStandard } from './standards/village.ts';
import { newTwoStandard } from './standards/newTwo.ts';

export const seededStandards = [villageStandard, newTwoStandard];

/**
 * The 村(社区) and 两新 scoring standards of domain.md §4, item by item (create-only: admin edits survive). On every
 * start after the first, one read finds every seeded category and item already there and nothing else runs.
 */
export async function seedStandards(db: Db): Promise<void> {
  const existing = await db.scoringStandard.findMany({
    where: { code: { in: seededStandards.map((s) => s.code) } },
    select: { code: true, categories: { select: { name: true, items: { select: { code: true } } } } },
  });
  for (const standard of seededStandards) {
    const have = existing.find((s) => s.code === standard.code);
    const complete =
      have !== undefined &&
      standard.categories.every((category) => {
        const found = have.categories.find((c) => c.name === category.name);
        return found !== undefined && category.items.every((item) => found.items.some((i) => i.code === item.code));
      });
    if (!complete) await upsertStandard(db, standard, 'seed');
  }
}
