/**
 * The More button through the real discord.js and the Discord stand-in: it pages privately
 * through the whole answer (every entry once, each screen one embed within 1,500 characters),
 * keeps working after a restart (a new adapter on the same store), and a query too long for a
 * custom id (/ask with its question, a timeline with many options) is kept in the store.
 */
import { ApplicationCommandOptionType, InteractionResponseType, MessageFlags } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordAdapter, type DiscordAdapter } from '../../../src/bots/discord/adapter.ts';
import { decodeMoreId, decodeSavedId } from '../../../src/bots/discord/custom-id.ts';
import { safeText } from '../../../src/bots/discord/escape.ts';
import { messageProblems } from '../../../src/bots/discord/limits.ts';
import { commands as registry } from '../../../src/commands/commands.ts';
import { dispatch } from '../../../src/commands/dispatch.ts';
import { loadConfig } from '../../../src/config.ts';
import { parseSavedQuery } from '../../../src/core/saved-query-port.ts';
import type { Services } from '../../../src/core/services.ts';
import type { View } from '../../../src/core/view.ts';
import { commandAt } from '../../../src/executor/index.ts';
import { silentLogger } from '../../../src/log.ts';
import { callbackOf, textOf } from '../../support/discord-requests.ts';
import { type DiscordStandIn, type MessageJson, startDiscordStandIn } from '../../support/discord-stand-in.ts';
import { makeEvent } from '../../support/events.ts';
import { createTestServices, TEST_NOW } from '../../support/services.ts';

let standIn: DiscordStandIn;
let adapter: DiscordAdapter;
let services: Services;

async function startAdapter(): Promise<DiscordAdapter> {
  const config = loadConfig({
    DISCORD_TOKEN: 'stand-in-token',
    DISCORD_APPLICATION_ID: standIn.applicationId,
    DISCORD_GUILD_ID: standIn.guildId,
    DISCORD_API_URL: standIn.restUrl,
  });
  const a = createDiscordAdapter(config, { services, logger: silentLogger(), now: () => TEST_NOW, deferAfterMs: 2000 });
  await a.start();
  return a;
}

beforeAll(async () => {
  standIn = await startDiscordStandIn();
  services = await createTestServices();
  for (let i = 0; i < 12; i++) {
    await services.store.putEvent(
      makeEvent({
        id: `more-protest-${String(i).padStart(2, '0')}`,
        occurredAt: `2024-05-${String(i + 1).padStart(2, '0')}`,
        category: 'protest',
        actors: ['civilians'],
        place: { placeId: 'cap-haitien', text: 'Cap-Haïtien', geoPrecision: 'locality' },
        summary: `More protest ${i}.`,
      }),
      { author: 'test', reason: 'more', at: '2024-12-31T12:00:00Z' },
    );
  }
  adapter = await startAdapter();
});

afterAll(async () => {
  await adapter?.stop();
  await standIn?.stop();
});

type Shown = MessageJson | undefined;
const buttonsOf = (m: Shown) => m?.components?.flatMap((row) => row.components) ?? [];
const moreOf = (m: Shown) => buttonsOf(m).find((b) => b.label === 'More');

async function run(name: string, options: Parameters<DiscordStandIn['command']>[1] = []) {
  const { id, token } = standIn.command(name, options);
  return (await standIn.waitFor(callbackOf(id, token))).body;
}

/** Presses a button on a message showing `shown` (private when `ephemeral`); the callback. */
async function press(customId: string, shown: Shown, ephemeral: boolean) {
  const message = standIn.makeMessage(standIn.channelId, standIn.bot, {
    embeds: shown?.embeds ?? [],
    components: shown?.components ?? [],
    flags: ephemeral ? MessageFlags.Ephemeral : 0,
  } as never);
  const { id, token } = standIn.press(customId, message);
  return (await standIn.waitFor(callbackOf(id, token))).body;
}

/** Every More screen from the first screen `first` on: the first privately, the rest in its place. */
async function walkMore(first: Shown, restartAfter?: number): Promise<Shown[]> {
  const screens: Shown[] = [];
  let shown = first;
  let ephemeral = false;
  for (let i = 0; i < 30; i++) {
    const more = moreOf(shown);
    if (!more) break;
    if (restartAfter !== undefined && i === restartAfter) {
      await adapter.stop();
      adapter = await startAdapter();
    }
    const callback = await press(more.custom_id, shown, ephemeral);
    // The first More answers privately; the next ones replace that private message.
    expect(callback.type).toBe(
      ephemeral ? InteractionResponseType.UpdateMessage : InteractionResponseType.ChannelMessageWithSource,
    );
    if (!ephemeral) expect(callback.data?.flags).toBe(MessageFlags.Ephemeral);
    expect(messageProblems(callback.data as never)).toEqual([]);
    expect(callback.data?.embeds).toHaveLength(1);
    expect(textOf(callback.data).length).toBeLessThanOrEqual(1500);
    screens.push(callback.data);
    shown = callback.data;
    ephemeral = true;
  }
  return screens;
}

async function fullView(path: string, args: Record<string, unknown>): Promise<View> {
  const command = commandAt(registry, path);
  if (!command) throw new Error(path);
  const caller = { platform: 'discord' as const, userId: 'u', canManageChannel: false };
  return (await dispatch(command, args, { services, now: TEST_NOW, caller }, silentLogger())).view;
}

const count = (text: string, part: string) => text.split(part).length - 1;

describe('the More button on Discord', () => {
  it('pages through the whole /status privately: every figure and event once, in order, with source titles', async () => {
    const first = (await run('status')).data;
    const more = moreOf(first);
    expect(decodeMoreId(more?.custom_id ?? '')).toEqual({ command: 'status', args: {}, part: 2 });
    const screens = await walkMore(first);
    expect(screens.length).toBeGreaterThanOrEqual(2);
    const texts = screens.map(textOf);
    expect(texts.map((t) => t.match(/More, (\d+) of (\d+)/)?.slice(1))).toEqual(
      texts.map((_, i) => [String(i + 2), String(screens.length + 1)]),
    );
    expect(moreOf(screens.at(-1))).toBeUndefined();
    const all = texts.join('\n');
    const full = await fullView('status', {});
    const items = full.sections.flatMap((s) => s.items ?? []);
    const fields = full.sections.flatMap((s) => s.fields ?? []);
    for (const title of new Set(items.map((i) => safeText(i.title))))
      expect(count(all, title)).toBe(items.filter((i) => safeText(i.title) === title).length);
    for (const f of fields) expect(count(all, `${safeText(f.label)}: **`)).toBeGreaterThanOrEqual(1);
    // In order: the first entry of each section before the next section's.
    const firsts = full.sections.map((s) => s.fields?.[0]?.label ?? s.items?.[0]?.title).filter(Boolean);
    const at = firsts.map((t) => all.indexOf(safeText(t as string)));
    expect(at).toEqual([...at].sort((a, b) => a - b));
    // What the first screen leaves out is there: source titles, under More only.
    const titles = items.flatMap((i) => i.sources.map((s) => s.title)).filter((t): t is string => Boolean(t));
    expect(titles.length).toBeGreaterThan(0);
    for (const t of titles) expect(all).toContain(safeText(t));
    expect(textOf(first)).not.toContain(safeText(titles[0] as string));
  });

  it('keeps paging after a restart: a new bot on the same store answers the buttons of the old one', async () => {
    const first = (await run('status')).data;
    const before = await walkMore(first);
    const after = await walkMore(first, 1);
    expect(after.map(textOf)).toEqual(before.map(textOf));
  });

  it('keeps a long /ask in the store under a short id, and answers it after a restart', async () => {
    const question = 'what happened near pont sonde in 2025 according to the sources?';
    const first = (await run('ask', [{ name: 'question', type: ApplicationCommandOptionType.String, value: question }]))
      .data;
    const more = moreOf(first);
    const saved = decodeSavedId(more?.custom_id ?? '');
    expect(saved?.kind).toBe('more');
    expect(more?.custom_id.length).toBeLessThanOrEqual(100);
    expect(parseSavedQuery(await services.savedQueries?.load(saved?.id ?? ''))).toEqual({
      command: 'ask',
      args: { question },
    });
    const screens = await walkMore(first, 0);
    expect(screens.length).toBeGreaterThanOrEqual(1);
    expect(textOf(screens[0])).toContain('Pont-Sondé');
    expect(moreOf(screens.at(-1))).toBeUndefined();
    // Every button on the More screens that needed the store is there too.
    for (const s of screens)
      for (const b of buttonsOf(s)) {
        const id = decodeSavedId(b.custom_id);
        if (id) expect(await services.savedQueries?.load(id.id)).toBeDefined();
      }
  });

  it('gives a timeline page with many options a Next button kept in the store, after a restart too', async () => {
    const options = [
      { name: 'from', type: ApplicationCommandOptionType.String, value: '2024-05-01' },
      { name: 'to', type: ApplicationCommandOptionType.String, value: '2024-05-31' },
      { name: 'location', type: ApplicationCommandOptionType.String, value: 'cap-haitien' },
      { name: 'category', type: ApplicationCommandOptionType.String, value: 'protest' },
      { name: 'actor', type: ApplicationCommandOptionType.String, value: 'civilians' },
      { name: 'limit', type: ApplicationCommandOptionType.Integer, value: 5 },
    ] as const;
    let shown = (await run('timeline', [...options])).data;
    const seen: number[] = [];
    const protests = (m: Shown) => [...textOf(m).matchAll(/More protest (\d+)/g)].map((x) => Number(x[1]));
    seen.push(...protests(shown));
    for (let pages = 1; pages < 5; pages++) {
      const next = buttonsOf(shown).find((b) => b.label === 'Next');
      if (!next) break;
      expect(decodeSavedId(next.custom_id)?.kind).toBe('page');
      if (pages === 1) {
        await adapter.stop();
        adapter = await startAdapter();
      }
      const callback = await press(next.custom_id, shown, false);
      expect(callback.type).toBe(InteractionResponseType.UpdateMessage);
      shown = callback.data;
      seen.push(...protests(shown));
    }
    expect(seen).toEqual(Array.from({ length: 12 }, (_, i) => 11 - i));
  });

  it('answers a More button whose saved query is gone privately, as out of date', async () => {
    const callback = await press('mq1|AAAAAAAAAAAAAAAA|2', undefined, false);
    expect(callback.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(callback.data?.flags).toBe(MessageFlags.Ephemeral);
    expect(textOf(callback.data)).toContain('This button is out of date');
  });
});
