/**
 * Benchmark databases, cached under bench/out by N, generator version and the schema of the
 * tables the bulk writer fills (001_events.sql): a file is generated once (in its own process)
 * and reused until either changes. Later migrations are applied when the store opens it, as they
 * are on a deployed bot's file.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { migrationsDir } from '../src/store/migrate.ts';
import { GENERATOR_VERSION } from './generate-events.ts';

export const outDir = fileURLToPath(new URL('./out/', import.meta.url));
const generator = fileURLToPath(new URL('./generate.ts', import.meta.url));

function schemaHash(): string {
  return createHash('sha256')
    .update(readFileSync(`${migrationsDir}/001_events.sql`))
    .digest('hex')
    .slice(0, 10);
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
