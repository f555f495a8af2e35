/**
 * The triage loop on Discord, end to end: a feed item served on 127.0.0.1 is polled into a lead,
 * posted to the triage channel with its buttons, and Record (a modal filled in from the lead),
 * Add to event (as a conflicting claim) and Dismiss each update the message to say who did what.
 * Leads waiting when the channel is set: the newest ten, then a line on the rest.
 */
import {
  type APIMessage,
  ApplicationCommandOptionType,
  ComponentType,
  InteractionResponseType,
} from 'discord-api-types/v10';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDiscordAdapter, type DiscordAdapter } from '../../../src/bots/discord/adapter.ts';
import { loadConfig } from '../../../src/config.ts';
import type { IntakeStore } from '../../../src/core/intake-port.ts';
import { silentLogger } from '../../../src/log.ts';
import { createScheduler, type Scheduler } from '../../../src/scheduler/scheduler.ts';
import { type DiscordStandIn, type RecordedRequest, startDiscordStandIn } from '../../support/discord-stand-in.ts';
import { rssFeed } from '../../support/feed-fixtures.ts';
import { staticFeed } from '../../support/feed-server.ts';
import { IntakeWorld } from '../../support/intake-harness.ts';
import { makeDraft } from '../../support/lead-drafts.ts';

let standIn: DiscordStandIn;
let adapter: DiscordAdapter;
let world: IntakeWorld;
let intake: IntakeStore;
let scheduler: Scheduler;

const callbackOf = (id: string, token: string) => (r: RecordedRequest) =>
  r.method === 'POST' && r.path === `/interactions/${id}/${token}/callback`;
const embedText = (body: { embeds?: Array<{ title?: string; description?: string; footer?: { text: string } }> }) =>
  (body.embeds ?? []).map((e) => [e.title, e.description, e.footer?.text].join('\n')).join('\n');

const items = [
  {
    title: 'Gang attack on police station in Kenscoff',
    link: 'https://news.example.org/kenscoff',
    id: 'a',
    date: '2025-03-26T10:00:00Z',
  },
  {
    title: 'Ambush near Pont-Sondé: police say it was in Saint-Marc',
    link: 'https://news.example.org/ambush',
    id: 'b',
    date: '2025-03-25T23:00:00Z',
  },
  {
    title: 'Roadblock reported in Croix-des-Bouquets',
    link: 'https://news.example.org/roadblock',
    id: 'c',
    date: '2025-03-26T09:00:00Z',
  },
];

beforeAll(async () => {
  world = await new IntakeWorld().start();
  world.server.routes.set(
    '/feed',
    staticFeed(() => rssFeed(items)),
  );
  intake = world.intake();
  const services = world.app.services;
  services.intake = intake;
  standIn = await startDiscordStandIn();
  const config = loadConfig({
    DISCORD_TOKEN: 'stand-in-token',
    DISCORD_APPLICATION_ID: standIn.applicationId,
    DISCORD_API_URL: standIn.restUrl,
  });
  adapter = createDiscordAdapter(config, { services, logger: silentLogger(), now: world.clock.now });
  await adapter.start();
  scheduler = createScheduler({
    services,
    subscriptions: world.app.services.subscriptions,
    posters: [adapter],
    settings: { skipQuietDays: false, catchUpHours: 12 },
    log: silentLogger(),
    now: world.clock.now,
    cron: () => ({ stop() {} }),
  });
  await world.app.services.subscriptions.upsertSubscription(
    {
      kind: 'triage',
      platform: 'discord',
      teamId: standIn.guildId,
      channelId: standIn.channelId,
      timeZone: 'America/Port-au-Prince',
      language: 'en',
      createdBy: standIn.user.id,
    },
    world.clock.now().toISOString(),
  );
  await intake.addSource(
    { url: world.server.url('/feed'), kind: 'rss', intervalSeconds: 900, addedBy: 'console' },
    world.clock.now().toISOString(),
  );
  world.clock.advance(1000);
  await world.poller(intake).pollDue();
  await scheduler.tick();
});

afterAll(async () => {
  await scheduler?.stop();
  await adapter?.stop();
  await standIn?.stop();
  await world?.cleanup();
});

function posted(title: string): APIMessage {
  const message = (standIn.channels.get(standIn.channelId) ?? []).find((m) => embedText(m).includes(title));
  if (!message) throw new Error(`no post for ${title}`);
  return message;
}

function buttonId(message: APIMessage, label: string): string {
  for (const row of message.components ?? [])
    for (const c of (row as { components: Array<{ type: number; label?: string; custom_id?: string }> }).components)
      if (c.type === ComponentType.Button && c.label === label && c.custom_id) return c.custom_id;
  throw new Error(`no ${label} button`);
}

it('each feed item becomes one lead message with Record, Add to event and Dismiss; a second tick posts nothing', async () => {
  const messages = standIn.channels.get(standIn.channelId) ?? [];
  expect(messages).toHaveLength(3);
  const kenscoff = posted('Gang attack on police station in Kenscoff');
  expect(embedText(kenscoff)).toContain('Read: Kenscoff');
  for (const label of ['Record', 'Add to event', 'Dismiss'])
    expect(buttonId(kenscoff, label).length).toBeLessThanOrEqual(100);
  await scheduler.tick();
  expect(standIn.channels.get(standIn.channelId)).toHaveLength(3);
});

it('Record opens the form filled in from the lead; submitting it records the event with the link as source', async () => {
  const message = posted('Gang attack on police station in Kenscoff');
  const pressed = standIn.press(buttonId(message, 'Record'), message);
  const modal = await standIn.waitFor(callbackOf(pressed.id, pressed.token));
  expect(modal.body.type).toBe(InteractionResponseType.Modal);
  const data = modal.body.data as unknown as {
    custom_id: string;
    components: Array<{ component: { custom_id: string; value?: string } }>;
  };
  const filled = Object.fromEntries(data.components.map((c) => [c.component.custom_id, c.component.value ?? '']));
  expect(filled).toMatchObject({ when: '2025-03-26', place: 'Kenscoff', category: 'attack' });
  const submitted = standIn.submitModal(data.custom_id, filled, message);
  const update = await standIn.waitFor(callbackOf(submitted.id, submitted.token));
  expect(update.body.type).toBe(InteractionResponseType.UpdateMessage);
  const updateData = update.body.data as unknown as { embeds: Array<{ description?: string }>; components: unknown[] };
  expect(embedText(updateData)).toMatch(/Recorded as event report-2025-03-26-\w+ by Analyst/);
  expect(updateData.components).toEqual([]);
  const lead = (await intake.listLeads({ states: ['recorded'], limit: 10 })).find(
    (l) => l.link === 'https://news.example.org/kenscoff',
  );
  const event = await world.app.services.store.getEvent(lead?.eventId ?? '');
  expect(event?.event.sources[0]).toMatchObject({ url: 'https://news.example.org/kenscoff', publisher: 'Haiti Wire' });
  // Stored as created, source and all: one revision.
  expect(await world.app.services.store.history(lead?.eventId ?? '')).toHaveLength(1);
});

it('Add to event with a conflicting place marks the event disputed', async () => {
  const message = posted('Ambush near Pont-Sondé');
  const pressed = standIn.press(buttonId(message, 'Add to event'), message);
  const modal = await standIn.waitFor(callbackOf(pressed.id, pressed.token));
  const data = modal.body.data as unknown as { custom_id: string };
  const eventId = '2025-03-25-pont-sonde-ambush';
  const submitted = standIn.submitModal(
    data.custom_id,
    { event: eventId, field: 'place', value: 'Saint-Marc' },
    message,
  );
  const update = await standIn.waitFor(callbackOf(submitted.id, submitted.token));
  expect(embedText(update.body.data as never)).toContain(`Added to event ${eventId} as a conflicting claim by Analyst`);
  const event = await world.app.services.store.getEvent(eventId);
  expect(event?.event.confidence).toBe('disputed');
  expect(event?.event.claims.at(-1)).toMatchObject({ field: 'place', value: 'Saint-Marc' });
});

it('Dismiss updates the message and takes the lead off /leads', async () => {
  const message = posted('Roadblock reported in Croix-des-Bouquets');
  const pressed = standIn.press(buttonId(message, 'Dismiss'), message);
  const update = await standIn.waitFor(callbackOf(pressed.id, pressed.token));
  expect(update.body.type).toBe(InteractionResponseType.UpdateMessage);
  expect(embedText(update.body.data as never)).toContain('Dismissed by Analyst');
  const list = standIn.command('leads');
  const answer = await standIn.waitFor(callbackOf(list.id, list.token));
  const text = embedText(answer.body.data as never);
  expect(text).toContain('No leads wait for triage.');
  const again = standIn.press(buttonId(message, 'Dismiss'), message);
  const refused = await standIn.waitFor(callbackOf(again.id, again.token));
  expect(embedText(refused.body.data as never)).toContain('was already handled: dismissed by Analyst');
});

it('set again while 12 leads wait: it says so, posts the newest ten, oldest first, then one line on the rest', async () => {
  const channel = () => standIn.channels.get(standIn.channelId) ?? [];
  const before = channel().length;
  const sourceId = (await intake.listSources())[0]?.id ?? 0;
  world.clock.advance(60_000);
  const { created } = await intake.recordItems(
    Array.from({ length: 12 }, (_, i) => makeDraft({ sourceId, title: `Checkpoint ${i + 1} on Route de Frères` })),
    world.clock.now().toISOString(),
  );
  world.clock.advance(1000);
  const set = standIn.command('sources', [
    { type: ApplicationCommandOptionType.Subcommand, name: 'triage-channel', options: [] },
  ]);
  const answer = await standIn.waitFor(callbackOf(set.id, set.token));
  expect(embedText(answer.body.data as never)).toContain(
    'Of the leads waiting now, the 10 newest are posted here too; /leads lists the 2 others.',
  );
  await scheduler.tick();
  const added = channel().slice(before);
  expect(added.map((m) => m.embeds?.[0]?.title)).toEqual([
    ...created.slice(2).map((lead) => `Lead #${lead.id}: ${lead.title}`),
    'Leads waiting for triage',
  ]);
  const line = added.at(-1);
  expect(embedText(line as APIMessage)).toContain(
    '2 older leads also wait for triage and are not posted here: /leads lists them.',
  );
  expect(line?.components ?? []).toEqual([]);
  await scheduler.tick();
  expect(channel()).toHaveLength(before + 11);

  // Set again: it has them already, says so, and posts nothing more.
  world.clock.advance(1000);
  const again = standIn.command('sources', [
    { type: ApplicationCommandOptionType.Subcommand, name: 'triage-channel', options: [] },
  ]);
  const said = await standIn.waitFor(callbackOf(again.id, again.token));
  expect(embedText(said.body.data as never)).toContain(
    'The 10 newest leads waiting now are already in this channel; /leads lists them all.',
  );
  await scheduler.tick();
  expect(channel()).toHaveLength(before + 11);
});
