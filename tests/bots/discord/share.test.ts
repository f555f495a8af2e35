/**
 * Visibility on Discord, through the real discord.js and the stand-in: answers are public where
 * asked; `visibility:private` answers ephemerally with a Share in channel button; Share posts the
 * same answer in the channel (a follow-up without the ephemeral flag) saying who shared it, with
 * its map, turns the private answer into a line saying so, and works after a restart.
 */
import {
  type APIApplicationCommandInteractionDataOption,
  ApplicationCommandOptionType,
  InteractionResponseType,
  MessageFlags,
} from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordAdapter, type DiscordAdapter } from '../../../src/bots/discord/adapter.ts';
import { messageProblems } from '../../../src/bots/discord/limits.ts';
import { commands } from '../../../src/commands/commands.ts';
import { loadConfig } from '../../../src/config.ts';
import type { Services } from '../../../src/core/services.ts';
import { silentLogger } from '../../../src/log.ts';
import { callbackOf, originalEditOf, textOf } from '../../support/discord-requests.ts';
import {
  type DiscordStandIn,
  type MessageJson,
  type RecordedRequest,
  startDiscordStandIn,
} from '../../support/discord-stand-in.ts';
import { createTestServices, TEST_NOW } from '../../support/services.ts';

let standIn: DiscordStandIn;
let adapter: DiscordAdapter;
let services: Services;

function startAdapter(): DiscordAdapter {
  const config = loadConfig({
    DISCORD_TOKEN: 'stand-in-token',
    DISCORD_APPLICATION_ID: standIn.applicationId,
    DISCORD_GUILD_ID: standIn.guildId,
    DISCORD_API_URL: standIn.restUrl,
  });
  return createDiscordAdapter(config, { services, logger: silentLogger(), now: () => TEST_NOW, commands });
}

beforeAll(async () => {
  standIn = await startDiscordStandIn();
  services = await createTestServices();
  adapter = startAdapter();
  await adapter.start();
});

afterAll(async () => {
  await adapter?.stop();
  await standIn?.stop();
});

const text = (value: string) => ({ type: ApplicationCommandOptionType.String, value }) as const;
const privately = { name: 'visibility', ...text('private') } as APIApplicationCommandInteractionDataOption;

async function ask(name: string, options: APIApplicationCommandInteractionDataOption[]) {
  const { id, token } = standIn.command(name, options);
  return { callback: await standIn.waitFor(callbackOf(id, token)), token };
}

const shareButtonOf = (m: MessageJson | undefined) =>
  m?.components?.flatMap((row) => row.components).find((b) => b.custom_id.startsWith('sh1|'));

const followUpOf = (token: string) => (r: RecordedRequest) =>
  r.method === 'POST' && r.path === `/webhooks/${standIn.applicationId}/${token}`;

/** Presses Share on an ephemeral answer; returns the click's callback, the public follow-up and the edit. */
async function pressShare(customId: string, answer: MessageJson | undefined) {
  const message = standIn.makeMessage(standIn.channelId, standIn.bot, {
    embeds: answer?.embeds ?? [],
    components: answer?.components ?? [],
    flags: MessageFlags.Ephemeral,
  });
  const { id, token } = standIn.press(customId, message);
  const callback = await standIn.waitFor(callbackOf(id, token));
  const shared = await standIn.waitFor(followUpOf(token));
  const edit = await standIn.waitFor(originalEditOf(token));
  return { callback, shared, edit };
}

describe('private answers and Share on Discord', () => {
  it('answers in public where asked by default, without Share', async () => {
    const { callback } = await ask('status', []);
    expect(callback.body.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(callback.body.data?.flags ?? 0).toBe(0);
    expect(shareButtonOf(callback.body.data)).toBeUndefined();
  });

  it('visibility:private is ephemeral with Share; Share posts it in the channel saying who shared it', async () => {
    const { callback } = await ask('status', [privately]);
    const answer = callback.body.data;
    expect(answer?.flags).toBe(MessageFlags.Ephemeral);
    const button = shareButtonOf(answer);
    expect(button?.label).toBe('Share in channel');
    expect(button?.custom_id).toBe('sh1|status|');
    const { callback: click, shared, edit } = await pressShare(button?.custom_id ?? '', answer);
    expect(click.body.type).toBe(InteractionResponseType.DeferredMessageUpdate);
    expect(shared.body.flags ?? 0).toBe(0);
    expect(textOf(shared.body)).toContain('Shared by');
    expect(shared.body.embeds?.[0]?.footer?.text).toMatch(/^Shared by \S/);
    expect(shared.body.embeds?.[0]?.title).toBe(answer?.embeds?.[0]?.title);
    expect(textOf(shared.body)).toContain('Deployed (Kenyan police): **at least 800**');
    expect(shareButtonOf(shared.body)).toBeUndefined();
    expect(messageProblems(shared.body)).toEqual([]);
    expect(textOf(edit.body)).toContain('This answer is now in the channel.');
    expect(edit.body.components).toEqual([]);
  });

  it('a private /location keeps its map; the shared one carries the map too', async () => {
    const { callback, token } = await ask('location', [{ name: 'name', ...text('Kenscoff') }, privately]);
    expect(callback.body.data?.flags).toBe(MessageFlags.Ephemeral);
    const withMap = await standIn.waitFor(originalEditOf(token));
    expect(withMap.files.map((f) => f.filename)).toEqual(['map.png']);
    const button = shareButtonOf(callback.body.data);
    expect(button?.custom_id).toBe('sh1|location|name=Kenscoff');
    const { shared } = await pressShare(button?.custom_id ?? '', callback.body.data);
    expect(textOf(shared.body)).toContain('Kenscoff: what happened');
    expect(shared.files.map((f) => f.filename)).toEqual(['map.png']);
    expect(shared.body.embeds?.[0]?.image?.url).toBe('attachment://map.png');
  });

  it('a page of a private answer stays private, and its Share carries the page', async () => {
    const limit = { name: 'limit', type: ApplicationCommandOptionType.Integer, value: 1 } as const;
    const { callback } = await ask('timeline', [limit, privately]);
    const first = callback.body.data;
    const next = first?.components?.flatMap((row) => row.components).find((b) => b.label === 'Next');
    const message = standIn.makeMessage(standIn.channelId, standIn.bot, {
      embeds: first?.embeds ?? [],
      components: first?.components ?? [],
      flags: MessageFlags.Ephemeral,
    });
    const { id, token } = standIn.press(next?.custom_id ?? '', message);
    const page = (await standIn.waitFor(callbackOf(id, token))).body;
    expect(page.type).toBe(InteractionResponseType.UpdateMessage);
    expect(textOf(page.data)).not.toBe(textOf(first));
    expect(shareButtonOf(page.data)?.custom_id).toMatch(/^sh1\|timeline\|limit=1&cursor=./);
  });

  it('Share still works after a restart: the question lives in the custom id', async () => {
    const { callback } = await ask('ask', [{ name: 'question', ...text('what happened near Pont-Sondé?') }, privately]);
    const button = shareButtonOf(callback.body.data);
    expect(button).toBeDefined();
    await adapter.stop();
    adapter = startAdapter();
    await adapter.start();
    const { shared } = await pressShare(button?.custom_id ?? '', callback.body.data);
    expect(textOf(shared.body)).toContain('sticks in a ditch');
    expect(shared.body.flags ?? 0).toBe(0);
  });
});
