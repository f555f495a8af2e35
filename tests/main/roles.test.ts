/**
 * `sitrep start --role ...` as real processes against the loopback stand-ins: each role starts
 * only its part (the others' platforms hear nothing from it), /healthz says ready only when the
 * store and the role's connection are up, Discord shards each get their guilds through
 * ShardingManager, and SIGTERM ends every role's process tree within 5 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { BotProcess, refusingPort } from '../support/bot-process.ts';
import { runSitrep } from '../support/cli-runs.ts';
import { type DiscordStandIn, snowflake, startDiscordStandIn } from '../support/discord-stand-in.ts';
import { rssFeed } from '../support/feed-fixtures.ts';
import { FeedServer, staticFeed } from '../support/feed-server.ts';
import { SlackStandIn } from '../support/slack-stand-in.ts';

/** The tree gone within 5 s of SIGTERM. The bot's own deadline is 4 s. */
const EXIT_WITHIN_MS = 5000;
/** Real processes (and, for shards, several): allow for a loaded machine. */
const STARTED_MS = 90_000;

const dir = mkdtempSync(join(tmpdir(), 'sitrep-roles-'));
const running: BotProcess[] = [];
const closers: Array<() => Promise<void>> = [];
let databases = 0;

interface Health {
  status: number;
  body: { ready: boolean; roles: string[]; checks: Record<string, string> };
}

async function healthOf(port: number): Promise<Health | undefined> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    return { status: res.status, body: (await res.json()) as Health['body'] };
  } catch {
    return undefined;
  }
}

/** Polls /healthz until it answers `status`; fails with the last answer after the deadline. */
async function healthBecomes(port: number, status: number, bot: BotProcess): Promise<Health> {
  const until = Date.now() + STARTED_MS;
  let last: Health | undefined;
  for (;;) {
    last = await healthOf(port);
    if (last?.status === status) return last;
    if (Date.now() > until)
      throw new Error(`/healthz never answered ${status}; last ${JSON.stringify(last)}\n${bot.transcript()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function standIns(): Promise<{ discord: DiscordStandIn; slack: SlackStandIn }> {
  const discord = await startDiscordStandIn();
  const slack = await new SlackStandIn().start();
  closers.push(
    () => discord.stop(),
    () => slack.close(),
  );
  return { discord, slack };
}

/** Both platforms configured, whatever the role: a role must start only its own part. */
function env(discord: DiscordStandIn, slack: SlackStandIn, slackPort: number): Record<string, string> {
  return {
    SITREP_DB_PATH: join(dir, `bot-${++databases}.db`),
    SITREP_HEALTH_PORT: '0',
    DISCORD_TOKEN: discord.token,
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_API_URL: discord.restUrl,
    SLACK_BOT_TOKEN: 'xoxb-stand-in',
    SLACK_SIGNING_SECRET: 'stand-in-secret',
    SLACK_API_URL: slack.apiUrl,
    SLACK_PORT: String(slackPort),
  };
}

function start(variables: Record<string, string>, role: string): BotProcess {
  const bot = new BotProcess('node', variables, ['--role', role]);
  running.push(bot);
  return bot;
}

/** The port /healthz listens on (SITREP_HEALTH_PORT=0: any free one, logged). */
async function healthPort(bot: BotProcess): Promise<number> {
  return (await bot.waitForMessage('health: listening', STARTED_MS)).port as number;
}

async function expectCleanExit(bot: BotProcess): Promise<void> {
  const { ms, left } = await bot.terminate('SIGTERM');
  expect(ms, bot.transcript()).toBeLessThan(EXIT_WITHIN_MS);
  expect(left).toEqual([]);
}

const messages = (bot: BotProcess) => bot.lines.map((l) => l.msg as string);

afterEach(async () => {
  for (const bot of running.splice(0)) bot.kill();
  for (const close of closers.splice(0)) await close();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sitrep start --role', { timeout: 180_000 }, () => {
  it('refuses an unknown role in one line, exit 2', async () => {
    const result = await runSitrep(['start', '--role', 'discord,telegram'], join(dir, 'none.db'));
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/unknown role "telegram".*discord, slack, scheduler, intake, all/);
  });

  it('refuses a role whose platform has no token, exit 2', async () => {
    const result = await runSitrep(['start', '--role=slack'], join(dir, 'none.db'));
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      'sitrep start: --role slack needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET to be set.',
    );
  });

  it('discord: only the gateway; /healthz 503 until READY, 200, then 503 when Discord goes away', async () => {
    const { discord, slack } = await standIns();
    discord.holdReady = true;
    const bot = start(env(discord, slack, await refusingPort()), 'discord');
    const port = await healthPort(bot);
    // Connected and identified, but not let in yet: not ready.
    await discord.waitForOp(2, 1, STARTED_MS);
    const before = await healthBecomes(port, 503, bot);
    expect(before.body.checks).toEqual({ store: 'up', discord: 'gateway not ready' });
    discord.releaseReady();
    const ready = await healthBecomes(port, 200, bot);
    expect(ready.body).toEqual({ ready: true, roles: ['discord'], checks: { store: 'up', discord: 'up' } });
    await bot.waitForMessage('roles started', STARTED_MS);
    // Everything the role starts has started: nothing reached Slack, no scheduler, no poller.
    expect(slack.calls).toEqual([]);
    expect(messages(bot)).not.toContain('scheduler started');
    expect(messages(bot)).not.toContain('intake poller started');
    await discord.stop();
    const gone = await healthBecomes(port, 503, bot);
    expect(gone.body.checks.discord).toMatch(/^gateway not ready/);
    // And the platform unreachable does not hold the exit up.
    await expectCleanExit(bot);
  });

  it('slack: only the HTTP receiver, with /healthz on its port; SIGTERM exits within 5 s', async () => {
    const { discord, slack } = await standIns();
    const slackPort = await refusingPort();
    const bot = start(env(discord, slack, slackPort), 'slack');
    const health = await healthBecomes(slackPort, 200, bot);
    expect(health.body).toEqual({ ready: true, roles: ['slack'], checks: { store: 'up', slack: 'up' } });
    // The small port says the same.
    expect((await healthOf(await healthPort(bot)))?.status).toBe(200);
    await bot.waitForMessage('roles started', STARTED_MS);
    expect(discord.requests).toEqual([]);
    expect(discord.identified).toEqual([]);
    expect(messages(bot)).not.toContain('scheduler started');
    await expectCleanExit(bot);
  });

  it('scheduler: posts through REST on both platforms, holds no gateway and serves no Slack port', async () => {
    const { discord, slack } = await standIns();
    const slackPort = await refusingPort();
    const bot = start(env(discord, slack, slackPort), 'scheduler');
    const health = await healthBecomes(await healthPort(bot), 200, bot);
    expect(health.body.checks).toEqual({ store: 'up', scheduler: 'up' });
    await bot.waitForMessage('scheduler started', STARTED_MS);
    // Both posters checked their tokens.
    expect(discord.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /users/@me']);
    expect(slack.calls.map((c) => c.method)).toEqual(['auth.test']);
    expect(discord.identified).toEqual([]);
    expect(await healthOf(slackPort)).toBeUndefined();
    await expectCleanExit(bot);
  });

  it('intake: polls the sources on its interval into leads, and nothing else', async () => {
    const { discord, slack } = await standIns();
    const feeds = await new FeedServer().start();
    closers.push(() => feeds.stop());
    feeds.routes.set(
      '/wire.xml',
      staticFeed(() =>
        rssFeed([
          {
            title: 'Gunfire reported in Cité Soleil',
            link: 'https://wire.example.org/a/1',
            date: '2026-11-30T10:00:00Z',
          },
        ]),
      ),
    );
    const variables: Record<string, string> = {
      ...env(discord, slack, await refusingPort()),
      SITREP_ALLOW_PRIVATE_SOURCES: 'true',
    };
    const db = variables.SITREP_DB_PATH ?? '';
    const added = await runSitrep(['sources', 'add', feeds.url('/wire.xml'), '--kind', 'rss'], db);
    expect(added.code, added.stderr).toBe(0);
    const bot = start(variables, 'intake');
    const health = await healthBecomes(await healthPort(bot), 200, bot);
    expect(health.body.checks).toEqual({ store: 'up', intake: 'up' });
    await bot.waitForLine((l) => l.msg === 'intake: polled' && l.created === 1, STARTED_MS);
    const leads = await runSitrep(['leads', '--json'], db);
    expect(JSON.parse(leads.stdout).map((l: { link: string }) => l.link)).toEqual(['https://wire.example.org/a/1']);
    expect(discord.requests).toEqual([]);
    expect(slack.calls).toEqual([]);
    await expectCleanExit(bot);
  });

  it('discord with DISCORD_SHARDS=auto: two shard processes through ShardingManager, each with its guilds', async () => {
    const { discord, slack } = await standIns();
    discord.shardCount = 2;
    // Guild ids whose timestamps put two on each shard: (id >> 22) % 2. A minute back, so that
    // none can be the stand-in's own guild, made a few milliseconds ago.
    const base = (BigInt(snowflake()) >> 22n) - 60_000n;
    for (let k = 1n; k <= 4n; k++) discord.extraGuildIds.push(String((base - k) << 22n));
    const bot = start({ ...env(discord, slack, await refusingPort()), DISCORD_SHARDS: 'auto' }, 'discord');
    const line = await bot.waitForMessage('discord shards ready', STARTED_MS);
    const expected = [discord.guildsOf([0, 2]), discord.guildsOf([1, 2])];
    expect(expected[0]?.length).toBeGreaterThan(0);
    expect(expected[1]?.length).toBeGreaterThan(0);
    expect((line.guilds as string[][]).map((g) => [...g].sort())).toEqual(expected.map((g) => [...g].sort()));
    expect(discord.identified.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    const health = await healthBecomes(await healthPort(bot), 200, bot);
    expect(health.body.checks).toEqual({ store: 'up', discord: 'up' });
    // The supervisor, the manager and two shard processes (and no more): all gone after SIGTERM.
    bot.track();
    expect(bot.seen.size).toBeGreaterThanOrEqual(4);
    await expectCleanExit(bot);
  });

  it('all: the platforms and the scheduler in one process; intake only once sources exist', async () => {
    const { discord, slack } = await standIns();
    const slackPort = await refusingPort();
    const bot = start(env(discord, slack, slackPort), 'all');
    const health = await healthBecomes(slackPort, 200, bot);
    expect(health.body.checks).toEqual({ store: 'up', discord: 'up', slack: 'up', scheduler: 'up' });
    expect(messages(bot)).toContain('intake: no sources; not polling (add one with sitrep sources add, then restart)');
    await expectCleanExit(bot);
  });
});
