/**
 * Benchmark databases, cached under bench/out by N, generator version and the events schema: a
 * file is generated once (in its own process) and reused until the generator or a migration of
 * events and indicators (001-009) changes. Other areas' migrations are applied when it is opened.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { migrationsDir } from '../src/store/migrate.ts';
import { GENERATOR_VERSION } from './generate-events.ts';

export const outDir = fileURLToPath(new URL('./out/', import.meta.url));
const generator = fileURLToPath(new URL('./generate.ts', import.meta.url));

function schemaHash(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(migrationsDir).sort()) {
    if (/^00\d_/.test(file)) hash.update(file).update(readFileSync(`${migrationsDir}/${file}`));
  }
  return hash.digest('hex').slice(0, 10);
}

export interface BenchDatabase {
  path: string;
  /** Seconds spent generating it now; undefined when it came from the cache. */
  generatedSeconds?: number;
}

export function benchDatabase(n: number): BenchDatabase {
  mkdirSync(outDir, { recursive: true });
  const path = `${outDir}events-${n}-g${GENERATOR_VERSION}-${schemaHash()}.db`;
  if (existsSync(path)) return { path };
  const partial = `${path}.partial`;
  const run = spawnSync(process.execPath, ['--import', 'tsx', generator, String(n), partial], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`generating ${n} events failed (exit ${run.status})`);
  for (const suffix of ['-wal', '-shm']) rmSync(partial + suffix, { force: true });
  renameSync(partial, path);
  const report = JSON.parse(run.stdout.trim().split('\n').pop() as string) as { seconds: number };
  return { path, generatedSeconds: report.seconds };
}
