import type { Db } from '../../core/db/openDatabase.ts';
import { seedPointRules } from '../../areas/points/seedPointRules.ts';
import { seedStandards } from '../../areas/assessment/seedStandards.ts';
import { seedProgrammes } from '../../areas/programmes/seedProgrammes.ts';

/** Seeds reference data that every installation needs (point rules, scoring standards, programmes). */
export type ReferenceSeeder = (db: Db) => Promise<void>;

/**
 * Each seeder must be idempotent (upsert by code, never overwrite what an admin edited), because this runs on
 * every start.
 */
export const referenceSeeders: ReferenceSeeder[] = [seedPointRules, seedStandards, seedProgrammes];

export async function seedReferenceData(db: Db): Promise<void> {
  for (const seeder of referenceSeeders) await seeder(db);
}
