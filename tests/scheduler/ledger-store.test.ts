/**
 * The send ledger on SQLite: a claim is a lock with a lease, shared by every connection to the
 * file; only its holder renews or completes it; an expired claim is taken over and flagged.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClaimRequest } from '../../src/core/subscription-port.ts';
import { openSqliteSubscriptionStore, type SqliteSubscriptionStore } from '../../src/store/sqlite-subscriptions.ts';
import { digestInput, SchedulerWorld } from '../support/scheduler-harness.ts';

let world: SchedulerWorld;
let a: SqliteSubscriptionStore;
let b: SqliteSubscriptionStore;

beforeEach(() => {
  world = new SchedulerWorld();
  a = openSqliteSubscriptionStore(world.path);
  b = openSqliteSubscriptionStore(world.path);
  a.upsertSubscription(digestInput(), '2026-06-01T00:00:00.000Z');
});
afterEach(() => {
  a.close();
  b.close();
  world.cleanup();
});

const request: ClaimRequest = {
  subscriptionId: 1,
  period: '2026-06-10',
  marker: 'sitrep:0123456789abcdef',
  scheduledAt: '2026-06-10T11:00:00.000Z',
  coversSince: '2026-06-09T11:00:00.000Z',
  coversUntil: '2026-06-10T11:00:05.000Z',
  late: false,
};

describe('claims', () => {
  it('gives a period to one holder; another connection cannot claim it while the lease runs', () => {
    const first = a.claim(request, 'A', '2026-06-10T11:00:05.000Z', '2026-06-10T11:02:05.000Z');
    expect(first).toMatchObject({ resumed: false, row: { state: 'claimed', owner: 'A', marker: request.marker } });
    expect(b.claim(request, 'B', '2026-06-10T11:00:06.000Z', '2026-06-10T11:02:06.000Z')).toBeUndefined();
    expect(b.claim(request, 'B', '2026-06-10T11:02:04.999Z', '2026-06-10T11:04:04.999Z')).toBeUndefined();
    expect(b.expiredClaims('2026-06-10T11:02:04.999Z')).toEqual([]);
  });

  it('lets another holder take an expired claim over, keeping its marker and span; the first loses it', () => {
    const first = a.claim(request, 'A', '2026-06-10T11:00:05.000Z', '2026-06-10T11:02:05.000Z');
    const id = first?.row.id ?? 0;
    expect(b.expiredClaims('2026-06-10T11:02:05.000Z').map((r) => r.id)).toEqual([id]);
    const taken = b.claim(
      { ...request, marker: 'other', coversUntil: 'other' },
      'B',
      '2026-06-10T11:02:05.000Z',
      '2026-06-10T11:04:05.000Z',
    );
    expect(taken).toMatchObject({
      resumed: true,
      row: { id, owner: 'B', marker: request.marker, coversUntil: request.coversUntil },
    });
    expect(a.renewClaim(id, 'A', '2026-06-10T11:02:06.000Z', '2026-06-10T11:04:06.000Z')).toBe(false);
    expect(a.complete(id, 'A', 'late-message', '2026-06-10T11:02:06.000Z')).toBe(false);
    expect(b.complete(id, 'B', 'm1', '2026-06-10T11:02:07.000Z')).toBe(true);
    expect(a.getLedgerRow(1, request.period)).toMatchObject({ state: 'sent', messageId: 'm1', owner: 'B' });
  });

  it('never hands out a period once it is sent, skipped or failed', () => {
    const claim = a.claim(request, 'A', '2026-06-10T11:00:05.000Z', '2026-06-10T11:02:05.000Z');
    a.complete(claim?.row.id ?? 0, 'A', 'm1', '2026-06-10T11:00:06.000Z');
    expect(b.claim(request, 'B', '2026-06-11T00:00:00.000Z', '2026-06-11T00:02:00.000Z')).toBeUndefined();

    expect(a.skip({ ...request, period: '2026-06-11' }, 'missed', '2026-06-12T00:00:00.000Z')).toBe(true);
    expect(b.skip({ ...request, period: '2026-06-11' }, 'missed', '2026-06-12T00:00:00.000Z')).toBe(false);
    expect(
      b.claim({ ...request, period: '2026-06-11' }, 'B', '2026-06-12T00:00:00.000Z', '2026-06-12T00:02:00.000Z'),
    ).toBeUndefined();

    const failing = a.claim(
      { ...request, period: '2026-06-12' },
      'A',
      '2026-06-12T11:00:00.000Z',
      '2026-06-12T11:02:00.000Z',
    );
    expect(a.closeClaim(failing?.row.id ?? 0, 'A', 'failed', 'HTTP 502', '2026-06-12T11:00:30.000Z')).toBe(true);
    expect(
      b.claim({ ...request, period: '2026-06-12' }, 'B', '2026-06-13T00:00:00.000Z', '2026-06-13T00:02:00.000Z'),
    ).toBeUndefined();
  });

  it('starts the next digest where the last sent or quiet one ended, not at a failed one', () => {
    const sent = a.claim(request, 'A', '2026-06-10T11:00:05.000Z', '2026-06-10T11:02:05.000Z');
    a.complete(sent?.row.id ?? 0, 'A', 'm1', '2026-06-10T11:00:06.000Z');
    const failed = a.claim(
      { ...request, period: '2026-06-11', coversSince: request.coversUntil, coversUntil: '2026-06-11T11:00:05.000Z' },
      'A',
      '2026-06-11T11:00:05.000Z',
      '2026-06-11T11:02:05.000Z',
    );
    a.closeClaim(failed?.row.id ?? 0, 'A', 'failed', 'HTTP 502', '2026-06-11T11:01:00.000Z');
    expect(b.lastCovered(1)?.period).toBe('2026-06-10');
    expect(b.latestLedgerRow(1)?.period).toBe('2026-06-11');
  });
});

describe('subscriptions', () => {
  it('keeps one subscription per channel and kind: subscribing again updates it and unpauses it', () => {
    const first = a.getSubscription(1);
    a.pauseSubscription(1, 'Missing Access', '2026-06-05T00:00:00.000Z');
    const again = b.upsertSubscription(digestInput({ localTime: '09:15' }), '2026-06-06T00:00:00.000Z');
    expect(again).toMatchObject({ id: 1, localTime: '09:15', paused: false, activeSince: '2026-06-06T00:00:00.000Z' });
    expect(again.createdAt).toBe(first?.createdAt);
    expect(
      b.upsertSubscription(digestInput({ kind: 'alert', localTime: undefined }), '2026-06-06T00:00:00.000Z').id,
    ).toBe(2);
  });

  it('an unsubscribed channel drops out of the active list but keeps its ledger', () => {
    const claim = a.claim(request, 'A', '2026-06-10T11:00:05.000Z', '2026-06-10T11:02:05.000Z');
    a.complete(claim?.row.id ?? 0, 'A', 'm1', '2026-06-10T11:00:06.000Z');
    expect(a.removeSubscription(digestInput(), 'digest', '2026-06-10T12:00:00.000Z')).toBe(true);
    expect(a.removeSubscription(digestInput(), 'digest', '2026-06-10T12:00:00.000Z')).toBe(false);
    expect(b.activeSubscriptions('digest')).toEqual([]);
    expect(b.ledger(1)).toHaveLength(1);
    // Subscribing again the same day does not send that day's digest twice.
    b.upsertSubscription(digestInput(), '2026-06-10T12:00:00.000Z');
    expect(b.claim(request, 'B', '2026-06-10T12:00:05.000Z', '2026-06-10T12:02:05.000Z')).toBeUndefined();
  });
});
