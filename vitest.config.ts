import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // Two cores here and in CI; each test file gets its own database and queue prefix, so files may run side by side.
    maxWorkers: 2,
    globalSetup: ['test/support/globalSetup.ts'],
  },
});
