/**
 * `node --import tsx bench/postgres-copy.ts --sizes=100000`: how fast migrate-store's copier
 * copies the benchmark's SQLite file into a throwaway embedded cluster (fsync off), in events
 * per second, with the time of each step.
 */
import { loadavg } from 'node:os';
import { openApp } from '../src/app.ts';
import { Gazetteer } from '../src/core/places.ts';
import { loadSeedData } from '../src/data/load.ts';
import { connectPostgres } from '../src/store/postgres/connection.ts';
import { copyFromSqlite } from '../src/store/postgres/copy-from-sqlite.ts';
import { startTestCluster, TEMPLATE_DATABASE } from '../tests/support/postgres-cluster.ts';
import { benchDatabase } from './database.ts';

const args = process.argv.slice(2);
const sizes = (args.find((a) => a.startsWith('--sizes='))?.split('=')[1] ?? '100000').split(',').map(Number);
const seed = loadSeedData();
const gazetteer = new Gazetteer(seed.places);
const places = { placePath: (id: string) => gazetteer.pathOf(id), placePoint: (id: string) => gazetteer.get(id) };
const cluster = await startTestCluster();
try {
  for (const n of sizes) {
    const database = benchDatabase(n);
    await (await openApp({ dbPath: database.path, seed })).close();
    const name = `copy_${n}`;
    const admin = connectPostgres(cluster.url('postgres'), { max: 1 });
    await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
    await admin.end();
    const pool = connectPostgres(cluster.url(name), { max: 2 });
    const started = performance.now();
    let last = started;
    const report = await copyFromSqlite(
      database.path,
      pool,
      { places, timeZone: 'America/Port-au-Prince', gazetteerVersion: seed.gazetteerVersion },
      (line) => {
        const now = performance.now();
        process.stdout.write(`  ${line} (${((now - last) / 1000).toFixed(1)} s)\n`);
        last = now;
      },
    );
    const seconds = (performance.now() - started) / 1000;
    await pool.end();
    process.stdout.write(
      `${n.toLocaleString('en')} events: ${seconds.toFixed(1)} s, ${Math.round(report.events / seconds)} events/s (load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')})\n`,
    );
  }
} finally {
  await cluster.stop();
}
