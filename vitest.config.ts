import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The CLI tests run bin/sitrep.js, which runs dist/ only: build it from these sources first.
    globalSetup: ['tests/support/build-dist.ts'],
    // Two cores: two workers keep the suite fast without starving the stand-in servers.
    maxWorkers: 2,
    // Deadlines only turn a hang into a failure: on a busy 2-core machine (CI runs the suite while
    // other work runs) a test that takes one second alone can take twenty. Speed is measured by
    // `npm run bench`, never by a test's deadline.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
