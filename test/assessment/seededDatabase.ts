import { createTestDatabase } from '../support/testDatabase.ts';
import { openDatabase, type Database } from '../../src/db/openDatabase.ts';
import { migrate } from '../../src/db/migrate.ts';
import { seedReferenceData } from '../../src/seed/seedReferenceData.ts';
import { seedDemo } from '../../src/demo/seedDemo.ts';

/** A fresh PostgreSQL database, migrated, with reference data and the fictional demo town. */
export async function seededDatabase(): Promise<Database & { drop(): Promise<void> }> {
  const test = await createTestDatabase('postgres');
  const database = await openDatabase({ url: test.url! });
  await migrate(database);
  await seedReferenceData(database.prisma);
  await seedDemo(database.prisma);
  return Object.assign(database, {
    async drop() {
      await database.close();
      await test.drop();
    },
  });
}
