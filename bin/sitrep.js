#!/usr/bin/env node
// Runs the bundle in dist/, built once by `npm run build` (run on install from a clone, and
// shipped prebuilt in the package). It never falls back to the TypeScript sources: what runs is
// what was built, so after an edit run `npm run build` (the tests build before they start).
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/main.js', import.meta.url);

if (existsSync(bundle)) {
  await import(bundle.href);
} else {
  process.stderr.write('sitrep: dist/ is not built: run `npm run build` (it needs the dev dependencies)\n');
  process.exitCode = 2;
}
