/**
 * Maps on Discord, through the real discord.js and the stand-in: an answer with a map carries one
 * PNG (multipart `files[0]`) shown as its first embed's image; a map that cannot be drawn or
 * uploaded never costs the text; page-button updates stay text; channel posts carry the map too.
 */
import { ApplicationCommandOptionType, InteractionResponseType } from 'discord-api-types/v10';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordAdapter, type DiscordAdapter } from '../../../src/bots/discord/adapter.ts';
import { mentionProblems, messageProblems } from '../../../src/bots/discord/limits.ts';
import { renderMapPng } from '../../../src/bots/map/render-map.ts';
import type { CommandDef } from '../../../src/commands/command-types.ts';
import { commands as registry } from '../../../src/commands/commands.ts';
import { loadConfig } from '../../../src/config.ts';
import { digest } from '../../../src/core/digest.ts';
import type { View, ViewMap } from '../../../src/core/view.ts';
import { deliver } from '../../../src/scheduler/retry.ts';
import {
  type DiscordStandIn,
  type MessageJson,
  type RecordedRequest,
  startDiscordStandIn,
} from '../../support/discord-stand-in.ts';
import { createTestServices, TEST_NOW } from '../../support/services.ts';
import { EVENTUALLY_MS, waitFor } from '../../support/timing.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const IMAGE = 'attachment://map.png';

const pontSondeMap: ViewMap = {
  kind: 'map',
  center: { lat: 19.15, lon: -72.6, label: 'Pont-Sondé' },
  radiusKm: 10,
  marks: [{ lat: 19.15, lon: -72.61, label: 'Ambush', weight: 20 }],
};
const mapView = (title: string, extra: Partial<View> = {}): View => ({
  kind: 'location',
  title,
  summary: `${title} answer <@123> @everyone`,
  sections: [],
  map: pontSondeMap,
  ...extra,
});

/** Commands beside the registry's: a deferred answer with a map, and a paged one with a map. */
const extraCommands: CommandDef[] = [
  {
    name: 'slowmap',
    description: 'Slow, with a map',
    options: [],
    examples: [],
    slow: true,
    run: async () => mapView('Slow map'),
  },
  {
    name: 'pagedmap',
    description: 'Paged, with a map',
    options: [{ name: 'cursor', description: 'Page position', type: 'string' }],
    examples: [],
    run: async () =>
      mapView('Paged map', {
        actions: [{ kind: 'page', label: 'Next', command: 'pagedmap', args: {}, cursor: 'c2' }],
      }),
  },
];

let standIn: DiscordStandIn;
let adapter: DiscordAdapter;
/** Every map the adapter asked to draw, in order. */
const drawn: ViewMap[] = [];
/** When set, drawing fails as resvg would on a broken outline. */
let failDrawing = false;
const warnings: string[] = [];

const callbackOf = (id: string, token: string) => (r: RecordedRequest) =>
  r.method === 'POST' && r.path === `/interactions/${id}/${token}/callback`;
const editsOf = (token: string) =>
  standIn.requests.filter((r) => r.method === 'PATCH' && r.path.endsWith(`/${token}/messages/@original`));
const textOf = (m: MessageJson | undefined) =>
  (m?.embeds ?? []).flatMap((e) => [e.title, e.description, ...(e.fields ?? []).map((f) => f.value)]).join('\n');

function expectOneMap(request: RecordedRequest, body: MessageJson | undefined = request.body): void {
  expect(request.files).toHaveLength(1);
  const [file] = request.files;
  expect(file?.field).toBe('files[0]');
  expect(file?.filename).toBe('map.png');
  expect(file?.contentType).toBe('image/png');
  expect(file?.data.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(body?.embeds?.[0]?.image?.url).toBe(IMAGE);
  expect(body?.embeds?.slice(1).some((e) => e.image)).toBe(false);
  expect(body?.attachments?.map((a) => String(a.id))).toEqual(['0']);
}

async function command(name: string, options: Parameters<DiscordStandIn['command']>[1] = []) {
  const { id, token } = standIn.command(name, options);
  return { callback: await standIn.waitFor(callbackOf(id, token)), token };
}

beforeAll(async () => {
  standIn = await startDiscordStandIn();
  const config = loadConfig({
    DISCORD_TOKEN: 'stand-in-token',
    DISCORD_APPLICATION_ID: standIn.applicationId,
    DISCORD_API_URL: standIn.restUrl,
    DISCORD_MESSAGE_CONTENT: 'true',
  });
  const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(line) });
  adapter = createDiscordAdapter(config, {
    services: await createTestServices(),
    logger,
    now: () => TEST_NOW,
    commands: [...registry, ...extraCommands],
    renderMap: async (map) => {
      drawn.push(map);
      if (failDrawing) throw new Error('resvg: cannot draw');
      return renderMapPng(map);
    },
  });
  await adapter.start();
});

afterAll(async () => {
  await adapter?.stop();
  await standIn?.stop();
});

describe('maps on Discord', () => {
  it('/location Kenscoff answers the text at once, then edits in one attached PNG of its map', async () => {
    const before = drawn.length;
    const { callback, token } = await command('location', [
      { name: 'name', type: ApplicationCommandOptionType.String, value: 'Kenscoff' },
    ]);
    expect(callback.body.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(textOf(callback.body.data)).toContain('Kenscoff: what happened');
    expect(callback.files).toEqual([]);
    const edit = await standIn.waitFor((r) => editsOf(token).includes(r));
    expectOneMap(edit);
    expect(textOf(edit.body)).toBe(textOf(callback.body.data));
    expect(edit.body.components).toEqual(callback.body.data?.components);
    // The bytes sent are the drawing of this answer's map, unchanged.
    const map = drawn[before] as ViewMap;
    expect(map.center.label).toBe('Kenscoff');
    expect(edit.files[0]?.data.equals(await renderMapPng(map))).toBe(true);
    expect(editsOf(token)).toHaveLength(1);
  });

  it('a slow answer with a map is deferred, then edited in once with text and map together', async () => {
    const { callback, token } = await command('slowmap');
    expect(callback.body.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    const edit = await standIn.waitFor((r) => editsOf(token).includes(r));
    expectOneMap(edit);
    expect(textOf(edit.body)).toContain('Slow map answer');
    expect(editsOf(token)).toHaveLength(1);
  });

  it('a map that cannot be drawn leaves the text answer, and is logged', async () => {
    failDrawing = true;
    try {
      const failedDrawings = () => warnings.filter((w) => w.includes('map drawing failed')).length;
      const failedBefore = failedDrawings();
      const quick = await command('location', [
        { name: 'name', type: ApplicationCommandOptionType.String, value: 'Kenscoff' },
      ]);
      expect(textOf(quick.callback.body.data)).toContain('Kenscoff: what happened');
      await waitFor(() => failedDrawings() > failedBefore || undefined, EVENTUALLY_MS, 'the logged drawing failure');

      // Sent after the quick answer's drawing had failed: by the time its answer is edited in,
      // an edit of the quick answer would have arrived.
      const slow = await command('slowmap');
      const edit = await standIn.waitFor((r) => editsOf(slow.token).includes(r));
      expect(textOf(edit.body)).toContain('Slow map answer');
      expect(edit.files).toEqual([]);
      expect(edit.body.embeds?.some((e) => e.image)).toBe(false);
      expect(failedDrawings()).toBe(failedBefore + 2);
      // The answer already shown is left as it is.
      expect(editsOf(quick.token)).toEqual([]);
    } finally {
      failDrawing = false;
    }
  });

  it('a map Discord refuses to take still leaves a deferred answer its text', async () => {
    standIn.failures.push({
      method: 'PATCH',
      path: /\/messages\/@original$/,
      status: 413,
      body: { message: 'Request entity too large', code: 40005 },
    });
    const { token } = await command('slowmap');
    await standIn.waitFor((r) => editsOf(token)[1] === r);
    const [refused, textOnly] = editsOf(token);
    expect(refused?.files).toHaveLength(1);
    expect(textOnly?.files).toEqual([]);
    expect(textOf(textOnly?.body)).toContain('Slow map answer');
    expect(warnings.some((w) => w.includes('could not attach the map'))).toBe(true);
  });

  it('a page-button update keeps to text: nothing drawn, nothing attached', async () => {
    const { callback, token } = await command('pagedmap');
    const next = callback.body.data?.components?.[0]?.components[0];
    expect(next?.label).toBe('Next');
    // The first answer is a new message: it gets its map.
    expectOneMap(await standIn.waitFor((r) => editsOf(token).includes(r)));
    const drawnBefore = drawn.length;
    const message = standIn.makeMessage(standIn.channelId, standIn.bot, { embeds: callback.body.data?.embeds ?? [] });
    const press = standIn.press(next?.custom_id ?? '', message);
    const update = await standIn.waitFor(callbackOf(press.id, press.token));
    expect(update.body.type).toBe(InteractionResponseType.UpdateMessage);
    expect(update.files).toEqual([]);
    expect(update.body.data?.embeds?.some((e) => e.image)).toBe(false);
    // A new answer after the click: by the time its map is edited in, a drawing or an edit for
    // the click would have been made; its own map is the only one drawn since.
    const after = await command('pagedmap');
    expectOneMap(await standIn.waitFor((r) => editsOf(after.token).includes(r)));
    expect(drawn.length).toBe(drawnBefore + 1);
    expect(editsOf(press.token)).toEqual([]);
  });

  it('a question in a message gets one reply carrying its map, or its text alone when drawing fails', async () => {
    const from = standIn.requests.length;
    standIn.message('what happened near Pont-Sondé?', { mention: true });
    const reply = await standIn.waitFor(
      (r) => r.method === 'POST' && r.path === `/channels/${standIn.channelId}/messages`,
      undefined,
      from,
    );
    expectOneMap(reply);
    expect(textOf(reply.body)).toContain('Pont-Sondé: what happened');
    expect(reply.body.message_reference).toBeDefined();

    failDrawing = true;
    try {
      const after = standIn.requests.length;
      standIn.message('what happened near Pont-Sondé?', { mention: true });
      const plain = await standIn.waitFor(
        (r) => r.method === 'POST' && r.path === `/channels/${standIn.channelId}/messages`,
        undefined,
        after,
      );
      expect(plain.files).toEqual([]);
      expect(textOf(plain.body)).toContain('Pont-Sondé: what happened');
    } finally {
      failDrawing = false;
    }
  });

  it('posts a view with a map to a channel with the PNG attached, and without it when drawing fails', async () => {
    const channel = { platform: 'discord' as const, teamId: 'team', channelId: '1300000000000077001' };
    const since = new Date(Date.now() - 60_000).toISOString();
    const posted = await adapter.post(channel, mapView('Alert'), { marker: 'alert:1' });
    const request = standIn.requests.find(
      (r) => r.method === 'POST' && r.path === `/channels/${channel.channelId}/messages`,
    );
    expectOneMap(request as RecordedRequest);
    expect(request?.body.nonce).toBe('alert:1');
    const stored = standIn.channels.get(channel.channelId)?.[0];
    expect(stored?.id).toBe(posted.messageId);
    expect(stored?.attachments.map((a) => a.filename)).toEqual(['map.png']);
    expect(await adapter.findRecentByMarker(channel, 'alert:1', since)).toEqual(posted);

    failDrawing = true;
    try {
      await adapter.post(channel, mapView('Alert two'), { marker: 'alert:2' });
    } finally {
      failDrawing = false;
    }
    const second = standIn.channels.get(channel.channelId)?.[1];
    expect(second?.embeds[0]?.title).toBe('Alert two');
    expect(second?.attachments).toEqual([]);
    expect(second?.embeds[0]?.image).toBeUndefined();
  });

  it('a scheduled digest goes out once with its map in the same message; a retry after a crash sends nothing', async () => {
    const channel = { platform: 'discord' as const, teamId: 'team', channelId: '1300000000000077002' };
    const view = await digest(
      await createTestServices(),
      { since: '2025-03-25', until: '2025-03-27', language: 'ht' },
      TEST_NOW,
    );
    expect(view.map?.marks.length).toBeGreaterThan(0);
    const send = (checkFirst: boolean) =>
      deliver({
        poster: adapter,
        channel,
        view,
        marker: 'sitrep:digest1',
        since: new Date(Date.now() - 60_000).toISOString(),
        checkFirst,
        policy: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 },
        sleep: async () => true,
        beforeAttempt: async () => true,
      });
    expect(await send(false)).toMatchObject({ kind: 'sent', found: false });
    expect(await send(true)).toMatchObject({ kind: 'sent', found: true });
    const posted = standIn.channels.get(channel.channelId) ?? [];
    expect(posted).toHaveLength(1);
    expect(posted[0]?.attachments.map((a) => a.filename)).toEqual(['map.png']);
    expect(posted[0]?.embeds[0]?.image?.url).toBe(IMAGE);
    expect(drawn.at(-1)?.language).toBe('ht');
  });

  it('messages with files break no Discord limit and ping no one', () => {
    const bodies = standIn.requests
      .filter((r) => r.method !== 'GET' && /\/callback$|\/webhooks\/|\/messages/.test(r.path))
      .map((r) => ({ files: r.files.length, body: r.path.endsWith('/callback') ? r.body.data : r.body }))
      .filter((b): b is { files: number; body: MessageJson } => b.body?.embeds !== undefined);
    expect(bodies.filter((b) => b.files > 0).length).toBeGreaterThanOrEqual(6);
    for (const { body } of bodies) {
      expect(messageProblems(body)).toEqual([]);
      expect(mentionProblems(body)).toEqual([]);
    }
  });
});
