/**
 * Builds dist/ once before the tests: the CLI tests run `bin/sitrep.js` as a user does, and it
 * runs the bundle only, so the bundle must be built from the sources under test.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function buildDist(): void {
  const script = fileURLToPath(new URL('../../scripts/build.mjs', import.meta.url));
  execFileSync(process.execPath, [script], { stdio: 'inherit' });
}
