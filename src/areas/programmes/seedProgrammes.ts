import type { Db } from '../../core/db/openDatabase.ts';
import { programmeCatalogue } from './programmeCatalogue.ts';

/** The eight "百" programmes of domain.md §8 as counters against targets (create-only: admin edits survive). */
export async function seedProgrammes(db: Db): Promise<void> {
  const existing = new Set((await db.programme.findMany({ select: { code: true } })).map((p) => p.code));
  for (const p of programmeCatalogue) {
    if (existing.has(p.code)) continue;
    await db.programme.upsert({ where: { code: p.code }, create: { code: p.code, name: p.name, target: p.target, unit: p.unit }, update: {} });
  }
}
