/**
 * Nothing ends the service but a signal, and a signal always ends it: SIGTERM (or SIGINT) to `npm
 * start` or to `node bin/sitrep.js start` exits the whole process tree within 5 s in every state, with
 * the platform unreachable included (a login that hangs, a gateway that refuses, a gateway gone
 * after the bot connected: discord.js keeps reconnecting after destroy() there). A bot process
 * killed outright is restarted by its supervisor, and answers again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InteractionResponseType } from 'discord-api-types/v10';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { BotProcess, HangingServer, refusingPort } from '../support/bot-process.ts';
import { type DiscordStandIn, startDiscordStandIn } from '../support/discord-stand-in.ts';

/** What the issue asks: the tree gone within 5 s of SIGTERM. The bot's own deadline is 4 s. */
const EXIT_WITHIN_MS = 5000;

const dir = mkdtempSync(join(tmpdir(), 'sitrep-shutdown-'));
const running: BotProcess[] = [];
const closers: Array<() => Promise<void>> = [];
let databases = 0;

function bot(how: 'npm' | 'node', env: Record<string, string>): BotProcess {
  const started = new BotProcess(how, { SITREP_DB_PATH: join(dir, `bot-${++databases}.db`), ...env });
  running.push(started);
  return started;
}

function discordEnv(apiUrl: string, applicationId = '1300000000000000001'): Record<string, string> {
  return { DISCORD_TOKEN: 'stand-in-token', DISCORD_APPLICATION_ID: applicationId, DISCORD_API_URL: apiUrl };
}

async function expectCleanExit(started: BotProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number> {
  const { ms, left } = await started.terminate(signal);
  expect(ms, started.transcript()).toBeLessThan(EXIT_WITHIN_MS);
  expect(left).toEqual([]);
  return ms;
}

afterEach(async () => {
  for (const started of running.splice(0)) started.kill();
  for (const close of closers.splice(0)) await close();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Each case starts real bot processes (TypeScript compiled on the fly): allow for a loaded machine.
describe('SIGTERM ends the bot, whatever state it is in', { timeout: 120_000 }, () => {
  it('npm start, while Discord never answers the login', async () => {
    const hanging = await new HangingServer().start();
    closers.push(() => hanging.close());
    const started = bot('npm', discordEnv(`${hanging.url}/api`));
    await started.waitForMessage('bot process started');
    const until = Date.now() + 60_000;
    while (hanging.sockets.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
    expect(hanging.sockets.length, started.transcript()).toBeGreaterThan(0);
    // npm, its shell (replaced by node through `exec`), the supervisor and the bot.
    expect(started.seen.size).toBeGreaterThanOrEqual(2);
    await expectCleanExit(started);
    expect(started.lines.some((l) => l.msg === 'shutting down' && l.reason === 'SIGTERM')).toBe(true);
  });

  it('node bin/sitrep.js start, while Discord refuses connections and the bot is being restarted', async () => {
    const port = await refusingPort();
    const started = bot('node', discordEnv(`http://127.0.0.1:${port}/api`));
    const restart = await started.waitForMessage('bot process ended unexpectedly; restarting');
    expect(restart.code).toBe(1);
    expect(restart.restartInMs).toBeLessThanOrEqual(5000);
    expect(started.lines.some((l) => l.msg === 'could not start')).toBe(true);
    await expectCleanExit(started);
  });

  it('node bin/sitrep.js start, after the gateway went away while connected', async () => {
    const standIn: DiscordStandIn = await startDiscordStandIn();
    closers.push(() => standIn.stop().catch(() => {}));
    const started = bot('node', discordEnv(standIn.restUrl, standIn.applicationId));
    await started.waitForMessage('discord adapter ready');
    await standIn.stop();
    const from = started.lines.length;
    await started.waitForMessage('discord gateway reconnecting', 60_000, from);
    await started.waitForMessage('discord gateway reconnecting', 60_000, started.lines.length);
    await expectCleanExit(started);
    expect(started.lines.some((l) => l.msg === 'stopped')).toBe(true);
  });

  it('node bin/sitrep.js start on Slack, while the Web API never answers (SIGINT)', async () => {
    const hanging = await new HangingServer().start();
    closers.push(() => hanging.close());
    const started = bot('node', {
      SLACK_BOT_TOKEN: 'xoxb-unreachable',
      SLACK_SIGNING_SECRET: 'secret',
      SLACK_API_URL: `${hanging.url}/api/`,
      SLACK_PORT: String(await refusingPort()),
    });
    await started.waitForMessage('bot process started');
    const until = Date.now() + 60_000;
    while (hanging.sockets.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
    expect(hanging.sockets.length, started.transcript()).toBeGreaterThan(0);
    await expectCleanExit(started, 'SIGINT');
    expect(started.lines.some((l) => l.msg === 'shutting down' && l.reason === 'SIGINT')).toBe(true);
  });
});

describe('the supervisor', { timeout: 120_000 }, () => {
  it('restarts a bot process killed outright within 5 s, logs it, and the bot answers again', async () => {
    const standIn = await startDiscordStandIn();
    closers.push(() => standIn.stop());
    const started = bot('node', discordEnv(standIn.restUrl, standIn.applicationId));
    const first = await started.waitForMessage('bot process started');
    await started.waitForMessage('discord adapter ready');

    const from = started.lines.length;
    process.kill(first.pid, 'SIGKILL');
    const crash = await started.waitForMessage('bot process ended unexpectedly; restarting', 30_000, from);
    expect(crash.signal).toBe('SIGKILL');
    expect(crash.restartInMs).toBeLessThanOrEqual(5000);
    const second = await started.waitForMessage('bot process started', 30_000, from);
    expect(second.pid).not.toBe(first.pid);
    await started.waitForMessage('discord adapter ready', 60_000, from);

    const { id, token } = standIn.command('status');
    const callback = await standIn.waitFor(
      (r) => r.method === 'POST' && r.path === `/interactions/${id}/${token}/callback`,
      30_000,
    );
    // A new executor worker on a busy machine may take longer than the defer deadline: then the edit answers.
    const answered =
      callback.body.type === InteractionResponseType.DeferredChannelMessageWithSource
        ? (
            await standIn.waitFor(
              (r) => r.method === 'PATCH' && r.path.endsWith(`/${token}/messages/@original`),
              30_000,
            )
          ).body
        : callback.body.data;
    expect(JSON.stringify(answered)).toContain('at least 800');
    await expectCleanExit(started);
  });
});
