/**
 * A 429 is waited out for exactly its Retry-After, on fake timers: the clock and the scheduler's
 * setTimeout both come from vitest, so half a minute of waiting takes no time.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PostError } from '../../src/core/poster-port.ts';
import { digestInput, FakeClock, FakePoster, SchedulerWorld } from '../support/scheduler-harness.ts';

let world: SchedulerWorld;

beforeEach(async () => {
  world = new SchedulerWorld();
});

afterEach(async () => {
  vi.useRealTimers();
  await world.cleanup();
});

/** A process whose clock and timers are vitest's fake ones. */
async function openFakeTimedProcess(poster: FakePoster) {
  const unused = new FakeClock('2000-01-01T00:00:00Z');
  const bot = await world.openProcess(unused, poster, {
    now: () => new Date(),
    timers: { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) },
  });
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  return bot;
}

describe('rate limits', () => {
  it('waits out a 429 for its Retry-After, then posts once', async () => {
    const poster = new FakePoster('slack', () => new Date());
    const bot = await openFakeTimedProcess(poster);
    vi.setSystemTime(new Date('2026-06-10T10:00:00Z'));
    await bot.subscriptions.upsertSubscription(digestInput({ platform: 'slack' }), new Date().toISOString());
    poster.script.push(new PostError({ kind: 'rate-limited', retryAfterMs: 30_000 }, 'HTTP 429'));

    vi.setSystemTime(new Date('2026-06-10T11:00:05Z'));
    const tick = bot.scheduler.tick();
    await vi.advanceTimersByTimeAsync(29_999);
    expect(poster.calls).toBe(1);
    expect(poster.posts).toHaveLength(0);

    await vi.advanceTimersByTimeAsync(1);
    await tick;
    expect(poster.calls).toBe(2);
    expect(poster.posts.map((p) => p.at)).toEqual(['2026-06-10T11:00:35.000Z']);
    // A 429 means nothing was posted: no need to look for the marker before trying again.
    expect(poster.markerLookups).toBe(0);
    expect(await bot.subscriptions.getLedgerRow(1, '2026-06-10')).toMatchObject({ state: 'sent', attempts: 2 });
  });

  it('keeps its claim through waits adding up to more than the lease: another process does not post too', async () => {
    const poster = new FakePoster('slack', () => new Date());
    const bot = await openFakeTimedProcess(poster);
    vi.setSystemTime(new Date('2026-06-10T10:00:00Z'));
    await bot.subscriptions.upsertSubscription(digestInput({ platform: 'slack' }), new Date().toISOString());
    // Three waits of 100 s: 5 minutes in all, more than the 2-minute lease.
    for (let i = 0; i < 3; i++) {
      poster.script.push(new PostError({ kind: 'rate-limited', retryAfterMs: 100_000 }, 'HTTP 429'));
    }
    const other = await world.openProcess(new FakeClock('2000-01-01T00:00:00Z'), poster, { now: () => new Date() });

    vi.setSystemTime(new Date('2026-06-10T11:00:05Z'));
    const tick = bot.scheduler.tick();
    for (let s = 0; s < 300; s += 60) {
      await vi.advanceTimersByTimeAsync(60_000);
      await other.scheduler.tick();
    }
    await tick;
    expect(poster.posts).toHaveLength(1);
  });

  it('gives up on a Retry-After longer than it is willing to wait', async () => {
    const poster = new FakePoster('slack', () => new Date());
    const bot = await openFakeTimedProcess(poster);
    vi.setSystemTime(new Date('2026-06-10T10:00:00Z'));
    await bot.subscriptions.upsertSubscription(digestInput({ platform: 'slack' }), new Date().toISOString());
    poster.script.push(new PostError({ kind: 'rate-limited', retryAfterMs: 3_600_000 }, 'HTTP 429'));

    vi.setSystemTime(new Date('2026-06-10T11:00:05Z'));
    await bot.scheduler.tick();
    expect(poster.calls).toBe(1);
    expect((await bot.subscriptions.getLedgerRow(1, '2026-06-10'))?.note).toBe(
      'gave up after 1 attempts: HTTP 429 (Retry-After 3600000 ms)',
    );
  });

  it('stop() cuts a wait short and leaves the claim for a restart to finish', async () => {
    const poster = new FakePoster('slack', () => new Date());
    const bot = await openFakeTimedProcess(poster);
    vi.setSystemTime(new Date('2026-06-10T10:00:00Z'));
    await bot.subscriptions.upsertSubscription(digestInput({ platform: 'slack' }), new Date().toISOString());
    poster.script.push(new PostError({ kind: 'rate-limited', retryAfterMs: 60_000 }, 'HTTP 429'));

    vi.setSystemTime(new Date('2026-06-10T11:00:05Z'));
    const tick = bot.scheduler.tick();
    await vi.advanceTimersByTimeAsync(1_000);
    await bot.scheduler.stop();
    await tick;
    expect(poster.posts).toHaveLength(0);
    expect((await bot.subscriptions.getLedgerRow(1, '2026-06-10'))?.state).toBe('claimed');
  });
});

describe('lifecycle', () => {
  it('runs on node-cron by default and stops cleanly', async () => {
    const clock = new FakeClock('2026-06-10T10:00:00Z');
    const bot = await world.openProcess(clock, new FakePoster('discord'), { cron: undefined });
    await bot.scheduler.start();
    await bot.scheduler.stop();
    expect(bot.log.lines.map((l) => l.msg)).toEqual(['scheduler started']);
  });
});
