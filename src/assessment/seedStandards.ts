import type { Db } from '../db/openDatabase.ts';

/** The 村(社区) and 两新 scoring standards of domain.md §4, item by item. */
export async function seedStandards(_db: Db): Promise<void> {}
