/**
 * Intake throughput: a local RSS feed of `items` items (titles naming places of the gazetteer,
 * kinds of event and casualty numbers) served on 127.0.0.1 and polled once into a fresh store
 * file, as `sitrep sources poll` does: fetch, parse, read each item, match it against recorded
 * events, record the leads. Then the same feed again with a new ETag (every item seen before).
 */

import { rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openApp } from '../src/app.ts';
import type { SeedData } from '../src/data/load.ts';
import { createNodeHttpClient } from '../src/intake/http-client.ts';
import { DEFAULT_FETCH_LIMITS } from '../src/intake/polite-fetch.ts';
import { DEFAULT_POLL_POLICY } from '../src/intake/poll-policy.ts';
import { createPoller } from '../src/intake/poller.ts';
import { openSqliteIntakeStore } from '../src/store/sqlite-intake.ts';
import { rssFeed } from '../tests/support/feed-fixtures.ts';
import { outDir } from './database.ts';

export interface IntakeThroughput {
  items: number;
  feedBytes: number;
  leads: number;
  seconds: number;
  itemsPerSecond: number;
  /** The same items again (new ETag, every item known): nothing is written. */
  repollItemsPerSecond: number;
}

const KINDS = ['Gang attack in', 'Clashes in', 'Kidnapping in', 'Protest in', 'Police deployed to'];

export async function measureIntake(seed: SeedData, items: number): Promise<IntakeThroughput> {
  const places = seed.places.filter((p) => p.kind === 'commune' || p.kind === 'locality');
  const feed = rssFeed(
    Array.from({ length: items }, (_, i) => ({
      title: `${KINDS[i % KINDS.length]} ${places[i % places.length]?.name}: ${i % 7} killed (report ${i})`,
      link: `https://wire.example.org/story/${i}`,
      id: `story-${i}`,
      date: new Date(Date.parse('2025-03-01T00:00:00Z') + i * 600_000).toISOString(),
      summary: `Report number ${i} from the bench feed.`,
    })),
  );
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
    let started = performance.now();
    const [first] = await poller.pollAll();
    const seconds = (performance.now() - started) / 1000;
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
    };
  } finally {
    await intake.close();
    await app.close();
    server.close();
  }
}
