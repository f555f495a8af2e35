/**
 * The composition root's platform start-up, end to end: the real Discord adapter against the
 * stand-in, the scheduler wired to it, a channel subscribed through the chat command, and one
 * clean stop through the shutdown steps it registered.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApplicationCommandOptionType, InteractionResponseType } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, openApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/log.ts';
import { startPlatforms } from '../../src/platforms.ts';
import { createShutdown, type Shutdown } from '../../src/shutdown.ts';
import { openSqliteSubscriptionStore } from '../../src/store/sqlite-subscriptions.ts';
import { type DiscordStandIn, type MessageJson, startDiscordStandIn } from '../support/discord-stand-in.ts';
import { testSeed } from '../support/services.ts';

let standIn: DiscordStandIn;
let app: App;
let shutdown: Shutdown;
const exitCodes: number[] = [];
let dbPath: string;

const textOf = (m: MessageJson | undefined) =>
  (m?.embeds ?? [])
    .flatMap((e) => [e.title, e.description, ...(e.fields ?? []).flatMap((f) => [f.name, f.value])])
    .join('\n');

async function answer(name: string, options: Parameters<DiscordStandIn['command']>[1] = []) {
  const { id, token } = standIn.command(name, options);
  const callback = await standIn.waitFor(
    (r) => r.method === 'POST' && r.path === `/interactions/${id}/${token}/callback`,
  );
  if (callback.body.type === InteractionResponseType.DeferredChannelMessageWithSource) {
    const edit = await standIn.waitFor((r) => r.method === 'PATCH' && r.path.endsWith(`/${token}/messages/@original`));
    return edit.body;
  }
  return callback.body.data;
}

beforeAll(async () => {
  standIn = await startDiscordStandIn();
  dbPath = join(mkdtempSync(join(tmpdir(), 'sitrep-platforms-')), 'sitrep.db');
  const config = loadConfig({
    SITREP_DB_PATH: dbPath,
    DISCORD_TOKEN: 'stand-in-token',
    DISCORD_APPLICATION_ID: standIn.applicationId,
    DISCORD_GUILD_ID: standIn.guildId,
    DISCORD_API_URL: standIn.restUrl,
  });
  app = await openApp({ dbPath, seed: testSeed() });
  shutdown = createShutdown({ log: silentLogger(), deadlineMs: 20_000, exit: (code) => void exitCodes.push(code) });
  await startPlatforms(config, app, silentLogger(), shutdown);
});

afterAll(async () => {
  await shutdown?.run('test over');
  await app?.close();
  await standIn?.stop();
});

describe('startPlatforms', () => {
  it('serves the registry on Discord', async () => {
    expect(textOf(await answer('status'))).toContain('at least 800');
  });

  it('wires the scheduler: a channel subscribes through /digest subscribe and the store keeps it', async () => {
    const reply = await answer('digest', [
      {
        name: 'subscribe',
        type: ApplicationCommandOptionType.Subcommand,
        options: [{ name: 'time', type: ApplicationCommandOptionType.String, value: '07:30' }],
      },
    ]);
    expect(textOf(reply)).toMatch(/07:30/);
    const subscriptions = openSqliteSubscriptionStore(dbPath);
    try {
      const listed = await subscriptions.listSubscriptions('discord', standIn.guildId, 'digest');
      expect(listed.map((s) => s.localTime)).toEqual(['07:30']);
    } finally {
      await subscriptions.close();
    }
  });

  it('stops every part it started, cleanly: the gateway closed, the exit code 0', async () => {
    await shutdown.run('test over');
    expect(exitCodes).toEqual([0]);
    const until = Date.now() + 10_000;
    while (standIn.connected && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(standIn.connected).toBe(false);
  });
});
