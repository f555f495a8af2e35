/**
 * New leads posted to the triage channel through the ledger: once each, across ticks, restarts,
 * a crash between posting and recording, and two processes on one database; an item edited at
 * its source updates the message it was posted as. Leads waiting when the channel is set: the
 * newest ten, then one line on the rest, each once.
 */
import { afterEach, expect, it } from 'vitest';
import type { IntakeStore } from '../../src/core/intake-port.ts';
import { openSqliteIntakeStore } from '../../src/store/sqlite-intake.ts';
import { makeDraft } from '../support/lead-drafts.ts';
import { FakeClock, FakePoster, SchedulerWorld, settle } from '../support/scheduler-harness.ts';
import { waitFor } from '../support/timing.ts';

let world: SchedulerWorld;
const stores: IntakeStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  await world.cleanup();
});

const triage = {
  kind: 'triage' as const,
  platform: 'discord' as const,
  teamId: 'g1',
  channelId: 'triage',
  timeZone: 'America/Port-au-Prince',
  language: 'fr' as const,
  createdBy: 'u1',
};

async function openBot(clock: FakeClock, poster: FakePoster, leaseMs = 60_000) {
  const bot = await world.openProcess(clock, poster, { leaseMs, owner: `p-${Math.random()}` });
  const intake = openSqliteIntakeStore(world.path, { now: clock.now });
  stores.push(intake);
  bot.services.intake = intake;
  return { ...bot, intake };
}

async function source(intake: IntakeStore, clock: FakeClock): Promise<number> {
  const { source } = await intake.addSource(
    { url: 'https://wire.example.org/rss', kind: 'rss', intervalSeconds: 900, addedBy: 'console' },
    clock.now().toISOString(),
  );
  return source.id;
}

it('posts each new lead once, in the channel’s language, with its buttons; a restart posts nothing again', async () => {
  world = new SchedulerWorld();
  const clock = new FakeClock('2025-03-26T12:00:00Z');
  const poster = new FakePoster('discord', clock.now);
  const a = await openBot(clock, poster);
  await a.subscriptions.upsertSubscription(triage, clock.now().toISOString());
  const sourceId = await source(a.intake, clock);
  clock.advance(60_000);
  const drafts = [1, 2, 3].map((i) => makeDraft({ sourceId, title: `Barricades on route ${i} near Pont-Sondé` }));
  await a.intake.recordItems(drafts, clock.now().toISOString());
  await a.scheduler.tick();
  await a.scheduler.tick();
  expect(poster.postsTo('triage').map((p) => p.view.title)).toEqual([
    expect.stringContaining('Barricades on route 1'),
    expect.stringContaining('Barricades on route 2'),
    expect.stringContaining('Barricades on route 3'),
  ]);
  const first = poster.postsTo('triage')[0]?.view;
  expect(first?.title).toMatch(/^Piste n° \d+ :/);
  expect(first?.buttons?.map((b) => [b.label, b.command])).toEqual([
    ['Enregistrer', 'leads record'],
    ['Ajouter à un événement', 'leads attach'],
    ['Écarter', 'leads dismiss'],
  ]);
  expect((await a.intake.listLeads({ limit: 10 })).map((l) => l.state)).toEqual(['posted', 'posted', 'posted']);

  const restarted = await openBot(clock, poster);
  await restarted.scheduler.tick();
  expect(poster.postsTo('triage')).toHaveLength(3);
});

it('a crash between posting and recording: the next process finds the post and does not post again', async () => {
  world = new SchedulerWorld();
  const clock = new FakeClock('2025-03-26T12:00:00Z');
  const poster = new FakePoster('discord', clock.now);
  const crashed = await openBot(clock, poster, 30_000);
  await crashed.subscriptions.upsertSubscription(triage, clock.now().toISOString());
  const sourceId = await source(crashed.intake, clock);
  clock.advance(1000);
  await crashed.intake.recordItems(
    [makeDraft({ sourceId, title: 'Kidnapping reported in Croix-des-Bouquets' })],
    clock.now().toISOString(),
  );
  poster.hang = 'after-post';
  void crashed.scheduler.tick();
  await settle(200);
  expect(poster.posts).toHaveLength(1);
  poster.hang = 'none';
  clock.advance(31_000);
  const next = await openBot(clock, poster);
  await next.scheduler.tick();
  expect(poster.posts).toHaveLength(1);
  expect(poster.markerLookups).toBeGreaterThan(0);
  const row = await next.subscriptions.getLedgerRow(1, 'lead-1');
  expect(row).toMatchObject({ state: 'sent', messageId: poster.posts[0]?.messageId });
  await next.scheduler.tick();
  expect((await next.intake.getLead(1))?.state).toBe('posted');
});

it('two processes on one database post each lead once; an edit at the source updates the message', async () => {
  world = new SchedulerWorld();
  const clock = new FakeClock('2025-03-26T12:00:00Z');
  const poster = new FakePoster('discord', clock.now);
  const [a, b] = [await openBot(clock, poster), await openBot(clock, poster)];
  await a.subscriptions.upsertSubscription(triage, clock.now().toISOString());
  const sourceId = await source(a.intake, clock);
  clock.advance(1000);
  const drafts = Array.from({ length: 12 }, (_, i) =>
    makeDraft({ sourceId, itemKey: `k${i}`, title: `Story ${i} about Kenscoff roads ${'x'.repeat(i)}` }),
  );
  await a.intake.recordItems(drafts, clock.now().toISOString());
  await Promise.all([a.scheduler.tick(), b.scheduler.tick(), a.scheduler.tick(), b.scheduler.tick()]);
  const titles = poster.postsTo('triage').map((p) => p.view.title);
  expect(titles).toHaveLength(12);
  expect(new Set(titles).size).toBe(12);

  const edited = drafts[0];
  if (!edited) throw new Error('no draft');
  await b.intake.recordItems(
    [{ ...edited, title: 'Story 0 about Kenscoff roads, updated', contentHash: 'changed' }],
    clock.now().toISOString(),
  );
  await Promise.all([a.scheduler.tick(), b.scheduler.tick()]);
  await a.scheduler.tick();
  expect(poster.postsTo('triage')).toHaveLength(12);
  expect(poster.updates).toHaveLength(1);
  expect(poster.updates[0]?.messageId).toBe(poster.postsTo('triage')[0]?.messageId);
  expect(poster.updates[0]?.view.title).toContain('updated');
});

/** `count` leads with their own titles, recorded now; their ids, oldest first. */
async function leads(intake: IntakeStore, clock: FakeClock, sourceId: number, count: number, word = 'Delmas') {
  const drafts = Array.from({ length: count }, (_, i) =>
    makeDraft({ sourceId, title: `Waiting story ${i + 1} from ${word}` }),
  );
  const { created } = await intake.recordItems(drafts, clock.now().toISOString());
  expect(created).toHaveLength(count);
  return created.map((l) => l.id);
}

const leadTitle = (id: number, n: number, word = 'Delmas') => `Piste n° ${id} : Waiting story ${n} from ${word}`;
const WAITING_LINE_FR = (n: number) =>
  `${n} pistes plus anciennes attendent aussi le tri sans être publiées ici : elles figurent dans /leads.`;

it('a channel set while leads wait gets the newest ten, oldest first, then one line on the rest; once', async () => {
  world = new SchedulerWorld();
  const clock = new FakeClock('2025-03-26T12:00:00Z');
  const poster = new FakePoster('discord', clock.now);
  const a = await openBot(clock, poster);
  const sourceId = await source(a.intake, clock);
  const ids = await leads(a.intake, clock, sourceId, 26);
  // Decided before the channel is set: not waiting.
  await a.intake.decideLead(ids[25] ?? 0, { state: 'dismissed', by: 'Desk' }, clock.now().toISOString());
  clock.advance(60_000);
  const subscription = await a.subscriptions.upsertSubscription(triage, clock.now().toISOString());
  clock.advance(1000);
  const [later] = await leads(a.intake, clock, sourceId, 1, 'Kenscoff');

  await a.scheduler.tick();
  const expected = [
    ...ids.slice(15, 25).map((id, i) => leadTitle(id, i + 16)),
    'Pistes en attente de tri',
    leadTitle(later ?? 0, 1, 'Kenscoff'),
  ];
  expect(poster.postsTo('triage').map((p) => p.view.title)).toEqual(expected);
  const lineView = poster.postsTo('triage')[10]?.view;
  expect(lineView?.summary).toBe(WAITING_LINE_FR(15));
  expect(lineView?.buttons).toBeUndefined();
  const states = new Map((await a.intake.listLeads({ limit: 30 })).map((l) => [l.id, l.state]));
  expect(ids.slice(0, 25).map((id) => states.get(id))).toEqual([...Array(15).fill('new'), ...Array(10).fill('posted')]);

  await a.scheduler.tick();
  const restarted = await openBot(clock, poster);
  await restarted.scheduler.tick();
  expect(poster.postsTo('triage').map((p) => p.view.title)).toEqual(expected);
  const line = await restarted.subscriptions.getLedgerRow(subscription.id, `leads-waiting@${subscription.activeSince}`);
  expect(line).toMatchObject({ state: 'sent', messageId: poster.postsTo('triage')[10]?.messageId });

  // Set again in the same channel (in English now): it has the newest already, and the line was said.
  clock.advance(60_000);
  const again = await a.subscriptions.upsertSubscription({ ...triage, language: 'en' }, clock.now().toISOString());
  await restarted.scheduler.tick();
  expect(poster.postsTo('triage').map((p) => p.view.title)).toEqual(expected);
  expect(await a.subscriptions.getLedgerRow(again.id, `leads-waiting@${again.activeSince}`)).toMatchObject({
    state: 'skipped',
    note: 'the channel had the waiting leads already',
  });
});

it('two processes, and a crash mid-way: each waiting lead and the line posted once, in order', async () => {
  world = new SchedulerWorld();
  const clock = new FakeClock('2025-03-26T12:00:00Z');
  const poster = new FakePoster('discord', clock.now);
  const crashed = await openBot(clock, poster, 30_000);
  const sourceId = await source(crashed.intake, clock);
  const ids = await leads(crashed.intake, clock, sourceId, 12);
  clock.advance(60_000);
  await crashed.subscriptions.upsertSubscription(triage, clock.now().toISOString());
  poster.hang = 'after-post';
  void crashed.scheduler.tick();
  await waitFor(() => poster.posts[0], undefined, 'the first waiting lead');
  poster.hang = 'none';
  // The crashed claim's lease runs out; two processes take over at once.
  clock.advance(31_000);
  const [a, b] = [await openBot(clock, poster), await openBot(clock, poster)];
  for (let round = 0; round < 3; round++) await Promise.all([a.scheduler.tick(), b.scheduler.tick()]);
  expect(poster.postsTo('triage').map((p) => p.view.title)).toEqual([
    ...ids.slice(2).map((id, i) => leadTitle(id, i + 3)),
    'Pistes en attente de tri',
  ]);
  expect(poster.postsTo('triage').at(-1)?.view.summary).toBe(WAITING_LINE_FR(2));
  // The post the crash left unrecorded was found by its marker and recorded, not posted again.
  expect(poster.markerLookups).toBeGreaterThan(0);
  expect(await a.subscriptions.getLedgerRow(1, `lead-${ids[2]}`)).toMatchObject({
    state: 'sent',
    messageId: poster.posts[0]?.messageId,
  });
  expect((await a.intake.getLead(ids[2] ?? 0))?.state).toBe('posted');
});

it('moving the triage channel: the new one gets the leads still waiting, those posted in the old one too', async () => {
  world = new SchedulerWorld();
  const clock = new FakeClock('2025-03-26T12:00:00Z');
  const poster = new FakePoster('discord', clock.now);
  const a = await openBot(clock, poster);
  const old = await a.subscriptions.upsertSubscription(triage, clock.now().toISOString());
  const sourceId = await source(a.intake, clock);
  clock.advance(1000);
  const ids = await leads(a.intake, clock, sourceId, 3);
  await a.scheduler.tick();
  expect(poster.postsTo('triage')).toHaveLength(3);
  await a.intake.decideLead(ids[0] ?? 0, { state: 'dismissed', by: 'Desk' }, clock.now().toISOString());

  // What /sources triage-channel does in another channel.
  clock.advance(60_000);
  await a.subscriptions.removeSubscription(old, 'triage', clock.now().toISOString());
  const moved = { ...triage, channelId: 'triage-2', language: 'en' as const };
  const subscription = await a.subscriptions.upsertSubscription(moved, clock.now().toISOString());
  await a.scheduler.tick();
  expect(poster.postsTo('triage-2').map((p) => p.view.title)).toEqual([
    `Lead #${ids[1]}: Waiting story 2 from Delmas`,
    `Lead #${ids[2]}: Waiting story 3 from Delmas`,
  ]);
  const line = await a.subscriptions.getLedgerRow(subscription.id, `leads-waiting@${subscription.activeSince}`);
  expect(line).toMatchObject({ state: 'skipped', note: 'no more leads were waiting' });
  expect(poster.postsTo('triage')).toHaveLength(3);

  // Set again in the same channel (another language): what it has is not posted again.
  clock.advance(60_000);
  await a.subscriptions.upsertSubscription({ ...moved, language: 'ht' }, clock.now().toISOString());
  await a.scheduler.tick();
  expect(poster.postsTo('triage-2')).toHaveLength(2);
});
