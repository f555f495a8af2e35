/**
 * A first look at the Postgres store at scale, until `npm run bench -- --store=postgres` exists:
 * `node --import tsx bench/postgres-probe.ts [events]` copies the benchmark's SQLite database
 * (bench/database.ts) into a throwaway embedded cluster with migrate-store, then asks both
 * stores the same queries, checks that they answer alike and prints each one's p50 and p99.
 */
import { Gazetteer } from '../src/core/places.ts';
import { loadSeedData } from '../src/data/load.ts';
import { openSqliteStore } from '../src/store/index.ts';
import { connectPostgres } from '../src/store/postgres/connection.ts';
import { copyFromSqlite } from '../src/store/postgres/copy-from-sqlite.ts';
import { openPostgresStores } from '../src/store/postgres/index.ts';
import { migratePostgres } from '../src/store/postgres/migrate.ts';
import { startTestCluster } from '../tests/support/postgres-cluster.ts';
import { benchDatabase } from './database.ts';
import { BUSY_DAY } from './generate-events.ts';

const n = Number(process.argv[2] ?? 100000);
let t = performance.now();
const db = benchDatabase(n);
console.log(`sqlite ${n}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
const seed = loadSeedData();
const gazetteer = new Gazetteer(seed.places);
const settings = {
  placePath: (id: string) => gazetteer.pathOf(id),
  placePoint: (id: string) => gazetteer.get(id),
  gazetteerVersion: seed.gazetteerVersion,
  timeZone: 'America/Port-au-Prince',
};
t = performance.now();
const cluster = await startTestCluster();
console.log(`cluster ${cluster.startedInMs.toFixed(0)} ms`);
const admin = connectPostgres(cluster.url('postgres'), { max: 1 });
await admin.unsafe('CREATE DATABASE probe TEMPLATE sitrep_template');
await admin.end();
const url = cluster.url('probe');
const pool = connectPostgres(url, { max: 2 });
await migratePostgres(pool);
t = performance.now();
const report = await copyFromSqlite(db.path, pool, { ...settings, places: settings });
console.log(`migrate-store ${report.events} events: ${((performance.now() - t) / 1000).toFixed(1)} s`);
await pool.unsafe('VACUUM ANALYZE');
await pool.end();
const pg = await openPostgresStores({ url, ...settings });
const sqlite = openSqliteStore({ path: db.path, ...settings });
const queries: [string, () => unknown, () => Promise<unknown>][] = [
  ['count all', () => sqlite.countEvents({}), () => pg.events.countEvents({})],
  [
    'timeline artibonite attack p1',
    () => sqlite.listEvents({ placeId: 'artibonite', categories: ['attack'] }, { limit: 10 }),
    () => pg.events.listEvents({ placeId: 'artibonite', categories: ['attack'] }, { limit: 10 }),
  ],
  [
    'count artibonite 2024-03-05..',
    () => sqlite.countEvents({ placeId: 'artibonite', from: '2024-03-05' }),
    () => pg.events.countEvents({ placeId: 'artibonite', from: '2024-03-05' }),
  ],
  [
    'totals artibonite',
    () => sqlite.casualtyTotals({ placeId: 'artibonite' }),
    () => pg.events.casualtyTotals({ placeId: 'artibonite' }),
  ],
  [
    'near saint-marc 25km count',
    () => sqlite.countEvents({ near: { lat: 19.11, lon: -72.69, km: 25 } }),
    () => pg.events.countEvents({ near: { lat: 19.11, lon: -72.69, km: 25 } }),
  ],
  [
    'near saint-marc 25km list',
    () => sqlite.listEvents({ near: { lat: 19.11, lon: -72.69, km: 25 } }, { limit: 10 }),
    () => pg.events.listEvents({ near: { lat: 19.11, lon: -72.69, km: 25 } }, { limit: 10 }),
  ],
  [
    'digest busiest day',
    () => sqlite.changesBetween(`${BUSY_DAY}T04:00:00Z`, `2025-03-26T04:00:00Z`, {}, 20),
    () => pg.events.changesBetween(`${BUSY_DAY}T04:00:00Z`, `2025-03-26T04:00:00Z`, {}, 20),
  ],
];
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] as number;
for (const [name, s, p] of queries) {
  const sq: number[] = [];
  const pq: number[] = [];
  const sa = JSON.stringify(s());
  const pa = JSON.stringify(await p());
  for (let i = 0; i < 100; i++) {
    let u = performance.now();
    s();
    sq.push(performance.now() - u);
    u = performance.now();
    await p();
    pq.push(performance.now() - u);
  }
  console.log(
    `${name.padEnd(32)} same=${sa === pa} sqlite p50 ${pct(sq, 0.5).toFixed(2)} p99 ${pct(sq, 0.99).toFixed(2)} | postgres p50 ${pct(pq, 0.5).toFixed(2)} p99 ${pct(pq, 0.99).toFixed(2)} ms`,
  );
}
await sqlite.close();
await pg.close();
await cluster.stop();
