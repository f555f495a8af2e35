/**
 * Markers carry the installation: two installations (two stores) with digests in one channel
 * have subscriptions with the same ids and the same periods, and a marker made of those alone
 * let one take the other's post for its own after a crash, and never send its own.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { installationIdOf } from '../../src/scheduler/installation.ts';
import { markerFor } from '../../src/scheduler/ledger.ts';
import { digestInput, FakeClock, FakePoster, SchedulerWorld, settle } from '../support/scheduler-harness.ts';
import { createTestApp } from '../support/services.ts';

const worlds: SchedulerWorld[] = [];
afterEach(async () => {
  for (const world of worlds.splice(0)) await world.cleanup();
});

describe('installation id', () => {
  it('is created once and kept with the data; another store has another', async () => {
    const a = await createTestApp();
    const b = await createTestApp();
    try {
      const id = await installationIdOf(a.services.store);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(await installationIdOf(a.services.store)).toBe(id);
      expect(await a.services.store.getMeta('installation_id')).toBe(id);
      const other = await installationIdOf(b.services.store);
      expect(other).not.toBe(id);
      expect(markerFor(id, 1, '2026-06-10')).not.toBe(markerFor(other, 1, '2026-06-10'));
      expect(markerFor(id, 1, '2026-06-10')).toMatch(/^sitrep:[0-9a-f]{16}$/);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("two installations in one channel: a crashed send of one does not take the other's post for its own", async () => {
    const clock = new FakeClock('2026-06-10T10:00:00Z');
    const channel = new FakePoster('discord', clock.now);
    const [first, second] = [new SchedulerWorld(), new SchedulerWorld()];
    worlds.push(first, second);

    const one = await first.openProcess(clock, channel);
    await one.subscriptions.upsertSubscription(digestInput(), clock.now().toISOString());
    const doomed = await second.openProcess(clock, channel);
    await doomed.subscriptions.upsertSubscription(digestInput(), clock.now().toISOString());
    const secondId = await installationIdOf(doomed.services.store);

    // The first posts its digest; the second claims its own and dies before posting.
    clock.set('2026-06-10T11:00:05Z');
    await one.scheduler.tick();
    expect(channel.posts).toHaveLength(1);
    channel.hang = 'before-post';
    void doomed.scheduler.tick();
    await settle();
    expect((await doomed.subscriptions.getLedgerRow(1, '2026-06-10'))?.state).toBe('claimed');
    await doomed.close();

    channel.hang = 'none';
    const restarted = await second.openProcess(clock, channel);
    expect(await installationIdOf(restarted.services.store)).toBe(secondId);
    clock.set('2026-06-10T11:03:00Z');
    await restarted.scheduler.start();

    expect(channel.markerLookups).toBeGreaterThan(0);
    expect(channel.posts).toHaveLength(2);
    const [mine, theirs] = [channel.posts[1], channel.posts[0]];
    expect(mine?.marker).toBe(markerFor(secondId, 1, '2026-06-10'));
    expect(mine?.marker).not.toBe(theirs?.marker);
    expect(await restarted.subscriptions.getLedgerRow(1, '2026-06-10')).toMatchObject({
      state: 'sent',
      messageId: 'm2',
    });
    await restarted.scheduler.stop();
  });
});
