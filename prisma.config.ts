// Prisma CLI configuration. The running app does not read this file: it builds its own driver adapter
// (src/core/db/openDatabase.ts) and applies prisma/migrations itself (src/core/db/migrate.ts).
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://127.0.0.1:5432/zhibu' },
});
