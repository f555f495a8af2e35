import { defineConfig } from 'vitest/config';

/**
 * `npm run bench:smoke`: the benchmark's smoke test (bench/smoke.test.ts), apart from `npm test`
 * because it starts a dozen processes and takes a minute or more on a busy machine. CI runs it
 * after the suite (.ci/run).
 */
export default defineConfig({
  test: {
    include: ['bench/**/*.test.ts'],
    // The cold start it measures runs bin/sitrep.js, which runs dist/ only: build it first.
    globalSetup: ['tests/support/build-dist.ts'],
    testTimeout: 600_000,
  },
});
