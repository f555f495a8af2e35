/**
 * Import throughput: an ACLED export of `rows` rows (the test fixture's generator, places from
 * the gazetteer) imported into a fresh store file through `importText`, as `sitrep import` does,
 * with the time of each stage: reading (CSV and mapping), checking, and writing (commit included).
 */
import { rmSync } from 'node:fs';
import { openApp } from '../src/app.ts';
import type { SeedData } from '../src/data/load.ts';
import { type ImportStages, importText } from '../src/import/run-import.ts';
import { acledCsv } from '../tests/support/acled-file.ts';
import { outDir } from './database.ts';
import { measureWriteFloor } from './import-floor.ts';
import { BENCH_NOW } from './workloads.ts';

export interface ImportThroughput {
  format: 'acled';
  rows: number;
  created: number;
  seconds: number;
  rowsPerSecond: number;
  /** Rows per second of this process's CPU time (user + system): steadier than the wall clock on a shared machine. */
  cpuRowsPerSecond: number;
  /** Microseconds per row in each stage. */
  perRowMicroseconds: ImportStages;
  /** The same file again: nothing changes. */
  reimportRowsPerSecond: number;
  /** The rows the import wrote, written again by prepared statements alone (bench/import-floor.ts). */
  floorRowsPerSecond: number;
}

export async function measureImport(seed: SeedData, rows: number): Promise<ImportThroughput> {
  const text = acledCsv({ rows, seed: 3 });
  const path = `${outDir}import-${rows}.db`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  const app = await openApp({ dbPath: path, seed });
  try {
    const options = { author: 'import:bench', now: BENCH_NOW, skipInvalid: true };
    const stages: ImportStages = { read: 0, check: 0, write: 0 };
    const started = performance.now();
    const cpu = process.cpuUsage();
    const report = await importText(app.services, text, 'acled-bench.csv', { ...options, stages });
    const seconds = (performance.now() - started) / 1000;
    const { user, system } = process.cpuUsage(cpu);
    const again = performance.now();
    const reimport = await importText(app.services, text, 'acled-bench.csv', options);
    if (reimport.created + reimport.updated > 0) throw new Error('re-importing the same file changed the store');
    const reimportRowsPerSecond = Math.round(rows / ((performance.now() - again) / 1000));
    const perRow = (ms: number) => Number(((ms * 1000) / report.records).toFixed(1));
    return {
      format: 'acled',
      rows: report.records,
      created: report.created,
      seconds: Number(seconds.toFixed(2)),
      rowsPerSecond: Math.round(report.records / seconds),
      cpuRowsPerSecond: Math.round(report.records / ((user + system) / 1e6)),
      perRowMicroseconds: { read: perRow(stages.read), check: perRow(stages.check), write: perRow(stages.write) },
      reimportRowsPerSecond,
      floorRowsPerSecond: await measureWriteFloor(path, seed, options.author),
    };
  } finally {
    await app.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  }
}
