import type { Db } from '../db/openDatabase.ts';
import { seedPointRules } from '../points/seedPointRules.ts';
import { seedStandards } from '../assessment/seedStandards.ts';
import { seedProgrammes } from '../programmes/seedProgrammes.ts';

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
