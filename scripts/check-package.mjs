#!/usr/bin/env node
/**
 * Checks the package as users get it: the dependencies are what the bundle imports, `npm pack`
 * holds a prebuilt dist/ and no sources, and the tarball installed with `--omit=dev` in an empty
 * folder answers `sitrep status` from the seed and draws a map, with no src/ and no dev
 * dependency present. Prints each step with its time; exits 1 on the first failure.
 * `--keep` leaves the temporary folder for a look.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleOptions } from './build.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
/** Dependencies the bot reads as files rather than imports (the map's fonts). */
const READ_AS_FILES = ['dejavu-fonts-ttf'];
/** Packages that would let the bot run from its TypeScript sources: never in the installed package. */
const TOOLCHAIN = ['tsx', 'esbuild', 'typescript', 'vitest'];

class CheckFailed extends Error {}
const started = performance.now();
const seconds = (since) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

function fail(message) {
  throw new CheckFailed(message);
}

async function step(name, run) {
  const t = performance.now();
  const detail = await run();
  process.stdout.write(`check:package: ${name}: ${detail ? `${detail}, ` : ''}${seconds(t)}\n`);
}

/** npm, quiet, its output returned; its errors shown. */
function npm(args, cwd) {
  return execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

const packageName = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

async function checkDependencies() {
  const esbuild = await import('esbuild');
  const { metafile } = await esbuild.build({
    ...bundleOptions(join(tmpdir(), 'unused')),
    write: false,
    metafile: true,
  });
  const imported = new Set();
  for (const output of Object.values(metafile.outputs)) {
    for (const i of output.imports) if (i.external && !i.path.startsWith('node:')) imported.add(packageName(i.path));
  }
  const declared = Object.keys(manifest.dependencies);
  const undeclared = [...imported].filter((name) => !declared.includes(name));
  if (undeclared.length) fail(`the bundle imports ${undeclared.join(', ')}: not in "dependencies"`);
  const unused = declared.filter((name) => !imported.has(name) && !READ_AS_FILES.includes(name));
  if (unused.length) fail(`"dependencies" lists ${unused.join(', ')}, which the bundle never imports`);
  return `${declared.length} dependencies, each imported by the bundle`;
}

function pack(into) {
  const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', into], root));
  const paths = packed.files.map((f) => f.path);
  const sources = paths.filter((p) => p.startsWith('src/') || p.endsWith('.ts'));
  if (sources.length) fail(`the package holds sources: ${sources.slice(0, 5).join(', ')}`);
  for (const needed of ['bin/sitrep.js', 'dist/main.js', 'dist/executor-worker.js', 'dist/bots/map/outline.json']) {
    if (!paths.includes(needed)) fail(`the package lacks ${needed}`);
  }
  for (const dir of ['dist/data/', 'dist/store/migrations/']) {
    if (!paths.some((p) => p.startsWith(dir))) fail(`the package lacks ${dir}`);
  }
  return packed;
}

/** Names of every package installed under node_modules (scoped ones as @scope/name). */
function installedPackages(modules) {
  return readdirSync(modules)
    .filter((name) => !name.startsWith('.'))
    .flatMap((name) => (name.startsWith('@') ? readdirSync(join(modules, name)).map((n) => `${name}/${n}`) : [name]));
}

/** Dev dependencies present in the install, less those some installed package depends on. */
function devDependenciesPresent(modules) {
  const installed = installedPackages(modules);
  const needed = new Set();
  for (const name of installed) {
    const file = join(modules, name, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8'));
    for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies']) {
      for (const dep of Object.keys(pkg[field] ?? {})) needed.add(dep);
    }
  }
  const dev = Object.keys(manifest.devDependencies).filter((name) => installed.includes(name));
  const toolchain = dev.filter((name) => TOOLCHAIN.includes(name));
  if (toolchain.length) fail(`installed with --omit=dev, yet ${toolchain.join(', ')} is present`);
  const stray = dev.filter((name) => !needed.has(name));
  if (stray.length) fail(`installed with --omit=dev, yet ${stray.join(', ')} is present and nothing needs it`);
  return dev;
}

/** Runs the installed `sitrep`, in the install folder, with nothing of this checkout's environment. */
function sitrep(dir, args) {
  const t = performance.now();
  const stdout = execFileSync(join(dir, 'node_modules', '.bin', 'sitrep'), args, {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: dir, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return { stdout, ms: performance.now() - t };
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'sitrep-package-'));
  const installDir = join(work, 'install');
  try {
    await step('dependencies', checkDependencies);
    let tarball;
    await step('npm pack (builds dist/)', () => {
      const packed = pack(work);
      tarball = join(work, packed.filename);
      const kb = (bytes) => `${Math.round(bytes / 1024)} kB`;
      return `${packed.filename}, ${kb(packed.size)} packed, ${kb(packed.unpackedSize)} unpacked, ${packed.entryCount} files`;
    });
    mkdirSync(installDir);
    // The project's allowScripts too: better-sqlite3 builds its native module on install.
    const installer = { name: 'sitrep-package-check', private: true, allowScripts: manifest.allowScripts };
    writeFileSync(join(installDir, 'package.json'), `${JSON.stringify(installer, null, 2)}\n`);
    await step('npm install --omit=dev <tarball>', () => {
      npm(['install', '--omit=dev', tarball], installDir);
      const modules = join(installDir, 'node_modules');
      const installed = join(modules, manifest.name);
      if (existsSync(join(installed, 'src'))) fail('the installed package has a src/ folder');
      const dev = devDependenciesPresent(modules);
      const count = installedPackages(modules).length;
      return `${count} packages${dev.length ? ` (${dev.join(', ')} only as dependencies of dependencies)` : ''}`;
    });
    await step('sitrep status', () => {
      const first = sitrep(installDir, ['status']);
      if (!/mission status/.test(first.stdout) || !/Deployed \(Kenyan police\): at least 800/.test(first.stdout)) {
        fail(`sitrep status did not answer from the seed:\n${first.stdout}`);
      }
      if (!existsSync(join(installDir, 'data', 'sitrep.db'))) fail('sitrep status created no ./data/sitrep.db');
      const again = sitrep(installDir, ['status']);
      return `answered from the seed; ${Math.round(first.ms)} ms creating the store, ${Math.round(again.ms)} ms on it`;
    });
    await step('sitrep location --map', () => {
      const png = join(installDir, 'pont-sonde.png');
      const { ms } = sitrep(installDir, ['location', 'pont sonde', '--map', png]);
      const bytes = existsSync(png) ? readFileSync(png) : Buffer.alloc(0);
      if (bytes.subarray(1, 4).toString() !== 'PNG') fail('sitrep location --map wrote no PNG');
      return `a ${Math.round(bytes.length / 1024)} kB PNG, ${Math.round(ms)} ms`;
    });
    process.stdout.write(`check:package: passed in ${seconds(started)}\n`);
  } finally {
    if (process.argv.includes('--keep')) process.stdout.write(`check:package: left ${work}\n`);
    else rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`check:package: FAILED: ${err instanceof CheckFailed ? err.message : err.stack}\n`);
  process.exit(1);
});
