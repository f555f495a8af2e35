/**
 * The SubscriptionStore contract: subscriptions, the send ledger (claims, leases, expiry,
 * take-over, completion, skips) and delivered-event keys. Every implementation runs this suite.
 * `open` gets the clock the store must time leases by and returns a world whose connections
 * share one fresh, empty store, as several processes share one database.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClaimRequest, SubscriptionStore } from '../../src/core/subscription-port.ts';
import { digestInput, FakeClock } from '../support/scheduler-harness.ts';

export interface SubscriptionWorld {
  /** A new connection to the world's store. */
  connect(): Promise<SubscriptionStore>;
  /** Closes every connection and removes the store. */
  close(): Promise<void>;
}

export type OpenSubscriptionWorld = (now: () => Date) => Promise<SubscriptionWorld>;

const MINUTE = 60_000;

const request: ClaimRequest = {
  subscriptionId: 1,
  period: '2026-06-10',
  marker: 'sitrep:0123456789abcdef',
  scheduledAt: '2026-06-10T11:00:00.000Z',
  coversSince: '2026-06-09T11:00:00.000Z',
  coversUntil: '2026-06-10T11:00:05.000Z',
  late: false,
};

export function describeSubscriptionContract(name: string, open: OpenSubscriptionWorld): void {
  describe(`SubscriptionStore contract: ${name}`, () => {
    let world: SubscriptionWorld;
    let clock: FakeClock;
    /** Two connections to one store, as two bot processes have. */
    let a: SubscriptionStore;
    let b: SubscriptionStore;

    beforeEach(async () => {
      clock = new FakeClock('2026-06-10T11:00:05.000Z');
      world = await open(clock.now);
      a = await world.connect();
      b = await world.connect();
      await a.upsertSubscription(digestInput(), '2026-06-01T00:00:00.000Z');
    });
    afterEach(() => world.close());

    describe('claims and leases', () => {
      it('gives a period to one holder, timed by the store clock; another cannot claim it while the lease runs', async () => {
        const first = await a.claim(request, 'A', 2 * MINUTE);
        expect(first).toMatchObject({
          resumed: false,
          row: {
            state: 'claimed',
            owner: 'A',
            marker: request.marker,
            claimedAt: '2026-06-10T11:00:05.000Z',
            leaseUntil: '2026-06-10T11:02:05.000Z',
            attempts: 0,
          },
        });
        expect(await b.claim(request, 'B', 2 * MINUTE)).toBeUndefined();
        clock.set('2026-06-10T11:02:04.999Z');
        expect(await b.claim(request, 'B', 2 * MINUTE)).toBeUndefined();
        expect(await b.expiredClaims()).toEqual([]);
      });

      it('lets another holder take an expired claim over, keeping its marker and span; the first loses it', async () => {
        const id = (await a.claim(request, 'A', 2 * MINUTE))?.row.id ?? 0;
        clock.set('2026-06-10T11:02:05.000Z');
        expect((await b.expiredClaims()).map((r) => r.id)).toEqual([id]);
        const taken = await b.claim({ ...request, marker: 'other', coversUntil: 'other' }, 'B', 2 * MINUTE);
        expect(taken).toMatchObject({
          resumed: true,
          row: {
            id,
            owner: 'B',
            marker: request.marker,
            coversUntil: request.coversUntil,
            leaseUntil: '2026-06-10T11:04:05.000Z',
          },
        });
        expect(await b.expiredClaims()).toEqual([]);
        expect(await a.renewClaim(id, 'A', 2 * MINUTE)).toBe(false);
        expect(await a.complete(id, 'A', 'late-message')).toBe(false);
        clock.advance(2_000);
        expect(await b.complete(id, 'B', 'm1')).toBe(true);
        expect(await a.getLedgerRow(1, request.period)).toMatchObject({
          state: 'sent',
          messageId: 'm1',
          owner: 'B',
          completedAt: '2026-06-10T11:02:07.000Z',
        });
        expect((await a.getLedgerRow(1, request.period))?.leaseUntil).toBeUndefined();
      });

      it('renewing extends the lease from now and counts an attempt; only the holder renews', async () => {
        const id = (await a.claim(request, 'A', 2 * MINUTE))?.row.id ?? 0;
        clock.advance(MINUTE);
        expect(await a.renewClaim(id, 'A', 2 * MINUTE)).toBe(true);
        expect(await b.renewClaim(id, 'B', 2 * MINUTE)).toBe(false);
        clock.advance(90_000);
        expect(await b.expiredClaims()).toEqual([]);
        expect(await b.claim(request, 'B', 2 * MINUTE)).toBeUndefined();
        clock.advance(30_000);
        expect((await b.expiredClaims()).map((r) => [r.id, r.attempts])).toEqual([[id, 1]]);
      });

      it('a lease of zero is expired at once', async () => {
        await a.claim(request, 'A', 0);
        expect(await b.claim(request, 'B', MINUTE)).toMatchObject({ resumed: true, row: { owner: 'B' } });
      });

      it('never hands out a period once it is sent, skipped or failed', async () => {
        const claim = await a.claim(request, 'A', 2 * MINUTE);
        await a.complete(claim?.row.id ?? 0, 'A', 'm1');
        clock.set('2026-06-11T00:00:00.000Z');
        expect(await b.claim(request, 'B', 2 * MINUTE)).toBeUndefined();

        const skipped = { ...request, period: '2026-06-11' };
        expect(await a.skip(skipped, 'missed')).toBe(true);
        expect(await b.skip(skipped, 'missed')).toBe(false);
        expect(await b.claim(skipped, 'B', 2 * MINUTE)).toBeUndefined();
        expect(await a.getLedgerRow(1, '2026-06-11')).toMatchObject({
          state: 'skipped',
          note: 'missed',
          completedAt: '2026-06-11T00:00:00.000Z',
        });

        const failing = await a.claim({ ...request, period: '2026-06-12' }, 'A', 2 * MINUTE);
        expect(await a.closeClaim(failing?.row.id ?? 0, 'A', 'failed', 'HTTP 502')).toBe(true);
        expect(await a.closeClaim(failing?.row.id ?? 0, 'A', 'failed', 'again')).toBe(false);
        clock.advance(24 * 60 * MINUTE);
        expect(await b.claim({ ...request, period: '2026-06-12' }, 'B', 2 * MINUTE)).toBeUndefined();
        expect(await b.expiredClaims()).toEqual([]);
        expect(await a.getLedgerRow(1, '2026-06-12')).toMatchObject({ state: 'failed', note: 'HTTP 502' });
      });

      it('starts the next digest where the last sent or quiet one ended, not at a failed one', async () => {
        const sent = await a.claim(request, 'A', 2 * MINUTE);
        await a.complete(sent?.row.id ?? 0, 'A', 'm1');
        const next = { ...request, period: '2026-06-11', coversSince: request.coversUntil };
        const failed = await a.claim({ ...next, coversUntil: '2026-06-11T11:00:05.000Z' }, 'A', 2 * MINUTE);
        await a.closeClaim(failed?.row.id ?? 0, 'A', 'failed', 'HTTP 502');
        expect((await b.lastCovered(1))?.period).toBe('2026-06-10');
        expect((await b.latestLedgerRow(1))?.period).toBe('2026-06-11');
        // A failed row keeps no span, so it never counts as covered.
        expect(await b.getLedgerRow(1, '2026-06-11')).toMatchObject({ coversSince: undefined, coversUntil: undefined });
        const quiet = { ...request, period: '2026-06-12', coversSince: request.coversUntil, coversUntil: 'q' };
        await a.skip(quiet, 'quiet day');
        expect((await b.lastCovered(1))?.period).toBe('2026-06-12');
        expect((await b.ledger(1)).map((r) => [r.period, r.state])).toEqual([
          ['2026-06-10', 'sent'],
          ['2026-06-11', 'failed'],
          ['2026-06-12', 'skipped'],
        ]);
      });
    });

    describe('subscriptions', () => {
      it('keeps one subscription per channel and kind: subscribing again updates it and unpauses it', async () => {
        const first = await a.getSubscription(1);
        await a.pauseSubscription(1, 'Missing Access', '2026-06-05T00:00:00.000Z');
        expect(await b.getSubscription(1)).toMatchObject({
          paused: true,
          pausedReason: 'Missing Access',
          pausedAt: '2026-06-05T00:00:00.000Z',
        });
        const again = await b.upsertSubscription(digestInput({ localTime: '09:15' }), '2026-06-06T00:00:00.000Z');
        expect(again).toMatchObject({
          id: 1,
          localTime: '09:15',
          paused: false,
          activeSince: '2026-06-06T00:00:00.000Z',
        });
        expect(again.createdAt).toBe(first?.createdAt);
        const alerts = await b.upsertSubscription(
          digestInput({ kind: 'alert', localTime: undefined }),
          '2026-06-06T00:00:00.000Z',
        );
        expect(alerts.id).toBe(2);
        await b.setAlertCursor(2, '2026-06-06T01:00:00.000Z');
        expect((await a.getSubscription(2))?.alertCursor).toBe('2026-06-06T01:00:00.000Z');
        expect(await a.getSubscription(99)).toBeUndefined();
      });

      it('lists a team’s subscriptions by channel, and every active one by kind', async () => {
        await a.upsertSubscription(digestInput({ channelId: 'c0' }), '2026-06-02T00:00:00.000Z');
        await a.upsertSubscription(digestInput({ teamId: 'g2', channelId: 'c9' }), '2026-06-02T00:00:00.000Z');
        await a.pauseSubscription(1, 'Missing Access', '2026-06-05T00:00:00.000Z');
        expect((await b.listSubscriptions('discord', 'g1', 'digest')).map((s) => s.channelId)).toEqual(['c0', 'c1']);
        expect(await b.listSubscriptions('slack', 'g1', 'digest')).toEqual([]);
        expect(await b.listSubscriptions('discord', 'g1', 'alert')).toEqual([]);
        expect((await b.activeSubscriptions('digest')).map((s) => [s.id, s.paused])).toEqual([
          [1, true],
          [2, false],
          [3, false],
        ]);
      });

      it('an unsubscribed channel drops out of the active list but keeps its ledger', async () => {
        const claim = await a.claim(request, 'A', 2 * MINUTE);
        await a.complete(claim?.row.id ?? 0, 'A', 'm1');
        expect(await a.removeSubscription(digestInput(), 'digest', '2026-06-10T12:00:00.000Z')).toBe(true);
        expect(await a.removeSubscription(digestInput(), 'digest', '2026-06-10T12:00:00.000Z')).toBe(false);
        expect(await b.activeSubscriptions('digest')).toEqual([]);
        expect(await b.getSubscription(1)).toMatchObject({ removedAt: '2026-06-10T12:00:00.000Z' });
        expect(await b.ledger(1)).toHaveLength(1);
        // Subscribing again the same day does not send that day's digest twice.
        await b.upsertSubscription(digestInput(), '2026-06-10T12:00:00.000Z');
        expect(await b.claim(request, 'B', 2 * MINUTE)).toBeUndefined();
      });
    });

    describe('delivered events', () => {
      it('says true once per key, across connections, until the key is older than the window', async () => {
        expect(await a.firstDelivery('slack:Ev1', 60 * MINUTE)).toBe(true);
        expect(await b.firstDelivery('slack:Ev1', 60 * MINUTE)).toBe(false);
        expect(await a.firstDelivery('slack:Ev1', 60 * MINUTE)).toBe(false);
        expect(await b.firstDelivery('slack:Ev2', 60 * MINUTE)).toBe(true);
        clock.advance(59 * MINUTE);
        expect(await b.firstDelivery('slack:Ev1', 60 * MINUTE)).toBe(false);
        clock.advance(2 * MINUTE);
        expect(await b.firstDelivery('slack:Ev1', 60 * MINUTE)).toBe(true);
        expect(await a.firstDelivery('slack:Ev1', 60 * MINUTE)).toBe(false);
      });

      it('answers each of many concurrent deliveries of one key exactly once', async () => {
        const answers = await Promise.all(
          Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).firstDelivery('slack:burst', 60 * MINUTE)),
        );
        expect(answers.filter(Boolean)).toHaveLength(1);
      });
    });

    describe('user languages', () => {
      it('keeps each user’s chosen language per platform and team, across connections, until forgotten', async () => {
        const user = { platform: 'discord' as const, teamId: 'G1', userId: 'U1' };
        expect(await a.userLanguage(user)).toBeUndefined();
        await a.setUserLanguage(user, 'ht', '2026-06-10T12:00:00.000Z');
        expect(await b.userLanguage(user)).toBe('ht');
        expect(await b.userLanguage({ ...user, teamId: 'G2' })).toBeUndefined();
        expect(await b.userLanguage({ ...user, platform: 'slack' })).toBeUndefined();
        await b.setUserLanguage(user, 'fr', '2026-06-10T12:01:00.000Z');
        expect(await a.userLanguage(user)).toBe('fr');
        await a.setUserLanguage(user, undefined, '2026-06-10T12:02:00.000Z');
        expect(await b.userLanguage(user)).toBeUndefined();
      });
    });
  });
}
