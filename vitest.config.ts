import { defineConfig } from 'vitest/config';

/**
 * Two projects: `api` (server, database, CLI and process tests; `npm run test:fast`) and `browser`
 * (Chromium on the built web app; `npm run test:browser`). `npm test` runs both. Each run first
 * migrates one template database per dialect that test databases are copied from.
 */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Dropping a PostgreSQL database waits for a checkpoint, which a busy server may take seconds to finish.
    teardownTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: { name: 'api', include: ['tests/**/*.test.ts', 'src/**/*.test.ts'], globalSetup: ['tests/helpers/templates.setup.ts'] },
      },
      {
        extends: true,
        test: { name: 'browser', include: ['web/e2e/**/*.test.ts'], globalSetup: ['tests/helpers/templates.setup.ts'] },
      },
    ],
  },
});
