/**
 * `node --import tsx bench/bot-process.ts <db>`: a bot process on a benchmark database. It
 * answers /status as soon as it can (ready: milliseconds since the process started), then every
 * benchmark workload `rounds` times, and reports its resident memory: what the bot itself holds.
 */
import Database from 'better-sqlite3';
import { openApp } from '../src/app.ts';
import { status } from '../src/core/status.ts';
import { BENCH_NOW, createWorkloads } from './workloads.ts';

const [dbPath, roundsText = '50'] = process.argv.slice(2);
if (!dbPath) throw new Error('usage: bench/bot-process.ts <db> [rounds]');
const app = await openApp({ dbPath });
await status(app.services, BENCH_NOW);
const readyMs = performance.now();
const db = new Database(dbPath, { readonly: true });
const workloads = await createWorkloads({ services: app.services, db });
db.close();
for (let round = 0; round < Number(roundsText); round++) for (const w of workloads) await w.core();
const { rss, heapUsed } = process.memoryUsage();
await app.close();
process.stdout.write(`${JSON.stringify({ readyMs, rssBytes: rss, heapUsedBytes: heapUsed })}\n`);
