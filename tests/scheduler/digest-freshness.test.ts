/**
 * A digest on a day when a source has failed for more than a day says so in one line, in the
 * channel's language; a source that failed only since this morning, or one that works, is not named.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { IntakeStore } from '../../src/core/intake-port.ts';
import type { Subscription } from '../../src/core/subscription-port.ts';
import { digestRowRenderer } from '../../src/scheduler/digests.ts';
import { openSqliteIntakeStore } from '../../src/store/sqlite-intake.ts';
import { digestInput, FakeClock, FakePoster, SchedulerWorld } from '../support/scheduler-harness.ts';

let world: SchedulerWorld;
let intake: IntakeStore;
let bot: Awaited<ReturnType<SchedulerWorld['openProcess']>>;
const clock = new FakeClock('2025-03-24T12:00:00Z');

beforeAll(async () => {
  world = new SchedulerWorld();
  bot = await world.openProcess(clock, new FakePoster('discord'));
  intake = openSqliteIntakeStore(world.path, { now: clock.now });
  bot.services.intake = intake;
});
afterAll(async () => {
  await intake.close();
  await world.cleanup();
});

/** A source added `added` whose polls have all failed since `since`, the last at `last`. */
async function failingSince(url: string, since: string, added = since, last = since) {
  clock.set(added);
  const { source } = await intake.addSource({ url, kind: 'rss', intervalSeconds: 900, addedBy: 'console' }, added);
  await intake.claimSource(source.id, 'test', 60_000, last, true);
  await intake.finishPoll(
    source.id,
    'test',
    { nextPollAt: last, failures: 3, lastError: 'HTTP 503', lastPolledAt: last, failingSince: since },
    last,
  );
}

/** A source that answers, with nothing new since it was added. */
async function quietSince(url: string, at: string, polled: string) {
  const { source } = await intake.addSource({ url, kind: 'rss', intervalSeconds: 900, addedBy: 'console' }, at);
  await intake.claimSource(source.id, 'test', 60_000, polled, true);
  await intake.finishPoll(source.id, 'test', { nextPollAt: polled, failures: 0, lastPolledAt: polled }, polled);
}

it('names the sources that have failed for more than a day, in the channel’s language', async () => {
  await failingSince('https://down.example.org/rss', '2025-03-24T12:00:00Z');
  await failingSince('https://flaky.example.org/rss', '2025-03-26T08:00:00Z');
  // Added long ago and failing only since this morning: not a day yet.
  await failingSince('https://new-trouble.example.org/rss', '2025-03-26T06:00:00Z', '2025-03-10T00:00:00Z');
  // Well, with nothing new for days: quiet, not failing.
  await quietSince('https://quiet.example.org/rss', '2025-03-20T00:00:00Z', '2025-03-26T10:00:00Z');
  const render = digestRowRenderer(bot.services, async () => ({ kind: 'digest', title: 'Digest', sections: [] }));
  const subscription = (await bot.subscriptions.upsertSubscription(
    digestInput({ language: 'fr' }),
    '2025-03-20T00:00:00Z',
  )) as Subscription;
  const row = {
    id: 1,
    subscriptionId: subscription.id,
    period: '2025-03-26',
    state: 'claimed' as const,
    marker: 'm',
    scheduledAt: '2025-03-26T11:00:00.000Z',
    coversUntil: '2025-03-26T11:00:00.000Z',
    late: false,
    attempts: 0,
  };
  const view = await render(subscription, row);
  expect(view.summary?.split('\n')).toEqual([
    expect.stringMatching(/^La source n° 1 \(down\.example\.org\) échoue depuis le 24 mars 2025, 08:00 : HTTP 503$/),
  ]);
  const earlier = await render(subscription, { ...row, coversUntil: '2025-03-25T11:00:00.000Z' });
  expect(earlier.summary).toBeUndefined();
});
