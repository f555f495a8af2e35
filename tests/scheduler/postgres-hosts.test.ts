/**
 * Two hosts, one Postgres: two scheduler processes (tests/support/scheduler-host.ts), each in a
 * working folder of its own with no file shared, send the digests and alerts of 20 channels.
 * In each of 10 trials one host is killed with SIGKILL at a random moment around the send
 * minute (clocks moved so that minute comes at once; leases of 2 s): every digest and alert is
 * posted exactly once, and the survivor finishes what the dead host had claimed. A new host
 * takes the dead one's place before the next trial. About 1–2 minutes on a busy 2-core machine.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type App, openApp } from '../../src/app.ts';
import type { LedgerRow } from '../../src/core/subscription-port.ts';
import { alertPeriod } from '../../src/scheduler/alerts.ts';
import { type ChatStandIn, startChatStandIn } from '../support/chat-stand-in.ts';
import { makeEvent } from '../support/events.ts';
import { createTestDatabase } from '../support/postgres.ts';
import { digestInput } from '../support/scheduler-harness.ts';

const TRIALS = 10;
const CHANNELS = 20;
const LEASE_MS = 2_000;
/** Alerts per trial: new events recorded just before the send minute. */
const EVENTS_PER_TRIAL = 2;

const hostScript = fileURLToPath(new URL('../support/scheduler-host.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url));
const folders: string[] = [];
const running = new Set<ChildProcess>();
let url = '';
let chat: ChatStandIn;
let app: App;

/** A seeded pseudo-random sequence, so a failing trial can be run again as it was. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}
const next = random(15);

interface Host {
  owner: string;
  child: ChildProcess;
  log: string[];
}

async function startHost(owner: string): Promise<Host> {
  const folder = mkdtempSync(join(tmpdir(), `sitrep-host-${owner}-`));
  folders.push(folder);
  const child = spawn(process.execPath, ['--import', tsx, hostScript, owner, String(LEASE_MS)], {
    cwd: folder,
    env: { PATH: process.env.PATH, SITREP_DATABASE_URL: url, CHAT_URL: chat.url, LOG_LEVEL: 'silent' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const log: string[] = [];
  child.stderr?.setEncoding('utf8').on('data', (text: string) => log.push(text));
  let out = '';
  child.stdout?.setEncoding('utf8');
  while (!out.includes('ready\n')) {
    const [chunk] = (await Promise.race([
      once(child.stdout as NodeJS.ReadableStream, 'data'),
      once(child, 'exit').then(() => {
        throw new Error(`host ${owner} exited before it was ready:\n${log.join('')}`);
      }),
    ])) as [string];
    out += chunk;
  }
  return { owner, child, log };
}

async function until(what: string, done: () => Promise<boolean>, hosts: Host[]): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (!(await done())) {
    if (Date.now() > deadline) {
      throw new Error(`${what} never happened; hosts logged:\n${hosts.flatMap((h) => h.log).join('')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  url = await createTestDatabase();
  chat = await startChatStandIn(() => Math.floor(next() * 800));
  app = await openApp({ dbPath: 'unused.db', databaseUrl: url });
  const subscribed = '2029-12-31T12:00:00.000Z';
  for (let i = 0; i < CHANNELS; i++) {
    const channelId = `c${String(i).padStart(2, '0')}`;
    await app.services.subscriptions.upsertSubscription(
      digestInput({ channelId, localTime: '11:00', timeZone: 'UTC' }),
      subscribed,
    );
    await app.services.subscriptions.upsertSubscription(
      digestInput({ kind: 'alert', channelId, localTime: undefined, timeZone: 'UTC' }),
      subscribed,
    );
  }
});

afterAll(async () => {
  for (const child of running) child.kill('SIGKILL');
  await app?.close();
  await chat?.close();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

it('posts every digest and alert exactly once while one of two hosts is killed around the send minute', async () => {
  const digests = await app.services.subscriptions.activeSubscriptions('digest');
  const alerts = await app.services.subscriptions.activeSubscriptions('alert');
  expect(digests).toHaveLength(CHANNELS);
  let hosts = await Promise.all([startHost('host-a0'), startHost('host-b0')]);
  let takenOver = 0;
  let foundByMarker = 0;
  const expected: LedgerRow[] = [];

  for (let trial = 0; trial < TRIALS; trial++) {
    const day = `2030-01-${String(trial + 1).padStart(2, '0')}`;
    const events = Array.from({ length: EVENTS_PER_TRIAL }, () => makeEvent({ occurredAt: day }));
    await app.services.store.putEvents(events, { author: 'desk', reason: 'report', at: `${day}T10:59:00.000Z` });
    const periods = [
      ...digests.map((s) => ({ subscriptionId: s.id, period: day })),
      ...alerts.flatMap((s) =>
        events.map((e) => ({ subscriptionId: s.id, period: alertPeriod({ eventId: e.id, revision: 1 }) })),
      ),
    ];
    // The hosts' clocks reach the send minute 0.8 s after "go"; one of them dies 0–2.5 s after it.
    const offset = Date.parse(`${day}T11:00:00.000Z`) - 800 - Date.now();
    for (const host of hosts) host.child.stdin?.write(`go ${offset}\n`);
    const victim = hosts[Math.floor(next() * 2)] as Host;
    const survivor = hosts.find((h) => h !== victim) as Host;
    await new Promise((resolve) => setTimeout(resolve, Math.floor(next() * 2500)));
    victim.child.kill('SIGKILL');
    await once(victim.child, 'exit').catch(() => {});

    const rows = () =>
      Promise.all(periods.map((p) => app.services.subscriptions.getLedgerRow(p.subscriptionId, p.period)));
    const leftClaimed = (await rows()).filter(
      (r): r is LedgerRow => r?.state === 'claimed' && r.owner === victim.owner,
    );
    await until(`trial ${trial}: every send done`, async () => (await rows()).every((r) => r?.state === 'sent'), hosts);
    const done = (await rows()) as LedgerRow[];
    for (const claimed of leftClaimed) {
      const row = done.find((r) => r.id === claimed.id);
      // The survivor took the claim over: it either found the dead host's message or posted it.
      expect(row?.owner).toBe(survivor.owner);
      takenOver += 1;
      if (chat.posts.find((p) => p.messageId === row?.messageId)?.owner === victim.owner) foundByMarker += 1;
    }
    expected.push(...done);
    hosts = [survivor, await startHost(`host-${trial % 2 ? 'a' : 'b'}${trial + 1}`)];
  }
  for (const host of hosts) host.child.kill('SIGTERM');
  await Promise.all(hosts.map((h) => once(h.child, 'exit')));

  // Every period posted exactly once, in its channel, as the ledger recorded it; nothing else posted.
  const byMarker = new Map<string, number>();
  for (const post of chat.posts) byMarker.set(post.marker, (byMarker.get(post.marker) ?? 0) + 1);
  expect([...byMarker.values()].filter((n) => n > 1)).toEqual([]);
  expect(chat.posts).toHaveLength(expected.length);
  expect(expected).toHaveLength(TRIALS * (CHANNELS + CHANNELS * EVENTS_PER_TRIAL));
  for (const row of expected) {
    const post = chat.posts.find((p) => p.marker === row.marker);
    expect(post?.messageId).toBe(row.messageId);
  }
  // The kills landed while sends were in flight, so the take-over path was exercised.
  expect(takenOver).toBeGreaterThan(0);
  console.info(`${TRIALS} trials: ${takenOver} claims taken over, ${foundByMarker} found by marker`);
  // Ten trials each start a host process: 45-80 s on a quiet machine, past 120 s on two busy cores.
}, 480_000);
