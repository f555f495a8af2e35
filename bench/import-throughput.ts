/**
 * Import throughput: an ACLED export of `rows` rows (the test fixture's generator, places from
 * the gazetteer) imported into a fresh store file through `importText`, as `sitrep import` does.
 */
import { rmSync } from 'node:fs';
import { openApp } from '../src/app.ts';
import type { SeedData } from '../src/data/load.ts';
import { importText } from '../src/import/run-import.ts';
import { acledCsv } from '../tests/support/acled-file.ts';
import { outDir } from './database.ts';
import { BENCH_NOW } from './workloads.ts';

export interface ImportThroughput {
  format: 'acled';
  rows: number;
  created: number;
  seconds: number;
  rowsPerSecond: number;
}

export function measureImport(seed: SeedData, rows: number): ImportThroughput {
  const text = acledCsv({ rows, seed: 3 });
  const path = `${outDir}import-${rows}.db`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  const app = openApp({ dbPath: path, seed });
  try {
    const started = performance.now();
    const report = importText(app.services, text, 'acled-bench.csv', {
      author: 'bench',
      now: BENCH_NOW,
      skipInvalid: true,
    });
    const seconds = (performance.now() - started) / 1000;
    return {
      format: 'acled',
      rows: report.records,
      created: report.created,
      seconds: Number(seconds.toFixed(2)),
      rowsPerSecond: Math.round(report.records / seconds),
    };
  } finally {
    app.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  }
}
