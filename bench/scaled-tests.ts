/**
 * The suite's heavy checks at full size. In `npm test` the fuzz properties (tests/fuzz) and the
 * large ACLED file try a bounded number of cases so the suite stays quick on a busy machine; here
 * the same tests run with SITREP_TEST_SCALE times as many (tests/support/test-scale.ts), fuzz
 * cases from the same seed.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const SCALED_TESTS = ['tests/fuzz', 'tests/import/acled-large.test.ts'];

export interface ScaledTestsResult {
  scale: number;
  files: string[];
  passed: boolean;
  seconds: number;
  /** Test files and tests as vitest counts them. */
  summary: string;
}

export function runScaledTests(root: string, scale: number): ScaledTestsResult {
  const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
  const started = performance.now();
  // A test's own deadline is for the suite's size; a scaled run takes as long as it takes.
  const run = spawnSync(process.execPath, [vitest, 'run', '--testTimeout=3600000', ...SCALED_TESTS], {
    cwd: root,
    env: { ...process.env, SITREP_TEST_SCALE: String(scale), NO_COLOR: '1' },
    encoding: 'utf8',
  });
  const seconds = Number(((performance.now() - started) / 1000).toFixed(1));
  const summary = `${run.stdout}`
    .split('\n')
    .filter((line) => /^\s*(Test Files|Tests)\s/.test(line))
    .map((line) => line.trim().replace(/\s+/g, ' '))
    .join('; ');
  if (run.status !== 0) process.stderr.write(`${run.stdout}`.slice(-4000));
  return { scale, files: SCALED_TESTS, passed: run.status === 0, seconds, summary };
}
