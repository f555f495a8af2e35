/**
 * Alerts: a new or updated event that matches a channel's filters is posted at the next tick
 * (within a minute of being recorded), once per revision, however many processes tick.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Event } from '../../src/core/schemas.ts';
import type { Store } from '../../src/core/store-port.ts';
import { makeEvent } from '../support/events.ts';
import { FakeClock, FakePoster, SchedulerWorld, settle } from '../support/scheduler-harness.ts';

let world: SchedulerWorld;
afterEach(() => world?.cleanup());

const alertInput = (overrides = {}) => ({
  kind: 'alert' as const,
  platform: 'discord' as const,
  teamId: 'g1',
  channelId: 'alerts',
  timeZone: 'America/Port-au-Prince',
  language: 'en' as const,
  createdBy: 'u1',
  ...overrides,
});

function record(store: Store, event: Event, at: Date, reason = 'new report') {
  return store.putEvent(event, { author: 'test', reason, at: at.toISOString() });
}

describe('alerts', () => {
  it('posts a matching new event within a minute, then its update, each once', async () => {
    world = new SchedulerWorld();
    const clock = new FakeClock('2026-06-10T10:00:00Z');
    const poster = new FakePoster('discord', clock.now);
    const a = await world.openProcess(clock, poster);
    const b = await world.openProcess(clock, poster);
    await a.subscriptions.upsertSubscription(alertInput({ placeId: 'artibonite' }), clock.now().toISOString());
    await a.scheduler.tick();

    const attack = makeEvent({ id: 'alert-pont-sonde', category: 'attack', summary: 'Gunmen attack Pont-Sondé.' });
    clock.set('2026-06-10T10:00:20Z');
    await record(a.services.store, attack, clock.now());
    await record(
      a.services.store,
      makeEvent({
        id: 'alert-kenscoff',
        summary: 'Clash in Kenscoff.',
        place: { placeId: 'kenscoff', text: 'Kenscoff', geoPrecision: 'commune' },
      }),
      clock.now(),
    );

    clock.set('2026-06-10T10:01:00Z');
    await Promise.all([a.scheduler.tick(), b.scheduler.tick()]);
    expect(poster.posts).toHaveLength(1);
    expect(poster.posts[0]?.view.title).toBe('New event: Pont-Sondé, Saint-Marc, Artibonite');
    expect(poster.posts[0]?.view.sections[0]?.items?.[0]?.title).toBe('Gunmen attack Pont-Sondé.');

    clock.set('2026-06-10T10:30:10Z');
    await record(a.services.store, { ...attack, summary: 'Gunmen attack Pont-Sondé; 3 killed.' }, clock.now(), 'toll');
    for (let i = 0; i < 5; i++) {
      clock.advance(60_000);
      await Promise.all([a.scheduler.tick(), b.scheduler.tick()]);
    }
    expect(poster.posts.map((p) => [p.view.title, p.at])).toEqual([
      ['New event: Pont-Sondé, Saint-Marc, Artibonite', '2026-06-10T10:01:00.000Z'],
      ['Event updated: Pont-Sondé, Saint-Marc, Artibonite', '2026-06-10T10:31:10.000Z'],
    ]);
    expect(poster.posts[1]?.view.summary).toBe('Change: toll');
    expect((await a.subscriptions.ledger(1)).map((r) => [r.period, r.state])).toEqual([
      ['alert-pont-sonde@1', 'sent'],
      ['alert-pont-sonde@2', 'sent'],
    ]);
  });

  it('leaves bulk imports to the digest instead of flooding the channel', async () => {
    world = new SchedulerWorld();
    const clock = new FakeClock('2026-06-10T10:00:00Z');
    const poster = new FakePoster('discord', clock.now);
    const a = await world.openProcess(clock, poster);
    await a.subscriptions.upsertSubscription(alertInput(), clock.now().toISOString());
    await a.scheduler.tick();
    clock.set('2026-06-10T10:00:20Z');
    for (let i = 0; i < 20; i++) {
      await a.services.store.putEvent(makeEvent(), {
        author: 'import:acled.csv',
        reason: 'import',
        at: clock.now().toISOString(),
      });
    }
    await record(a.services.store, makeEvent({ summary: 'Reported from chat.' }), clock.now());
    clock.set('2026-06-10T10:01:00Z');
    await a.scheduler.tick();
    await settle();
    expect(poster.posts.map((p) => p.view.sections[0]?.items?.[0]?.title)).toEqual(['Reported from chat.']);
  });

  it('filters by category, and ignores what was recorded before the channel subscribed', async () => {
    world = new SchedulerWorld();
    const clock = new FakeClock('2026-06-10T10:00:00Z');
    const poster = new FakePoster('discord', clock.now);
    const bot = await world.openProcess(clock, poster);
    await record(bot.services.store, makeEvent({ id: 'alert-before', category: 'kidnapping' }), clock.now());
    clock.set('2026-06-10T10:05:00Z');
    await bot.subscriptions.upsertSubscription(alertInput({ category: 'kidnapping' }), clock.now().toISOString());
    clock.set('2026-06-10T10:05:30Z');
    await record(bot.services.store, makeEvent({ id: 'alert-clash', category: 'clash' }), clock.now());
    await record(bot.services.store, makeEvent({ id: 'alert-kidnap', category: 'kidnapping' }), clock.now());

    clock.set('2026-06-10T10:06:00Z');
    await bot.scheduler.tick();
    expect(poster.posts.map((p) => p.view.sections[0]?.items?.[0]?.id)).toEqual(['alert-kidnap']);
  });

  it('after a restart, posts what was recorded while down; what is older than the window is skipped', async () => {
    world = new SchedulerWorld();
    const clock = new FakeClock('2026-06-10T10:00:00Z');
    const poster = new FakePoster('discord', clock.now);
    const before = await world.openProcess(clock, poster);
    await before.subscriptions.upsertSubscription(alertInput(), clock.now().toISOString());
    await before.scheduler.tick();
    clock.set('2026-06-10T11:00:00Z');
    await record(before.services.store, makeEvent({ id: 'alert-old' }), clock.now());
    clock.set('2026-06-11T00:00:00Z');
    await record(before.services.store, makeEvent({ id: 'alert-recent' }), clock.now());

    clock.set('2026-06-11T02:00:00Z');
    const after = await world.openProcess(clock, poster);
    await after.scheduler.start();
    await after.scheduler.stop();
    expect(poster.posts.map((p) => p.view.sections[0]?.items?.[0]?.id)).toEqual(['alert-recent']);
    expect(poster.posts[0]?.view.sections[0]?.items?.[0]?.badges).toContain('late');
    expect(await after.subscriptions.getLedgerRow(1, 'alert-old@1')).toMatchObject({ state: 'skipped' });
  });

  it('an alert left claimed by a dead process is posted once by the restart, as it was at that revision', async () => {
    world = new SchedulerWorld();
    const clock = new FakeClock('2026-06-10T10:00:00Z');
    const poster = new FakePoster('discord', clock.now);
    const doomed = await world.openProcess(clock, poster);
    await doomed.subscriptions.upsertSubscription(alertInput(), clock.now().toISOString());
    const event = makeEvent({ id: 'alert-crash', summary: 'First report.' });
    clock.set('2026-06-10T10:00:30Z');
    await record(doomed.services.store, event, clock.now());

    poster.hang = 'before-post';
    clock.set('2026-06-10T10:01:00Z');
    void doomed.scheduler.tick();
    await settle();
    expect((await doomed.subscriptions.getLedgerRow(1, 'alert-crash@1'))?.state).toBe('claimed');
    await doomed.close();

    poster.hang = 'none';
    const restarted = await world.openProcess(clock, poster);
    clock.set('2026-06-10T10:02:00Z');
    await record(restarted.services.store, { ...event, summary: 'Second report.' }, clock.now(), 'update');
    for (let i = 0; i < 5; i++) {
      clock.advance(60_000);
      await restarted.scheduler.tick();
    }
    expect(poster.posts.map((p) => p.view.sections[0]?.items?.[0]?.title)).toEqual(['First report.', 'Second report.']);
    expect((await restarted.subscriptions.ledger(1)).map((r) => [r.period, r.state])).toEqual([
      ['alert-crash@1', 'sent'],
      ['alert-crash@2', 'sent'],
    ]);
  });
});
