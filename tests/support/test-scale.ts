/**
 * Heavy checks (fuzz properties, large files) run bounded in the suite, so that it stays quick
 * on a busy 2-core machine, and SITREP_TEST_SCALE times bigger from `npm run bench`
 * (bench/scaled-tests.ts). Fuzz cases come from a fixed seed, so a suite run checks the same
 * cases every time and a bigger run checks those and more; SITREP_FUZZ_SEED tries others.
 */

function positiveInteger(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, not "${text}"`);
  return value;
}

export const TEST_SCALE = positiveInteger('SITREP_TEST_SCALE', 1);

export const FUZZ_SEED = positiveInteger('SITREP_FUZZ_SEED', 20_250_325);
