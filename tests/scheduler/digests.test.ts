/**
 * Daily digests through the whole scheduler: real SQLite file, the core's digest, a clock the
 * test sets and an in-memory channel. A "process" is a store and subscription store opened on
 * the file with its own scheduler; a restart is a new one on the same file.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PostError } from '../../src/core/poster-port.ts';
import { digestInput, FakeClock, FakePoster, SchedulerWorld, settle } from '../support/scheduler-harness.ts';

const MINUTE = 60_000;
let world: SchedulerWorld;

afterEach(() => world?.cleanup());

/** Ticks once a minute from `from` to `to` (inclusive), as node-cron would. */
async function tickEveryMinute(ticks: Array<() => Promise<void>>, clock: FakeClock, from: string, to: string) {
  for (clock.set(from); clock.now() <= new Date(to); clock.advance(MINUTE)) {
    await Promise.all(ticks.map((tick) => tick()));
  }
}

/**
 * Ticks once a minute within an hour of each instant in `near` and once an hour elsewhere:
 * a send at any other time would show up at the next hourly tick, with a time that gives it away.
 */
async function tickAround(
  ticks: Array<() => Promise<void>>,
  clock: FakeClock,
  from: string,
  to: string,
  near: string[],
) {
  const windows = near.map((at) => new Date(at).getTime());
  const close = (t: number) => windows.some((w) => Math.abs(t - w) <= 60 * MINUTE);
  for (let t = new Date(from).getTime(); t <= new Date(to).getTime(); ) {
    clock.set(new Date(t));
    await Promise.all(ticks.map((tick) => tick()));
    t += close(t) || close(t + 60 * MINUTE) ? MINUTE : 60 * MINUTE;
  }
}

describe('daily digest', () => {
  it('posts once a day at the local hour, through a summer-time change', async () => {
    world = new SchedulerWorld();
    const clock = new FakeClock('2026-03-07T00:00:00Z');
    const poster = new FakePoster('discord', clock.now);
    const bot = await world.openProcess(clock, poster);
    await bot.subscriptions.upsertSubscription(digestInput({ localTime: '07:00' }), clock.now().toISOString());

    // 07:00 EST is 12:00Z; from 8 March (EDT) it is 11:00Z.
    const expected = ['2026-03-07T12:00:00.000Z', '2026-03-08T11:00:00.000Z', '2026-03-09T11:00:00.000Z'];
    // Minute ticks also around 12:00Z on the 8th and 9th, where a digest stuck in winter time would go.
    const near = [...expected, '2026-03-08T12:00:00.000Z', '2026-03-09T12:00:00.000Z'];
    await tickAround([bot.scheduler.tick], clock, '2026-03-07T00:00:00Z', '2026-03-09T23:59:00Z', near);

    expect(poster.posts.map((p) => p.at)).toEqual(expected);
    const [first] = poster.posts;
    expect(first?.view.kind).toBe('digest');
    expect(first?.marker).toMatch(/^sitrep:[0-9a-f]{16}$/);
    const ledger = await bot.subscriptions.ledger(1);
    expect(ledger.map((r) => [r.period, r.state, r.messageId])).toEqual([
      ['2026-03-07', 'sent', 'm1'],
      ['2026-03-08', 'sent', 'm2'],
      ['2026-03-09', 'sent', 'm3'],
    ]);
    // Each digest starts where the previous one ended.
    expect(ledger[1]?.coversSince).toBe(ledger[0]?.coversUntil);
    expect(ledger[2]?.coversSince).toBe(ledger[1]?.coversUntil);
  });

  it('sends the content of the core digest for the period, with the subscription’s filters', async () => {
    world = new SchedulerWorld();
    const clock = new FakeClock('2026-06-10T10:00:00Z');
    const poster = new FakePoster('slack', clock.now);
    const bot = await world.openProcess(clock, poster);
    await bot.subscriptions.upsertSubscription(
      digestInput({ platform: 'slack', placeId: 'artibonite', category: 'attack' }),
      clock.now().toISOString(),
    );
    const { makeEvent } = await import('../support/events.ts');
    await bot.services.store.putEvent(
      makeEvent({ id: 'sched-attack-1', category: 'attack', summary: 'Attack on a bus at Pont-Sondé.' }),
      { author: 'test', reason: 'new report', at: '2026-06-10T10:30:00.000Z' },
    );
    await bot.services.store.putEvent(
      makeEvent({
        id: 'sched-kenscoff-1',
        category: 'attack',
        summary: 'Attack in Kenscoff.',
        place: { placeId: 'kenscoff', text: 'Kenscoff', geoPrecision: 'commune' },
      }),
      { author: 'test', reason: 'new report', at: '2026-06-10T10:31:00.000Z' },
    );

    clock.set('2026-06-10T11:00:20Z');
    await bot.scheduler.tick();

    expect(poster.posts).toHaveLength(1);
    const titles = poster.posts[0]?.view.sections.flatMap((s) => s.items ?? []).map((i) => i.title);
    expect(titles).toEqual(['Attack on a bus at Pont-Sondé.']);
    // What `sitrep digest --since ... --until ...` prints for the same span is what the channel got.
    const row = await bot.subscriptions.getLedgerRow(1, '2026-06-10');
    const { digest } = await import('../../src/core/digest.ts');
    const printed = await digest(
      bot.services,
      { since: row?.coversSince, until: row?.coversUntil, placeId: 'artibonite', category: 'attack' },
      clock.now(),
    );
    expect(poster.posts[0]?.view).toEqual(printed);
  });

  it('catches up once at start-up a digest missed while down, marked late', async () => {
    world = new SchedulerWorld();
    const clock = new FakeClock('2026-06-09T10:00:00Z');
    const poster = new FakePoster('discord', clock.now);
    const before = await world.openProcess(clock, poster);
    await before.subscriptions.upsertSubscription(digestInput(), clock.now().toISOString());
    clock.set('2026-06-09T11:00:05Z');
    await before.scheduler.tick();
    expect(poster.posts).toHaveLength(1);

    // Down from 12:00Z on 9 June to 15:30Z on 10 June: the 11:00Z digest is 4.5 h late.
    clock.set('2026-06-10T15:30:00Z');
    const after = await world.openProcess(clock, poster);
    await after.scheduler.start();
    await tickEveryMinute([after.scheduler.tick], clock, '2026-06-10T15:31:00Z', '2026-06-10T16:30:00Z');
    await after.scheduler.stop();

    expect(poster.posts).toHaveLength(2);
    expect(poster.posts[1]?.at).toBe('2026-06-10T15:30:00.000Z');
    expect(poster.posts[1]?.view.title).toContain('late: due 10 Jun 2026, 07:00 (America/Port-au-Prince)');
    const row = await after.subscriptions.getLedgerRow(1, '2026-06-10');
    expect(row).toMatchObject({ state: 'sent', late: true, messageId: 'm2' });
  });

  it('records a digest missed by more than the catch-up window as skipped, and goes on the next day', async () => {
    world = new SchedulerWorld();
    const clock = new FakeClock('2026-06-09T10:00:00Z');
    const poster = new FakePoster('discord', clock.now);
    const before = await world.openProcess(clock, poster);
    await before.subscriptions.upsertSubscription(digestInput(), clock.now().toISOString());
    clock.set('2026-06-09T11:00:05Z');
    await before.scheduler.tick();

    // Back 14 h after the 10 June digest was due (window: 12 h).
    clock.set('2026-06-11T01:00:00Z');
    const after = await world.openProcess(clock, poster);
    await after.scheduler.tick();
    expect(poster.posts).toHaveLength(1);
    expect(await after.subscriptions.getLedgerRow(1, '2026-06-10')).toMatchObject({
      state: 'skipped',
      note: 'missed while the bot was down',
    });

    clock.set('2026-06-11T11:00:05Z');
    await after.scheduler.tick();
    expect(poster.posts).toHaveLength(2);
    // The next digest covers everything since the last one sent, the skipped day included.
    const sent = await after.subscriptions.getLedgerRow(1, '2026-06-11');
    expect(sent?.coversSince).toBe((await after.subscriptions.getLedgerRow(1, '2026-06-09'))?.coversUntil);
  });

  it('records a quiet day as skipped when quiet days are skipped, and posts "nothing new" otherwise', async () => {
    world = new SchedulerWorld();
    const clock = new FakeClock('2026-06-09T10:00:00Z');
    const poster = new FakePoster('discord', clock.now);
    const skipping = await world.openProcess(clock, poster, { settings: { skipQuietDays: true, catchUpHours: 12 } });
    // One event is recorded; the "quiet" channel only wants kidnappings, so its day is quiet.
    await skipping.subscriptions.upsertSubscription(
      digestInput({ channelId: 'quiet', category: 'kidnapping' }),
      clock.now().toISOString(),
    );
    await skipping.subscriptions.upsertSubscription(digestInput({ channelId: 'busy' }), clock.now().toISOString());
    const { makeEvent } = await import('../support/events.ts');
    await skipping.services.store.putEvent(makeEvent({ id: 'sched-busy-1' }), {
      author: 'test',
      reason: 'new report',
      at: '2026-06-09T10:30:00.000Z',
    });

    clock.set('2026-06-09T11:00:05Z');
    await skipping.scheduler.tick();
    expect(poster.posts.map((p) => p.channel.channelId)).toEqual(['busy']);
    expect(await skipping.subscriptions.getLedgerRow(1, '2026-06-09')).toMatchObject({
      state: 'skipped',
      note: 'quiet day: nothing new',
    });

    const showing = await world.openProcess(clock, poster);
    await showing.subscriptions.upsertSubscription(digestInput({ channelId: 'shown' }), clock.now().toISOString());
    clock.set('2026-06-10T11:00:05Z');
    await showing.scheduler.tick();
    const shown = poster.postsTo('shown');
    expect(shown).toHaveLength(1);
    expect(shown[0]?.view.summary).toMatch(/^Nothing new since /);
  });
});

describe('exactly once across crashes and processes', () => {
  it('a process killed between claim and post: the restart posts once', async () => {
    world = new SchedulerWorld();
    const clock = new FakeClock('2026-06-10T10:00:00Z');
    const poster = new FakePoster('discord', clock.now);
    const doomed = await world.openProcess(clock, poster);
    await doomed.subscriptions.upsertSubscription(digestInput(), clock.now().toISOString());

    poster.hang = 'before-post';
    clock.set('2026-06-10T11:00:05Z');
    void doomed.scheduler.tick();
    await settle();
    expect(poster.calls).toBe(1);
    expect(poster.posts).toHaveLength(0);
    expect((await doomed.subscriptions.getLedgerRow(1, '2026-06-10'))?.state).toBe('claimed');
    // The process dies here: its connections close, its claim stays in the file.
    await doomed.close();

    poster.hang = 'none';
    const restarted = await world.openProcess(clock, poster);
    await restarted.scheduler.start();
    await tickEveryMinute([restarted.scheduler.tick], clock, '2026-06-10T11:01:00Z', '2026-06-10T11:30:00Z');

    expect(poster.posts).toHaveLength(1);
    // Not before the dead process's lease (2 min) ran out.
    expect(poster.posts[0]?.at).toBe('2026-06-10T11:03:00.000Z');
    expect(await restarted.subscriptions.getLedgerRow(1, '2026-06-10')).toMatchObject({
      state: 'sent',
      messageId: 'm1',
    });
    expect(restarted.log.lines.some((l) => l.msg === 'finishing a send left unfinished')).toBe(true);
  });

  it('a process killed after the post landed but before recording it: the restart records it, posts nothing', async () => {
    world = new SchedulerWorld();
    const clock = new FakeClock('2026-06-10T10:00:00Z');
    const poster = new FakePoster('discord', clock.now);
    const doomed = await world.openProcess(clock, poster);
    await doomed.subscriptions.upsertSubscription(digestInput(), clock.now().toISOString());

    poster.hang = 'after-post';
    clock.set('2026-06-10T11:00:05Z');
    void doomed.scheduler.tick();
    await settle();
    expect(poster.posts).toHaveLength(1);
    await doomed.close();

    poster.hang = 'none';
    const restarted = await world.openProcess(clock, poster);
    await tickEveryMinute([restarted.scheduler.tick], clock, '2026-06-10T11:01:00Z', '2026-06-10T11:30:00Z');

    expect(poster.posts).toHaveLength(1);
    expect(poster.markerLookups).toBe(1);
    expect(await restarted.subscriptions.getLedgerRow(1, '2026-06-10')).toMatchObject({
      state: 'sent',
      messageId: 'm1',
    });
  });

  it('two schedulers on one database post each digest once', async () => {
    world = new SchedulerWorld();
    const clock = new FakeClock('2026-06-09T10:00:00Z');
    const poster = new FakePoster('discord', clock.now);
    const a = await world.openProcess(clock, poster);
    const b = await world.openProcess(clock, poster);
    await a.subscriptions.upsertSubscription(digestInput({ channelId: 'c1' }), clock.now().toISOString());
    await b.subscriptions.upsertSubscription(
      digestInput({ channelId: 'c2', localTime: '07:01' }),
      clock.now().toISOString(),
    );

    await tickAround([a.scheduler.tick, b.scheduler.tick], clock, '2026-06-09T10:58:00Z', '2026-06-10T11:05:00Z', [
      '2026-06-09T11:00:00Z',
      '2026-06-10T11:00:00Z',
    ]);

    expect(poster.postsTo('c1').map((p) => p.at)).toEqual(['2026-06-09T11:00:00.000Z', '2026-06-10T11:00:00.000Z']);
    expect(poster.postsTo('c2').map((p) => p.at)).toEqual(['2026-06-09T11:01:00.000Z', '2026-06-10T11:01:00.000Z']);
    expect(poster.calls).toBe(4);
  });
});

describe('failures', () => {
  it('a 5xx is retried after a back-off, checking the channel first, and posts once', async () => {
    world = new SchedulerWorld();
    const clock = new FakeClock('2026-06-10T10:00:00Z');
    const poster = new FakePoster('discord', clock.now);
    const bot = await world.openProcess(clock, poster, {
      timers: { setTimeout: (fn) => setImmediate(fn), clearTimeout: () => {} },
    });
    await bot.subscriptions.upsertSubscription(digestInput(), clock.now().toISOString());
    poster.script.push(new PostError({ kind: 'transient' }, 'HTTP 503'));
    clock.set('2026-06-10T11:00:05Z');
    await bot.scheduler.tick();
    expect(poster.calls).toBe(2);
    expect(poster.markerLookups).toBe(1);
    expect(poster.posts).toHaveLength(1);
    expect(await bot.subscriptions.getLedgerRow(1, '2026-06-10')).toMatchObject({ state: 'sent', attempts: 2 });
  });

  it('gives up after the bounded attempts, records the failure and keeps the subscription', async () => {
    world = new SchedulerWorld();
    const clock = new FakeClock('2026-06-10T10:00:00Z');
    const poster = new FakePoster('discord', clock.now);
    const bot = await world.openProcess(clock, poster, {
      timers: { setTimeout: (fn) => setImmediate(fn), clearTimeout: () => {} },
    });
    await bot.subscriptions.upsertSubscription(digestInput(), clock.now().toISOString());
    for (let i = 0; i < 10; i++) poster.script.push(new PostError({ kind: 'transient' }, 'HTTP 502'));
    clock.set('2026-06-10T11:00:05Z');
    await bot.scheduler.tick();
    expect(poster.calls).toBe(5);
    expect(poster.posts).toHaveLength(0);
    expect(await bot.subscriptions.getLedgerRow(1, '2026-06-10')).toMatchObject({ state: 'failed' });
    expect((await bot.subscriptions.getLedgerRow(1, '2026-06-10'))?.note).toContain(
      'gave up after 5 attempts: HTTP 502',
    );
    expect((await bot.subscriptions.getSubscription(1))?.paused).toBe(false);
    expect(bot.log.lines.filter((l) => l.level === 'error').map((l) => l.msg)).toEqual(['scheduled message not sent']);
    // The next day is sent as usual, covering the failed day too.
    poster.script.length = 0;
    clock.set('2026-06-11T11:00:05Z');
    await bot.scheduler.tick();
    expect(poster.posts).toHaveLength(1);
  });

  it('a deleted channel pauses its subscription with the reason, logged and listed', async () => {
    world = new SchedulerWorld();
    const clock = new FakeClock('2026-06-10T10:00:00Z');
    const poster = new FakePoster('discord', clock.now);
    const bot = await world.openProcess(clock, poster);
    await bot.subscriptions.upsertSubscription(digestInput({ channelId: 'deleted' }), clock.now().toISOString());
    poster.gone.add('deleted');

    await tickAround([bot.scheduler.tick], clock, '2026-06-10T10:59:00Z', '2026-06-12T12:00:00Z', [
      '2026-06-10T11:00:00Z',
      '2026-06-11T11:00:00Z',
      '2026-06-12T11:00:00Z',
    ]);

    expect(poster.calls).toBe(1);
    const subscription = await bot.subscriptions.getSubscription(1);
    expect(subscription).toMatchObject({ paused: true, pausedAt: '2026-06-10T11:00:00.000Z' });
    expect(subscription?.pausedReason).toBe('The bot cannot post in this channel (Unknown Channel)');
    expect(bot.log.lines.find((l) => l.level === 'warn')?.msg).toBe('subscription paused: the channel refuses posts');

    const { listSubscriptions } = await import('../../src/commands/subscription-commands.ts');
    const view = await listSubscriptions('digest')({
      services: bot.services,
      now: clock.now(),
      caller: { platform: 'discord', userId: 'u1', teamId: 'g1', channelId: 'other', canManageChannel: true },
    });
    expect(view.sections[0]?.fields?.[0]?.value).toMatch(
      /^PAUSED since 10 Jun 2026, 07:00: The bot cannot post in this channel \(Unknown Channel\)\./,
    );
  });
});
