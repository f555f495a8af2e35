#!/usr/bin/env node
/**
 * Builds dist/: the bot and the executor's worker bundled by esbuild (packages stay imports of
 * node_modules), and beside them the files they read at run time, under the same paths as in
 * src/ (see src/paths.ts), so dist/ runs with no src/ present. Run by `npm run build`, by
 * `prepare` after an install from a clone, by `npm pack`, and once before the tests.
 */
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));

/** Files read at run time, relative to src/ and to dist/ alike. */
export const ASSETS = [
  { dir: 'data', suffix: '.json' },
  { dir: 'store/migrations', suffix: '.sql' },
  { dir: 'store/postgres/migrations', suffix: '.sql' },
  { dir: 'bots/map', suffix: 'outline.json' },
];

/** esbuild's options for the bundle (scripts/check-package.mjs reads its imports with them). */
export function bundleOptions(outdir) {
  return {
    entryPoints: [`${root}src/main.ts`, `${root}src/worker/executor-worker.ts`],
    entryNames: '[name]',
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    target: 'node20',
    outdir,
    logLevel: 'warning',
  };
}

/** Builds into `outdir` (dist/ by default), emptied first so no chunk of an older build is left. */
export async function build(outdir = `${root}dist`) {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    throw new Error('esbuild is a dev dependency: install with dev dependencies (npm ci) to build dist/');
  }
  rmSync(outdir, { recursive: true, force: true });
  await esbuild.build(bundleOptions(outdir));
  for (const { dir, suffix } of ASSETS) {
    mkdirSync(`${outdir}/${dir}`, { recursive: true });
    for (const file of readdirSync(`${root}src/${dir}`)) {
      if (file.endsWith(suffix)) cpSync(`${root}src/${dir}/${file}`, `${outdir}/${dir}/${file}`);
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  build().catch((err) => {
    process.stderr.write(`build: ${err.message}\n`);
    process.exit(1);
  });
}
