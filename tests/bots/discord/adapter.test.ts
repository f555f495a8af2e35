/**
 * The real discord.js, driven through the Discord stand-in: what a user of each command sees,
 * the 3-second rule, autocomplete, paging, questions in messages, reconnects and registration.
 */
import {
  ApplicationCommandOptionType,
  GatewayIntentBits,
  GatewayOpcodes,
  InteractionResponseType,
  Locale,
  MessageFlags,
} from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordAdapter, type DiscordAdapter, discordIntents } from '../../../src/bots/discord/adapter.ts';
import { decodePageId } from '../../../src/bots/discord/custom-id.ts';
import { mentionProblems, messageProblems } from '../../../src/bots/discord/limits.ts';
import { commandProblems } from '../../../src/bots/discord/validate-commands.ts';
import type { CommandDef } from '../../../src/commands/command-types.ts';
import { commands as registry } from '../../../src/commands/commands.ts';
import { loadConfig } from '../../../src/config.ts';
import { UserError } from '../../../src/core/errors.ts';
import type { Services } from '../../../src/core/services.ts';
import { silentLogger } from '../../../src/log.ts';
import { callbackOf, originalEditOf, textOf } from '../../support/discord-requests.ts';
import { type DiscordStandIn, type MessageJson, startDiscordStandIn } from '../../support/discord-stand-in.ts';
import { makeEvent } from '../../support/events.ts';
import { createTestServices, TEST_NOW } from '../../support/services.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const view = (title: string) => ({ kind: 'message' as const, title, summary: `${title} answer`, sections: [] });

/** Commands beside the registry's, to drive the deadline and failure paths. */
const extraCommands: CommandDef[] = [
  {
    name: 'slowreport',
    description: 'Marked slow',
    options: [],
    examples: [],
    slow: true,
    run: async () => view('Slow report'),
  },
  {
    name: 'lagging',
    description: 'Not marked slow, but slow',
    options: [],
    examples: [],
    run: async () => {
      await sleep(700);
      return view('Lagging report');
    },
  },
  {
    name: 'broken',
    description: 'Throws',
    options: [],
    examples: [],
    run: async () => {
      throw new Error('database on fire');
    },
  },
  {
    name: 'brokenslow',
    description: 'Throws late',
    options: [],
    examples: [],
    slow: true,
    run: async () => {
      throw new Error('late fire');
    },
  },
  {
    name: 'mistake',
    description: 'User error',
    options: [],
    examples: [],
    slow: true,
    run: async () => {
      throw new UserError('not-a-choice', { option: 'x', accepted: 'a, b', got: 'c' });
    },
  },
];

let standIn: DiscordStandIn;
let adapter: DiscordAdapter;
let services: Services;

async function runCommand(name: string, options: Parameters<DiscordStandIn['command']>[1] = []) {
  const { id, token } = standIn.command(name, options);
  const callback = await standIn.waitFor(callbackOf(id, token));
  return { callback, token };
}

beforeAll(async () => {
  standIn = await startDiscordStandIn();
  services = await createTestServices();
  // 300 protests in Cap-Haïtien during 2024, for paging; dated before the seed's events.
  for (let i = 0; i < 300; i++) {
    const day = new Date(Date.UTC(2024, 0, 1) + Math.floor(i / 2) * 86_400_000).toISOString().slice(0, 10);
    await services.store.putEvent(
      makeEvent({
        id: `paging-${String(i).padStart(4, '0')}`,
        occurredAt: day,
        category: 'protest',
        actors: ['civilians'],
        place: { placeId: 'cap-haitien', text: 'Cap-Haïtien', geoPrecision: 'locality' },
        summary: `Paging event ${i}.`,
      }),
      { author: 'test', reason: 'paging', at: '2024-12-31T12:00:00Z' },
    );
  }
  // 30 long reports from 2013, too long for one screen a page: Next must go on after the shown ones.
  const words = Array.from({ length: 60 }, (_, w) => `word${w}`).join(' ');
  for (let i = 0; i < 30; i++) {
    await services.store.putEvent(
      makeEvent({
        id: `long-${String(i).padStart(3, '0')}`,
        occurredAt: new Date(Date.UTC(2013, 0, 1 + i)).toISOString().slice(0, 10),
        category: 'other',
        place: { placeId: 'cap-haitien', text: 'Cap-Haïtien', geoPrecision: 'locality' },
        summary: `Long event ${i}. ${words}.`,
      }),
      { author: 'test', reason: 'paging', at: '2024-12-31T12:00:00Z' },
    );
  }
  const config = loadConfig({
    DISCORD_TOKEN: 'stand-in-token',
    DISCORD_APPLICATION_ID: standIn.applicationId,
    DISCORD_GUILD_ID: standIn.guildId,
    DISCORD_API_URL: standIn.restUrl,
    DISCORD_MESSAGE_CONTENT: 'true',
  });
  adapter = createDiscordAdapter(config, {
    services,
    logger: silentLogger(),
    now: () => TEST_NOW,
    commands: [...registry, ...extraCommands],
    deferAfterMs: 300,
  });
  await adapter.start();
});

afterAll(async () => {
  await adapter?.stop();
  await standIn?.stop();
});

describe('Discord adapter against the stand-in', () => {
  it('finds the gateway through REST and identifies with the fewest intents', () => {
    expect(standIn.requests.some((r) => r.method === 'GET' && r.path === '/gateway/bot')).toBe(true);
    const identify = standIn.ops(GatewayOpcodes.Identify)[0]?.d as { intents: number; token: string };
    const all =
      GatewayIntentBits.Guilds |
      GatewayIntentBits.GuildMessages |
      GatewayIntentBits.DirectMessages |
      GatewayIntentBits.MessageContent;
    expect(identify.intents).toBe(all);
    expect(identify.token).toBe('stand-in-token');
    expect(discordIntents(false)).toEqual([GatewayIntentBits.Guilds]);
  });

  it('/status answers at once with the seed figures, their sources and disputed marks', async () => {
    const { callback } = await runCommand('status');
    expect(callback.body.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    const text = textOf(callback.body.data);
    // One screen: one embed within 1,500 characters, the first figure of each list with its source.
    expect(callback.body.data?.embeds).toHaveLength(1);
    expect(text.length).toBeLessThanOrEqual(1500);
    expect(text).toContain(
      'Deployed (Kenyan police): **at least 800** · as of Mar 2025 · Seed news report (publisher not recorded)',
    );
    expect(text).toMatch(/\+\d more/);
    expect(callback.body.data?.flags ?? 0).toBe(0);
  });

  it('/timeline with a place shows the Pont-Sondé ambush, its marks and its sources', async () => {
    const { callback } = await runCommand('timeline', [
      { name: 'location', type: ApplicationCommandOptionType.String, value: 'pont-sonde' },
    ]);
    const text = textOf(callback.body.data);
    expect(text).toContain('Timeline: Pont-Sondé (locality, Saint-Marc, Artibonite)');
    expect(text).toContain('25 Mar 2025, 16:30');
    expect(text).toContain('⚠️ disputed');
    // The claims are under More; the first screen marks the item corrected.
    expect(text).toContain('↩️ corrected');
    expect(text).toContain('MSS statement, quoted by KDRTV, Capital FM and Pulse');
  });

  it('/location and /ask name the place and what happened there', async () => {
    const location = await runCommand('location', [
      { name: 'name', type: ApplicationCommandOptionType.String, value: 'Kenscoff' },
    ]);
    expect(textOf(location.callback.body.data)).toContain('Kenscoff: what happened');
    expect(textOf(location.callback.body.data)).toContain('Belot, Kenscoff, Ouest');
    const question = [
      { name: 'question', type: ApplicationCommandOptionType.String, value: 'what happened near pont sonde?' },
    ] as const;
    const asked = await runCommand('ask', [...question]);
    expect(textOf(asked.callback.body.data)).toContain('Pont-Sondé: what happened');
    expect(textOf(asked.callback.body.data)).toContain('Ségur-Savien');
    const claim = await runCommand('ask', [
      {
        name: 'question',
        type: ApplicationCommandOptionType.String,
        value: 'was the Pont-Sondé ambush in Port-au-Prince?',
      },
    ]);
    expect(textOf(claim.callback.body.data)).toContain('No: the attack of 25 Mar 2025, 16:30 is recorded at Carrefour');
  });

  it('/digest preview runs its subcommand with its options', async () => {
    const { callback } = await runCommand('digest', [
      {
        name: 'preview',
        type: ApplicationCommandOptionType.Subcommand,
        options: [
          { name: 'since', type: ApplicationCommandOptionType.String, value: '2025-03-25' },
          { name: 'until', type: ApplicationCommandOptionType.String, value: '2025-03-27' },
        ],
      },
    ]);
    expect(callback.body.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(textOf(callback.body.data)).toContain('Pont-Sondé');
  });

  it('a mistake gets a private answer naming it', async () => {
    const { callback } = await runCommand('location', [
      { name: 'name', type: ApplicationCommandOptionType.String, value: 'Atlantis' },
    ]);
    expect(callback.body.data?.flags).toBe(MessageFlags.Ephemeral);
    expect(textOf(callback.body.data)).toContain('Unknown place');
  });

  it('autocompletes places from the gazetteer: at most 25, in its ranking, ids as values', async () => {
    for (const typed of ['pon', 'sa', 'c', '']) {
      const option = {
        name: 'location',
        type: ApplicationCommandOptionType.String as const,
        value: typed,
        focused: true,
      };
      const { id, token } = standIn.autocomplete('timeline', [option]);
      const callback = await standIn.waitFor(callbackOf(id, token));
      expect(callback.body.type).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
      const choices = callback.body.data?.choices ?? [];
      expect(choices.length).toBeLessThanOrEqual(25);
      expect(choices.length).toBeGreaterThan(0);
      if (typed)
        expect(choices.map((c) => c.value)).toEqual(services.gazetteer.search(typed, 25).map((m) => m.place.id));
      for (const c of choices) expect(c.name.length).toBeLessThanOrEqual(100);
    }
    const { id, token } = standIn.autocomplete('timeline', [
      { name: 'location', type: ApplicationCommandOptionType.String, value: 'pon', focused: true },
    ]);
    const first = (await standIn.waitFor(callbackOf(id, token))).body.data?.choices?.[0];
    expect(first).toEqual({ name: 'Pont-Sondé (locality, Saint-Marc, Artibonite)', value: 'pont-sonde' });
  });

  it('pages through a 300-event timeline with Next, without gaps or repeats, updating in place', async () => {
    const { callback } = await runCommand('timeline', [
      { name: 'category', type: ApplicationCommandOptionType.String, value: 'protest' },
      { name: 'limit', type: ApplicationCommandOptionType.Integer, value: 5 },
    ]);
    let shown = callback.body.data;
    const seen: number[] = [];
    let pages = 0;
    for (;;) {
      pages++;
      seen.push(...[...textOf(shown).matchAll(/Paging event (\d+)\\?\./g)].map((m) => Number(m[1])));
      const next = shown?.components?.flatMap((row) => row.components).find((b) => b.label === 'Next');
      if (!next) break;
      expect(decodePageId(next.custom_id)?.command).toBe('timeline');
      const message = standIn.makeMessage(standIn.channelId, standIn.bot, {
        embeds: shown?.embeds ?? [],
        components: shown?.components ?? [],
      });
      const press = standIn.press(next.custom_id, message);
      const update = await standIn.waitFor(callbackOf(press.id, press.token));
      expect(update.body.type).toBe(InteractionResponseType.UpdateMessage);
      shown = update.body.data;
    }
    expect(pages).toBe(60);
    expect(seen).toHaveLength(300);
    expect(new Set(seen).size).toBe(300);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
  });

  it('goes on right after what a first screen showed, so no event is passed over', async () => {
    const { callback } = await runCommand('timeline', [
      { name: 'from', type: ApplicationCommandOptionType.String, value: '2013-01-01' },
      { name: 'to', type: ApplicationCommandOptionType.String, value: '2013-12-31' },
    ]);
    let shown = callback.body.data;
    const longOnes = (m: MessageJson | undefined) =>
      [...textOf(m).matchAll(/Long event (\d+)\\?\./g)].map((match) => Number(match[1]));
    const seen = longOnes(shown);
    // A page of ten shows fewer on its first screen (and counts the rest): the case under test.
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.length).toBeLessThan(10);
    expect(textOf(shown)).toMatch(/\+\d+ more/);
    for (let pages = 1; pages < 40; pages++) {
      const next = shown?.components?.flatMap((row) => row.components).find((b) => b.label === 'Next');
      if (!next) break;
      expect(next.custom_id.length).toBeLessThanOrEqual(100);
      const press = standIn.press(next.custom_id, standIn.makeMessage(standIn.channelId, standIn.bot, {}));
      shown = (await standIn.waitFor(callbackOf(press.id, press.token))).body.data;
      seen.push(...longOnes(shown));
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => 29 - i));
  });

  it('a Previous button from a restarted bot still works: the query lives in the custom id', async () => {
    const { callback } = await runCommand('timeline', [
      { name: 'category', type: ApplicationCommandOptionType.String, value: 'protest' },
    ]);
    const first = textOf(callback.body.data);
    const next = callback.body.data?.components?.[0]?.components.find((b) => b.label === 'Next');
    const press = standIn.press(next?.custom_id ?? '', standIn.makeMessage(standIn.channelId, standIn.bot, {}));
    const second = (await standIn.waitFor(callbackOf(press.id, press.token))).body.data;
    const previous = second?.components?.[0]?.components.find((b) => b.label === 'Previous');
    const back = standIn.press(previous?.custom_id ?? '', standIn.makeMessage(standIn.channelId, standIn.bot, {}));
    const again = (await standIn.waitFor(callbackOf(back.id, back.token))).body.data;
    const items = (t: string) => [...t.matchAll(/Paging event (\d+)/g)].map((m) => m[1]);
    expect(items(textOf(again))).toEqual(items(first));
    expect(items(first)).toHaveLength(10);
  });

  it('answers stale or foreign buttons and unknown commands privately, leaving the message alone', async () => {
    const message = standIn.makeMessage(standIn.channelId, standIn.bot, {});
    const cases: Array<[{ id: string; token: string }, string]> = [
      [standIn.press('pg1|timeline|not-a-cursor|category=protest', message), 'not valid any more'],
      [standIn.press('someone-elses-button', message), 'This button is out of date'],
      [standIn.command('nosuchcommand'), 'is not a command of this bot'],
    ];
    for (const [{ id, token }, words] of cases) {
      const callback = await standIn.waitFor(callbackOf(id, token));
      expect(callback.body.type).toBe(InteractionResponseType.ChannelMessageWithSource);
      expect(callback.body.data?.flags).toBe(MessageFlags.Ephemeral);
      expect(textOf(callback.body.data)).toContain(words);
    }
    // The same refusal in the presser's language.
    standIn.userLocale = Locale.French;
    try {
      const { id, token } = standIn.press('someone-elses-button', message);
      expect(textOf((await standIn.waitFor(callbackOf(id, token))).body.data)).toContain('Ce bouton est périmé');
    } finally {
      standIn.userLocale = Locale.EnglishUS;
    }
  });

  it('defers a slow command (type 5) and then edits the original answer', async () => {
    for (const name of ['slowreport', 'lagging']) {
      const { callback, token } = await runCommand(name);
      expect(callback.body.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
      const edit = await standIn.waitFor(originalEditOf(token));
      expect(textOf(edit.body)).toContain(name === 'slowreport' ? 'Slow report answer' : 'Lagging report answer');
      expect(edit.body.allowed_mentions).toEqual({ parse: [] });
    }
  });

  it('a command that throws still gets a private answer, deferred or not', async () => {
    const quick = await runCommand('broken');
    expect(quick.callback.body.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(quick.callback.body.data?.flags).toBe(MessageFlags.Ephemeral);
    expect(textOf(quick.callback.body.data)).toContain('Sorry, something went wrong');
    expect(textOf(quick.callback.body.data)).not.toContain('database on fire');

    for (const [name, words] of [
      ['brokenslow', 'Sorry, something went wrong'],
      ['mistake', 'x must be one of: a, b (got "c").'],
    ]) {
      const slow = await runCommand(name as string);
      expect(slow.callback.body.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
      const followUp = await standIn.waitFor(
        (r) => r.method === 'POST' && r.path === `/webhooks/${standIn.applicationId}/${slow.token}`,
      );
      expect(followUp.body.flags).toBe(MessageFlags.Ephemeral);
      expect(textOf(followUp.body)).toContain(words);
      expect(
        standIn.requests.some((r) => r.method === 'DELETE' && r.path.endsWith(`/${slow.token}/messages/@original`)),
      ).toBe(true);
    }
  });

  it('answers a question in a message that mentions it, and in a DM, like /ask', async () => {
    const from = standIn.requests.length;
    standIn.message('what happened near Pont-Sondé? @everyone', { mention: true });
    const reply = await standIn.waitFor(
      (r) => r.method === 'POST' && r.path === `/channels/${standIn.channelId}/messages`,
      undefined,
      from,
    );
    expect(textOf(reply.body)).toContain('Pont-Sondé: what happened');
    expect(reply.body.message_reference).toBeDefined();
    expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });

    // A message that does not mention the bot, then the same one mentioning it: replies in one
    // channel go out one after another, so a reply to the first would come before the second's.
    const quiet = standIn.requests.length;
    standIn.message('hello desk, anything new?');
    const mentioned = standIn.message('hello desk, anything new?', { mention: true });
    const repliesSince = () =>
      standIn.requests
        .slice(quiet)
        .filter((r) => r.method === 'POST' && r.path === `/channels/${standIn.channelId}/messages`);
    await standIn.waitFor((r) => repliesSince().includes(r), undefined, quiet);
    expect(repliesSince().map((r) => r.body.message_reference?.message_id)).toEqual([mentioned.id]);

    const dm = standIn.message('what happened in Kenscoff?', { dm: true });
    const dmReply = await standIn.waitFor(
      (r) => r.method === 'POST' && r.path === `/channels/${dm.channel_id}/messages`,
    );
    expect(textOf(dmReply.body)).toContain('Kenscoff');
  });

  it('registers the registry as valid command JSON with French localisations', async () => {
    const sent = await adapter.registerCommands();
    const put = await standIn.waitFor(
      (r) =>
        r.method === 'PUT' && r.path === `/applications/${standIn.applicationId}/guilds/${standIn.guildId}/commands`,
    );
    const json = put.json as typeof sent;
    expect(json.map((c) => c.name)).toEqual(sent.map((c) => c.name));
    expect(commandProblems(json)).toEqual([]);
    const timeline = json.find((c) => c.name === 'timeline');
    expect(timeline?.name_localizations).toEqual({ fr: 'chronologie' });
    const location = timeline?.options?.find((o) => o.name === 'location') as { autocomplete?: boolean } | undefined;
    expect(location?.autocomplete).toBe(true);
    const digest = json.find((c) => c.name === 'digest');
    expect(digest?.options?.[0]).toMatchObject({ type: ApplicationCommandOptionType.Subcommand, name: 'preview' });
  });

  it('resumes after the gateway drops the connection, and keeps answering', async () => {
    await standIn.waitForOp(GatewayOpcodes.Heartbeat);
    standIn.dropConnection(4000);
    await standIn.waitForOp(GatewayOpcodes.Resume);
    expect(standIn.ops(GatewayOpcodes.Identify)).toHaveLength(1);
    const { callback } = await runCommand('status');
    expect(textOf(callback.body.data)).toContain('at least 800');
  });

  it('posts to a channel, finds the post by its marker, and maps failures to kinds', async () => {
    const channel = { platform: 'discord' as const, teamId: standIn.guildId, channelId: '1300000000000099001' };
    const since = new Date(Date.now() - 60_000).toISOString();
    const posted = await adapter.post(channel, view('Daily digest'), { marker: 'digest:2025-03-26' });
    expect(await adapter.findRecentByMarker(channel, 'digest:2025-03-26', since)).toEqual(posted);
    expect(await adapter.findRecentByMarker(channel, 'digest:2025-03-27', since)).toBeUndefined();
    const sent = standIn.channels.get(channel.channelId)?.[0];
    expect(sent?.embeds[0]?.title).toBe('Daily digest');

    const failing = async (status: number, body: object, headers?: Record<string, string>) => {
      const channelId = String(1300000000000099100n + BigInt(status));
      standIn.failures.push({
        method: 'POST',
        path: new RegExp(`/channels/${channelId}/messages`),
        status,
        body,
        times: 5,
        ...(headers ? { headers } : {}),
      });
      return adapter.post({ ...channel, channelId }, view('x')).then(
        () => undefined,
        (err: { failure?: unknown }) => err.failure,
      );
    };
    const limited = (await failing(
      429,
      { message: 'You are being rate limited.', retry_after: 1.5, global: false },
      { 'retry-after': '1.5' },
    )) as {
      kind: string;
      retryAfterMs: number;
    };
    expect(limited.kind).toBe('rate-limited');
    expect(limited.retryAfterMs).toBeGreaterThanOrEqual(1500);
    expect(await failing(500, { message: 'Internal error' })).toEqual({ kind: 'transient' });
    expect(await failing(403, { message: 'Missing Access', code: 50001 })).toEqual({ kind: 'permanent' });
    expect(await failing(404, { message: 'Unknown Channel', code: 10003 })).toEqual({ kind: 'permanent' });
  });

  it('finds a post in a busy channel: 250 messages after it, read forward from the claim time', async () => {
    const channel = { platform: 'discord' as const, teamId: standIn.guildId, channelId: '1300000000000099002' };
    const since = new Date(Date.now() - 60_000).toISOString();
    const before = standIn.requests.length;
    const posted = await adapter.post(channel, view('Busy digest'), { marker: 'sitrep:busy' });
    const messages = standIn.channels.get(channel.channelId) ?? [];
    for (let i = 0; i < 250; i++)
      messages.push(standIn.makeMessage(channel.channelId, standIn.user, { content: `${i}` }));
    // A post of the same marker by another bot is not ours.
    const other = { ...standIn.bot, id: '1300000000000000002' };
    messages.push(
      standIn.makeMessage(channel.channelId, other, { embeds: [{ footer: { text: 'ref sitrep:other' } }] }),
    );

    expect(await adapter.findRecentByMarker(channel, 'sitrep:busy', since)).toEqual(posted);
    expect(await adapter.findRecentByMarker(channel, 'sitrep:other', since)).toBeUndefined();
    const reads = standIn.requests
      .slice(before)
      .filter((r) => r.method === 'GET' && r.path === `/channels/${channel.channelId}/messages`);
    // The first read starts at the claim time and finds it; the missing one pages through all 252.
    expect(reads[0]?.query.get('after')).toBe(String((BigInt(Date.parse(since)) - 1_420_070_400_000n) << 22n));
    expect(reads.length).toBe(1 + 3);
    // Nothing posted after `since` carries it: a look from after the post finds nothing.
    const later = new Date(Date.now() + 60_000).toISOString();
    expect(await adapter.findRecentByMarker(channel, 'sitrep:busy', later)).toBeUndefined();
  });

  it('sent nothing that breaks a Discord limit or could ping anyone', () => {
    const bodies = standIn.requests
      .filter(
        (r) =>
          r.method !== 'GET' &&
          (r.path.includes('/callback') || r.path.includes('/webhooks/') || r.path.includes('/messages')),
      )
      .map((r) => (r.path.includes('/callback') ? r.body.data : r.body))
      .filter((b): b is MessageJson => b !== undefined && (b.embeds !== undefined || b.content !== undefined));
    expect(bodies.length).toBeGreaterThan(30);
    // Only the two commands built to throw got the apology: no answer failed on the way out.
    expect(bodies.filter((b) => textOf(b).includes('Sorry, something went wrong'))).toHaveLength(2);
    for (const body of bodies) {
      expect(messageProblems(body)).toEqual([]);
      expect(mentionProblems(body)).toEqual([]);
    }
  });
});
