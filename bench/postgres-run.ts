/**
 * `npm run bench -- --store=postgres`: the query workloads (bench/workloads.ts) on Postgres, each
 * beside its Postgres floor (bench/postgres-floors.ts) and beside the same answer on SQLite. For
 * each size the benchmark's SQLite database is copied into a throwaway embedded cluster with
 * migrate-store's copier (timed), then analysed. `--sizes=`, `--calls=`, `--out=` as for SQLite.
 * The cluster runs with fsync off (it is thrown away): reads are what is measured.
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import Database from 'better-sqlite3';
import { openApp } from '../src/app.ts';
import { Gazetteer } from '../src/core/places.ts';
import { loadSeedData } from '../src/data/load.ts';
import { connectPostgres } from '../src/store/postgres/connection.ts';
import { copyFromSqlite } from '../src/store/postgres/copy-from-sqlite.ts';
import { startTestCluster, TEMPLATE_DATABASE } from '../tests/support/postgres-cluster.ts';
import { benchDatabase, outDir } from './database.ts';
import { createPostgresFloors } from './postgres-floors.ts';
import { type Stats, stats } from './stats.ts';
import { createWorkloads } from './workloads.ts';

const args = process.argv.slice(2);
const flag = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const quick = args.includes('--quick');
const sizes = (flag('sizes') ?? (quick ? '10000' : '10000,100000,1000000')).split(',').map(Number);
const calls = Number(flag('calls') ?? (quick ? 100 : 1000));
const out = flag('out') ?? `${outDir}results-postgres.json`;
const round = (x: number, digits = 2) => Number(x.toFixed(digits));

interface Row {
  name: string;
  postgres: Stats;
  floor: Stats;
  sqlite: Stats;
  /** Postgres p99 / its floor's p99 (target ≤ 3), and / SQLite's p99. */
  xFloorP99: number;
  xSqliteP99: number;
  /** Both stores gave the same View. */
  same: boolean;
}

const seed = loadSeedData();
const cluster = await startTestCluster();
const runs = [];
try {
  for (const n of sizes) {
    const database = benchDatabase(n);
    // Seeded as a bot would seed it, before the copy.
    await (await openApp({ dbPath: database.path, seed })).close();
    const name = `bench_${n}`;
    const admin = connectPostgres(cluster.url('postgres'), { max: 1 });
    await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
    await admin.end();
    const url = cluster.url(name);
    const pool = connectPostgres(url, { max: 2 });
    const copyStarted = performance.now();
    const gazetteer = new Gazetteer(seed.places);
    const places = { placePath: (id: string) => gazetteer.pathOf(id), placePoint: (id: string) => gazetteer.get(id) };
    await copyFromSqlite(database.path, pool, {
      places,
      timeZone: 'America/Port-au-Prince',
      gazetteerVersion: seed.gazetteerVersion,
    });
    const copySeconds = (performance.now() - copyStarted) / 1000;
    await pool.unsafe('VACUUM ANALYZE');
    await pool.end();

    const postgres = await openApp({ dbPath: 'unused.db', databaseUrl: url, seed });
    const sqlite = await openApp({ dbPath: database.path, seed });
    const db = new Database(database.path, { readonly: true });
    const floorSql = connectPostgres(url, { max: 10 });
    const rows: Row[] = [];
    try {
      const onPostgres = await createWorkloads({ services: postgres.services, db });
      const onSqlite = await createWorkloads({ services: sqlite.services, db });
      const floors = await createPostgresFloors(floorSql, postgres.services);
      if (floors.length !== onPostgres.length)
        throw new Error(`${onPostgres.length} workloads but ${floors.length} floors`);
      for (const [i, w] of onPostgres.entries()) {
        const floor = floors[i] as () => Promise<unknown>;
        const other = onSqlite[i]?.core as () => Promise<unknown>;
        // The same answer on both stores, or the comparison means little.
        const same = JSON.stringify(await w.core()) === JSON.stringify(await other());
        const times = { postgres: [] as number[], floor: [] as number[], sqlite: [] as number[] };
        for (let k = 0; k < Math.min(20, calls); k++) await Promise.all([w.core(), floor(), other()]);
        // Alternated, so load from elsewhere on the machine hits each alike.
        for (let k = 0; k < calls; k++) {
          let t = performance.now();
          await w.core();
          times.postgres.push(performance.now() - t);
          t = performance.now();
          await floor();
          times.floor.push(performance.now() - t);
          t = performance.now();
          await other();
          times.sqlite.push(performance.now() - t);
        }
        const [p, f, s] = [stats(times.postgres), stats(times.floor), stats(times.sqlite)];
        rows.push({
          name: w.name,
          postgres: p,
          floor: f,
          sqlite: s,
          xFloorP99: round(p.p99 / f.p99),
          xSqliteP99: round(p.p99 / s.p99),
          same,
        });
      }
    } finally {
      db.close();
      await floorSql.end();
      await postgres.close();
      await sqlite.close();
    }
    runs.push({ events: n, copySeconds: round(copySeconds, 1), callsPerQuery: calls, queries: rows });
    const [size] = await (async () => {
      const sql = connectPostgres(url, { max: 1 });
      try {
        return await sql<{ bytes: number }[]>`SELECT pg_database_size(current_database()) AS bytes`;
      } finally {
        await sql.end();
      }
    })();
    process.stdout.write(
      `\n${n.toLocaleString('en')} events on Postgres (${round((size?.bytes ?? 0) / 2 ** 20, 0)} MB; migrate-store ${round(copySeconds, 1)} s)\n`,
    );
    process.stdout.write(
      `${'query'.padEnd(52)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'floor p99'.padStart(10)} ${'x floor'.padStart(8)} ${'SQLite p99'.padStart(11)} ${'x SQLite'.padStart(9)}\n`,
    );
    for (const q of rows) {
      process.stdout.write(
        `${q.name.padEnd(52)} ${q.postgres.p50.toFixed(3).padStart(8)} ${q.postgres.p99.toFixed(3).padStart(8)} ${q.floor.p99.toFixed(3).padStart(10)} ${q.xFloorP99.toFixed(2).padStart(8)} ${q.sqlite.p99.toFixed(3).padStart(11)} ${q.xSqliteP99.toFixed(2).padStart(9)}${q.same ? '' : '  (answers differ)'}\n`,
      );
    }
  }
} finally {
  await cluster.stop();
}
const results = {
  when: new Date().toISOString(),
  store: 'postgres',
  machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version, loadAverage: loadavg() },
  target: 'Postgres p99 ≤ 3× its floor p99',
  runs,
  met: runs.every((r) => r.queries.every((q) => q.xFloorP99 <= 3)),
};
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`${results.met ? 'met ' : 'MISSED'} ${results.target}\nresults: ${out}\n`);
