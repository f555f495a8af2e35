import { defineConfig } from 'vitest/config';

/** Test files that need a Postgres server: they run in the `postgres` project, which starts one. */
const POSTGRES_TESTS = 'tests/**/*postgres*.test.ts';

// Deadlines only turn a hang into a failure: on a busy 2-core machine (CI runs the suite while
// other work runs) a test that takes one second alone can take twenty. Speed is measured by
// `npm run bench`, never by a test's deadline.
const deadlines = { testTimeout: 120_000, hookTimeout: 120_000 };

export default defineConfig({
  test: {
    // The CLI tests run bin/sitrep.js, which runs dist/ only: build it from these sources first.
    globalSetup: ['tests/support/build-dist.ts'],
    // Two cores: two workers keep the suite fast without starving the stand-in servers.
    maxWorkers: 2,
    ...deadlines,
    projects: [
      { test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: [POSTGRES_TESTS], ...deadlines } },
      {
        test: {
          name: 'postgres',
          include: [POSTGRES_TESTS],
          // One embedded cluster for the whole run, started only when a Postgres test is selected.
          globalSetup: ['tests/support/postgres-global-setup.ts'],
          ...deadlines,
        },
      },
    ],
  },
});
