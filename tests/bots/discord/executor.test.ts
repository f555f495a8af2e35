/**
 * Discord through the executor: real commands handed to a worker with its own read-only
 * connection to a store file, while the adapter's own services are a separate in-memory store,
 * so an answer that shows what only the file holds came from the executor. The test worker
 * (tests/support/executor-test-worker.ts) blocks synchronously on `slow:<ms>`, as a slow SQLite
 * query does, and gets stuck then dies on `crash:<path>`.
 *
 * Order, not time, is what these tests assert (a write answered, a heartbeat sent, while a burst
 * is still being worked), with the burst long by construction and deadlines generous, so they
 * hold on a busy machine. The worker runs at the bot's priority here.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ApplicationCommandOptionType,
  GatewayOpcodes,
  InteractionResponseType,
  Locale,
  MessageFlags,
} from 'discord-api-types/v10';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordAdapter, type DiscordAdapter } from '../../../src/bots/discord/adapter.ts';
import { loadConfig } from '../../../src/config.ts';
import { type Executor, FALLBACK } from '../../../src/executor/index.ts';
import { callbackOf, textOf } from '../../support/discord-requests.ts';
import { type DiscordStandIn, type RecordedRequest, startDiscordStandIn } from '../../support/discord-stand-in.ts';
import { type ExecutorHarness, ONLY_IN_FILE, startExecutorHarness } from '../../support/executor-harness.ts';
import { TEST_NOW } from '../../support/services.ts';
import { waitFor } from '../../support/slack-stand-in.ts';
import { EVENTUALLY_MS } from '../../support/timing.ts';

// biome-ignore lint/suspicious/noExplicitAny: log lines
type Json = any;

const logged: Json[] = [];
const logger = pino({ level: 'warn' }, { write: (line: string) => logged.push(JSON.parse(line)) });
let harness: ExecutorHarness;
let standIn: DiscordStandIn;
let executor: Executor;
let adapter: DiscordAdapter;

const text = (name: string, value: string) => ({ name, type: ApplicationCommandOptionType.String as const, value });
/** The answer after a defer: the original edited, or a private follow-up. */
const answerOf = (token: string) => (r: RecordedRequest) =>
  (r.method === 'PATCH' && r.path.endsWith(`/${token}/messages/@original`)) ||
  (r.method === 'POST' && r.path === `/webhooks/${standIn.applicationId}/${token}`);
const heartbeats = () => standIn.ops(GatewayOpcodes.Heartbeat).length;

beforeAll(async () => {
  harness = await startExecutorHarness('discord-executor', logger);
  executor = harness.executor;
  standIn = await startDiscordStandIn();
  const config = loadConfig({
    DISCORD_TOKEN: 'stand-in-token',
    DISCORD_APPLICATION_ID: standIn.applicationId,
    DISCORD_GUILD_ID: standIn.guildId,
    DISCORD_API_URL: standIn.restUrl,
    DISCORD_MESSAGE_CONTENT: 'true',
  });
  // The default deadline: the adapter defers as it does in production.
  adapter = createDiscordAdapter(config, { services: harness.services, logger, now: () => TEST_NOW, executor });
  await adapter.start();
});

afterAll(async () => {
  await adapter?.stop();
  await standIn?.stop();
  await harness?.close();
});

describe('Discord through the executor', () => {
  it('answers a read-only command from the store file', async () => {
    const { id, token } = standIn.command('timeline', [text('from', '2025-03-20'), text('to', '2025-03-23')]);
    const callback = await standIn.waitFor(callbackOf(id, token));
    const shown =
      callback.body.type === InteractionResponseType.DeferredChannelMessageWithSource
        ? (await standIn.waitFor(answerOf(token))).body
        : callback.body.data;
    expect(textOf(shown)).toContain(ONLY_IN_FILE);
  });

  it('answers in the language the worker finds: the user’s saved choice in the store, else the locale', async () => {
    const answerTo = async () => {
      const { id, token } = standIn.command('timeline', [text('from', '2025-03-20'), text('to', '2025-03-23')]);
      const callback = await standIn.waitFor(callbackOf(id, token));
      return textOf(
        callback.body.type === InteractionResponseType.DeferredChannelMessageWithSource
          ? (await standIn.waitFor(answerOf(token))).body
          : callback.body.data,
      );
    };
    const user = { platform: 'discord' as const, teamId: standIn.guildId, userId: standIn.user.id };
    standIn.userLocale = Locale.French;
    try {
      expect(await answerTo()).toContain('Chronologie');
      // Only the store file (the worker's) knows the saved choice: Creole comes from the worker.
      await harness.fileApp.services.subscriptions?.setUserLanguage(user, 'ht', '2025-03-30T00:00:00Z');
      const creole = await answerTo();
      expect(creole).toContain('Kwonoloji');
      expect(creole).toContain(ONLY_IN_FILE);
    } finally {
      await harness.fileApp.services.subscriptions?.setUserLanguage(user, undefined, '2025-03-30T00:00:01Z');
      standIn.userLocale = Locale.EnglishUS;
    }
  });

  it('defers a slow read-only command (type 5), then edits the answer in', async () => {
    const { id, token } = standIn.command('timeline', [
      text('from', '2025-03-20'),
      text('to', '2025-03-23'),
      text('actor', 'slow:1500'),
    ]);
    const callback = await standIn.waitFor(callbackOf(id, token));
    expect(callback.body.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    const edit = await standIn.waitFor(answerOf(token));
    expect(edit.method).toBe('PATCH');
    expect(textOf(edit.body)).toContain(ONLY_IN_FILE);
  });

  it('autocomplete goes through the executor: in time, or with an empty list', async () => {
    const quick = standIn.autocomplete('timeline', [{ ...text('location', 'pon'), focused: true }]);
    const suggested = await standIn.waitFor(callbackOf(quick.id, quick.token));
    expect(suggested.body.data?.choices?.[0]).toEqual({
      name: 'Pont-Sondé (locality, Saint-Marc, Artibonite)',
      value: 'pont-sonde',
    });
    const stuck = standIn.autocomplete('timeline', [{ ...text('location', 'slow:6000'), focused: true }]);
    const empty = await standIn.waitFor(callbackOf(stuck.id, stuck.token));
    expect(empty.body.type).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
    expect(empty.body.data?.choices).toEqual([]);
  });

  it('a burst of slow reads holds up neither a write command nor the heartbeat', async () => {
    await waitFor(() => (executor.expectedWaitMs() === 0 ? true : undefined), EVENTUALLY_MS, 'an idle executor');
    // Eight reads of a second each in one worker: at least eight seconds of work.
    const burst = Array.from({ length: 8 }, () => standIn.command('status', [text('actor', 'slow:1000')]));
    const unanswered = () => burst.filter(({ token }) => !standIn.requests.some(answerOf(token))).length;
    const beats = heartbeats();
    const write = standIn.command('digest', [
      { name: 'subscribe', type: ApplicationCommandOptionType.Subcommand, options: [text('time', '06:30')] },
    ]);
    const written = await standIn.waitFor(callbackOf(write.id, write.token));
    expect(written.body.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(textOf(written.body.data)).toMatch(/06:30/);
    expect(unanswered()).toBeGreaterThan(0);
    await standIn.waitForOp(GatewayOpcodes.Heartbeat, beats + 1);
    expect(unanswered()).toBeGreaterThan(0);
    // Every read of the burst is acknowledged (deferred) and answered in the end.
    for (const { id, token } of burst) {
      expect((await standIn.waitFor(callbackOf(id, token))).body.type).toBe(
        InteractionResponseType.DeferredChannelMessageWithSource,
      );
    }
    await waitFor(() => (unanswered() === 0 ? true : undefined), 60_000, 'the burst answered');
  });

  it('answers a mention and a DM from the store file', async () => {
    const from = standIn.requests.length;
    standIn.message('what happened near Pont-Sondé in March 2025?', { mention: true });
    const dm = standIn.message('what happened near Pont-Sondé in March 2025?', { dm: true });
    const replyIn = (channel: string) => (r: RecordedRequest) =>
      r.method === 'POST' && r.path === `/channels/${channel}/messages`;
    const [inChannel, inDm] = await Promise.all([
      standIn.waitFor(replyIn(standIn.channelId), EVENTUALLY_MS, from),
      standIn.waitFor(replyIn(dm.channel_id), EVENTUALLY_MS, from),
    ]);
    expect(textOf(inChannel.body)).toContain(ONLY_IN_FILE);
    expect(textOf(inDm.body)).toContain(ONLY_IN_FILE);
  });

  it('replaces a crashed worker: what it held gets a private apology, what follows a real answer', async () => {
    const release = join(harness.dir, 'release-the-crash');
    // The worker then holds the crash and the three below (it takes four at a time).
    await waitFor(() => (executor.expectedWaitMs() === 0 ? true : undefined), EVENTUALLY_MS, 'an idle executor');
    const crash = standIn.command('timeline', [text('actor', `crash:${release}`)]);
    await waitFor(() => (existsSync(`${release}.stuck`) ? true : undefined), EVENTUALLY_MS, 'the worker stuck');
    const held = [standIn.command('status'), standIn.command('timeline'), standIn.command('status')];
    for (const { id, token } of [crash, ...held]) {
      expect((await standIn.waitFor(callbackOf(id, token))).body.type).toBe(
        InteractionResponseType.DeferredChannelMessageWithSource,
      );
    }
    writeFileSync(release, '');
    for (const { token } of [crash, ...held]) {
      const apology = await standIn.waitFor(answerOf(token));
      expect(apology.method).toBe('POST');
      expect(apology.body.flags).toBe(MessageFlags.Ephemeral);
      expect(textOf(apology.body)).toContain(FALLBACK);
    }
    expect(logged.some((l) => l.msg === 'executor worker exited; starting another' && l.code === 70)).toBe(true);
    const after = standIn.command('timeline', [text('from', '2025-03-20'), text('to', '2025-03-23')]);
    const callback = await standIn.waitFor(callbackOf(after.id, after.token));
    const shown =
      callback.body.type === InteractionResponseType.DeferredChannelMessageWithSource
        ? (await standIn.waitFor(answerOf(after.token))).body
        : callback.body.data;
    expect(textOf(shown)).toContain(ONLY_IN_FILE);
  });
});
