/**
 * `node --import tsx bench/generate.ts <N> <path>`: writes a store file with the seed data and
 * N generated events. Run as its own process so the benchmark's memory figure is the bot's.
 */
import { existsSync, rmSync } from 'node:fs';
import { loadSeedData } from '../src/data/load.ts';
import { bulkWrite } from './bulk-write.ts';
import { generateEvents } from './generate-events.ts';

const [count, path] = process.argv.slice(2);
const n = Number(count);
if (!Number.isInteger(n) || n < 1 || !path) {
  process.stderr.write('usage: bench/generate.ts <N> <path>\n');
  process.exit(2);
}
for (const suffix of ['', '-wal', '-shm']) if (existsSync(path + suffix)) rmSync(path + suffix);
const seed = loadSeedData();
const started = performance.now();
const written = await bulkWrite({ dbPath: path, seed }, generateEvents(n, seed.places));
const seconds = (performance.now() - started) / 1000;
process.stdout.write(`${JSON.stringify({ events: written, seconds: Number(seconds.toFixed(2)) })}\n`);
