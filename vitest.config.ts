import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The CLI tests run bin/sitrep.js, which runs dist/ only: build it from these sources first.
    globalSetup: ['tests/support/build-dist.ts'],
    // Two cores: two workers keep the suite fast without starving the stand-in servers.
    maxWorkers: 2,
    testTimeout: 15_000,
    hookTimeout: 30_000,
  },
});
