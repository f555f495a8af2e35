/**
 * New leads posted to the triage channel through the ledger: once each, across ticks, restarts,
 * a crash between posting and recording, and two processes on one database; an item edited at
 * its source updates the message it was posted as.
 */
import { afterEach, expect, it } from 'vitest';
import type { IntakeStore } from '../../src/core/intake-port.ts';
import { openSqliteIntakeStore } from '../../src/store/sqlite-intake.ts';
import { makeDraft } from '../support/lead-drafts.ts';
import { FakeClock, FakePoster, SchedulerWorld, settle } from '../support/scheduler-harness.ts';

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
