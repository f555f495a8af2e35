/**
 * Intake throughput: a local RSS feed of `items` items (titles naming places of the gazetteer,
 * kinds of event and casualty numbers) served on 127.0.0.1 and polled once into a fresh store
 * file, as `sitrep sources poll` does: fetch, parse, read each item, match it against recorded
 * events, record the leads. Then the same feed again with a new ETag (every item seen before).
 *
 * Then the poll's effect on answers: /status is timed on a copy of the benchmark's store while
 * `sitrep sources poll` (the built bundle, its own process, as the intake role runs) polls a feed
 * of as many new items into the same file, against /status timed before and after the poll.
 */

import { spawn } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { openApp } from '../src/app.ts';
import { status } from '../src/core/status.ts';
import type { SeedData } from '../src/data/load.ts';
import { createNodeHttpClient } from '../src/intake/http-client.ts';
import { DEFAULT_FETCH_LIMITS } from '../src/intake/polite-fetch.ts';
import { DEFAULT_POLL_POLICY } from '../src/intake/poll-policy.ts';
import { createPoller } from '../src/intake/poller.ts';
import { openSqliteIntakeStore } from '../src/store/sqlite-intake.ts';
import { rssFeed } from '../tests/support/feed-fixtures.ts';
import { benchDatabase, outDir } from './database.ts';
import { type Stats, stats } from './stats.ts';
import { BENCH_NOW } from './workloads.ts';

/** A poll may slow answers by at most this much (p99 of /status during a poll / without). */
export const POLL_STATUS_P99_TIMES = 1.3;

export interface IntakeThroughput {
  items: number;
  feedBytes: number;
  leads: number;
  seconds: number;
  itemsPerSecond: number;
  /** The same items again (new ETag, every item known): nothing is written. */
  repollItemsPerSecond: number;
  /**
   * The longest the event loop went unserved during the first poll (ms): `--role all` polls in
   * the bot's process, where a stall delays acknowledgements and the Discord heartbeat.
   */
  longestStallMs: number;
  /**
   * /status on the benchmark's store while another process polls into it, and without: the run
   * with the median ratio of `runs` (at p99 below a millisecond, one run moves by 0.8-1.5x on an
   * idle 2-core machine), each on a fresh copy of the store.
   */
  statusDuringPoll: StatusDuringPoll & { runs: number[] };
}

interface StatusDuringPoll {
  events: number;
  pollSeconds: number;
  during: Stats;
  without: Stats;
  ratioP99: number;
}

const root = fileURLToPath(new URL('..', import.meta.url));

const KINDS = ['Gang attack in', 'Clashes in', 'Kidnapping in', 'Protest in', 'Police deployed to'];

/** A feed of `items` stories naming the gazetteer's places; `tag` keeps feeds' stories apart. */
function benchFeed(seed: SeedData, items: number, tag = 'story'): string {
  const places = seed.places.filter((p) => p.kind === 'commune' || p.kind === 'locality');
  return rssFeed(
    Array.from({ length: items }, (_, i) => ({
      title: `${KINDS[i % KINDS.length]} ${places[i % places.length]?.name}: ${i % 7} killed (${tag} ${i})`,
      link: `https://wire.example.org/${tag}/${i}`,
      id: `${tag}-${i}`,
      date: new Date(Date.parse('2025-03-01T00:00:00Z') + i * 600_000).toISOString(),
      summary: `Report number ${i} from the bench feed.`,
    })),
  );
}

export async function measureIntake(
  seed: SeedData,
  items: number,
  statusEvents: number,
  pollRuns = 3,
): Promise<IntakeThroughput> {
  const feed = benchFeed(seed, items);
  let version = 1;
  const server = createServer((req, res) => {
    const etag = `"v${version}"`;
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304).end();
    res.writeHead(200, { 'content-type': 'application/rss+xml', etag }).end(feed);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`;
  const path = `${outDir}intake-${items}.db`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  const app = await openApp({ dbPath: path, seed });
  const intake = openSqliteIntakeStore(path);
  try {
    const now = new Date('2025-04-01T12:00:00Z');
    await intake.addSource({ url, kind: 'rss', intervalSeconds: 900, addedBy: 'bench' }, now.toISOString());
    const poller = createPoller({
      intake,
      services: app.services,
      client: createNodeHttpClient({ allowPrivate: true }),
      limits: { ...DEFAULT_FETCH_LIMITS, timeoutMs: 600_000 },
      policy: DEFAULT_POLL_POLICY,
      owner: 'bench',
      now: () => now,
      log: { info() {}, warn() {}, error() {} },
    });
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    let started = performance.now();
    const [first] = await poller.pollAll();
    const seconds = (performance.now() - started) / 1000;
    loop.disable();
    version = 2;
    started = performance.now();
    await poller.pollAll();
    const repoll = (performance.now() - started) / 1000;
    return {
      items,
      feedBytes: Buffer.byteLength(feed),
      leads: first?.created ?? 0,
      seconds: Math.round(seconds * 100) / 100,
      itemsPerSecond: Math.round(items / seconds),
      repollItemsPerSecond: Math.round(items / repoll),
      longestStallMs: Math.round(loop.max / 1e5) / 10,
      statusDuringPoll: await medianStatusDuringPoll(seed, items, statusEvents, pollRuns),
    };
  } finally {
    await intake.close();
    await app.close();
    server.close();
  }
}

/** Calls /status one after another until `until` resolves; the times of the calls `counts` keeps. */
async function timeStatus(
  services: Parameters<typeof status>[0],
  until: Promise<unknown>,
  counts: () => boolean = () => true,
): Promise<number[]> {
  let done = false;
  void until.finally(() => {
    done = true;
  });
  const times: number[] = [];
  while (!done) {
    const t = performance.now();
    await status(services, BENCH_NOW);
    if (counts()) times.push(performance.now() - t);
    // Lets the feed server and the child's exit be seen between calls.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return times;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function medianStatusDuringPoll(seed: SeedData, items: number, events: number, runs: number) {
  const all: StatusDuringPoll[] = [];
  for (let run = 0; run < Math.max(1, runs); run++) all.push(await statusDuringPoll(seed, items, events));
  const byRatio = [...all].sort((a, b) => a.ratioP99 - b.ratioP99);
  const median = byRatio[Math.floor((byRatio.length - 1) / 2)] as StatusDuringPoll;
  return { ...median, runs: all.map((r) => r.ratioP99) };
}

async function statusDuringPoll(seed: SeedData, items: number, events: number): Promise<StatusDuringPoll> {
  const path = `${outDir}intake-status-${events}.db`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  copyFileSync(benchDatabase(events).path, path);
  const feed = benchFeed(seed, items, 'poll');
  let polling = false;
  const server = createServer((_req, res) => {
    polling = true;
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`;
  const app = await openApp({ dbPath: path, seed });
  const intake = openSqliteIntakeStore(path);
  try {
    await intake.addSource({ url, kind: 'rss', intervalSeconds: 900, addedBy: 'bench' }, new Date().toISOString());
    // Long enough for a p99 of a few thousand calls, short in the quick run.
    const windowMs = Math.min(5000, Math.max(1000, items));
    const before = await timeStatus(app.services, wait(windowMs));
    let pollStarted = 0;
    const child = new Promise<number>((resolve, reject) => {
      const run = spawn(process.execPath, [`${root}bin/sitrep.js`, 'sources', 'poll'], {
        env: { ...process.env, SITREP_DB_PATH: path, SITREP_ALLOW_PRIVATE_SOURCES: 'true', LOG_LEVEL: 'silent' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      run.stderr.on('data', (chunk) => {
        stderr += chunk;
      });
      run.on('error', reject);
      run.on('exit', (code) =>
        code === 0 ? resolve(performance.now()) : reject(new Error(`sources poll: ${stderr}`)),
      );
    });
    // Only calls made once the poll has asked for the feed count: the child's start-up is not the poll.
    const during = await timeStatus(app.services, child, () => {
      if (polling && pollStarted === 0) pollStarted = performance.now();
      return polling;
    });
    const pollSeconds = ((await child) - pollStarted) / 1000;
    const after = await timeStatus(app.services, wait(windowMs));
    const [withPoll, without] = [stats(during), stats([...before, ...after])];
    return {
      events,
      pollSeconds: Math.round(pollSeconds * 100) / 100,
      during: withPoll,
      without,
      ratioP99: Number((withPoll.p99 / without.p99).toFixed(2)),
    };
  } finally {
    await intake.close();
    await app.close();
    server.close();
  }
}

/** The verdict on the poll's effect, as bench/stats.ts writes the others. */
export function intakeVerdict(result: IntakeThroughput) {
  const s = result.statusDuringPoll;
  return {
    target: `/status p99 during a poll of ${result.items} items <= ${POLL_STATUS_P99_TIMES}x without, at ${s.events.toLocaleString('en')} events (median of ${s.runs.length} runs)`,
    value: `${s.during.p99} ms vs ${s.without.p99} ms (x${s.ratioP99}; runs x${s.runs.join(', x')})`,
    met: s.ratioP99 <= POLL_STATUS_P99_TIMES,
  };
}
