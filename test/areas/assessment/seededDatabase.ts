import { createTestDatabase } from '../../support/testDatabase.ts';
import { openDatabase, type Database } from '../../../src/core/db/openDatabase.ts';
import { migrate } from '../../../src/core/db/migrate.ts';
import { seedReferenceData } from '../../../src/app/seed/seedReferenceData.ts';
import { seedDemo } from '../../../src/app/demo/seedDemo.ts';

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
