/**
 * One "host" of a several-host deployment, as its own process: the bot's store (Postgres, from
 * SITREP_DATABASE_URL) and scheduler, posting to a loopback chat stand-in (tests/support/
 * chat-stand-in.ts) instead of Discord. Run from a working folder of its own:
 * `node --import <tsx> scheduler-host.ts <owner> <lease ms>`, env SITREP_DATABASE_URL, CHAT_URL.
 *
 * Prints "ready" once the store is open, then waits for "go <ms>" on stdin: its clock is then
 * the real one moved by <ms> (the same for every host, so a trial's send minute comes at once
 * instead of once a day; each later "go" moves it to the next trial's), and it ticks every
 * 200 ms instead of once a minute.
 */
import { join } from 'node:path';
import { openApp } from '../../src/app.ts';
import { type ChannelRef, PostError, type Poster } from '../../src/core/poster-port.ts';
import { createScheduler } from '../../src/scheduler/scheduler.ts';

const [owner, leaseMs] = process.argv.slice(2);
const databaseUrl = process.env.SITREP_DATABASE_URL;
const chat = process.env.CHAT_URL;
if (!owner || !leaseMs || !databaseUrl || !chat) throw new Error('usage: scheduler-host.ts <owner> <lease ms>');

let offsetMs = 0;
const now = () => new Date(Date.now() + offsetMs);

async function call(path: string, body: object): Promise<{ messageId?: string }> {
  let response: Response;
  try {
    response = await fetch(`${chat}${path}`, { method: 'POST', body: JSON.stringify(body) });
  } catch (err) {
    throw new PostError({ kind: 'transient' }, (err as Error).message);
  }
  if (!response.ok) throw new PostError({ kind: 'transient' }, `HTTP ${response.status}`);
  return (await response.json()) as { messageId?: string };
}

const poster: Poster = {
  platform: 'discord',
  async post(channel: ChannelRef, view, options) {
    const { messageId } = await call('/post', { owner, channel: channel.channelId, marker: options?.marker, view });
    return { messageId: messageId ?? '' };
  },
  async findRecentByMarker(channel, marker) {
    const { messageId } = await call('/find', { channel: channel.channelId, marker });
    return messageId ? { messageId } : undefined;
  },
};

const app = await openApp({ dbPath: join(process.cwd(), 'unused.db'), databaseUrl, secondary: true, now });
const log = {
  info: () => {},
  warn: (obj: object, msg: string) => process.stderr.write(`${owner} warn ${msg} ${JSON.stringify(obj)}\n`),
  error: (obj: object, msg: string) => process.stderr.write(`${owner} error ${msg} ${JSON.stringify(obj)}\n`),
};
const scheduler = createScheduler({
  services: app.services,
  subscriptions: app.services.subscriptions,
  posters: [poster],
  settings: { skipQuietDays: false, catchUpHours: 36 },
  log,
  now,
  owner,
  leaseMs: Number(leaseMs),
  cron: (_expression, job) => {
    const every = setInterval(job, 200);
    return { stop: () => clearInterval(every) };
  },
});
process.stdout.write('ready\n');
// Each "go" moves the clock on to the next trial's send minute; the first starts the scheduler.
let started = false;
process.stdin.setEncoding('utf8');
process.stdin.on('data', (lines: string) => {
  for (const line of lines.split('\n')) {
    const [word, ms] = line.trim().split(' ');
    if (word !== 'go') continue;
    offsetMs = Number(ms);
    if (!started) void scheduler.start();
    started = true;
  }
});
process.once('SIGTERM', () => {
  void scheduler.stop().then(async () => {
    await app.close();
    process.exit(0);
  });
});
