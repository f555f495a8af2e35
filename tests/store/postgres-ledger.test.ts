/**
 * The send ledger on Postgres, as two hosts see it (two pools on one database): a claim is a
 * lock with a lease timed by the database's clock, held by one host at a time; an expired claim
 * is taken over by exactly one other host; a delivered event is answered once.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ClaimRequest } from '../../src/core/subscription-port.ts';
import { openPostgresStores, type PostgresStores } from '../../src/store/postgres/index.ts';
import { testPlaces } from '../support/place-tree.ts';
import { createTestDatabase, emptyDatabase } from '../support/postgres.ts';
import { digestInput } from '../support/scheduler-harness.ts';

let url = '';
let a: PostgresStores;
let b: PostgresStores;

beforeAll(async () => {
  url = await createTestDatabase();
});
beforeEach(async () => {
  await emptyDatabase(url);
  const open = () => openPostgresStores({ url, ...testPlaces, gazetteerVersion: 'test-1' });
  [a, b] = await Promise.all([open(), open()]);
  await a.subscriptions.upsertSubscription(digestInput(), '2026-06-01T00:00:00.000Z');
});
afterEach(async () => {
  await Promise.all([a.close(), b.close()]);
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

/** Waits until the database's clock has passed `iso` (leases are timed by it, not by ours). */
async function untilDatabasePasses(iso: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if ((await a.subscriptions.expiredClaims()).some((row) => row.leaseUntil === iso)) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`the lease until ${iso} never ran out`);
}

describe('claims', () => {
  it('gives a period to one host; the other cannot claim it while the lease runs', async () => {
    const first = await a.subscriptions.claim(request, 'A', 60_000);
    expect(first).toMatchObject({ resumed: false, row: { state: 'claimed', owner: 'A', marker: request.marker } });
    const claimedAt = Date.parse(first?.row.claimedAt ?? '');
    expect(Date.parse(first?.row.leaseUntil ?? '') - claimedAt).toBe(60_000);
    expect(await b.subscriptions.claim(request, 'B', 60_000)).toBeUndefined();
    expect(await b.subscriptions.expiredClaims()).toEqual([]);
  });

  it('lets one other host take an expired claim over, keeping its marker and span; the first loses it', async () => {
    const first = await a.subscriptions.claim(request, 'A', 50);
    const id = first?.row.id ?? 0;
    await untilDatabasePasses(first?.row.leaseUntil ?? '');
    const takers = await Promise.all(
      ['B', 'C', 'D'].map((owner) =>
        b.subscriptions.claim({ ...request, marker: 'other', coversUntil: 'other' }, owner, 60_000),
      ),
    );
    const taken = takers.filter((t) => t !== undefined);
    expect(taken).toHaveLength(1);
    expect(taken[0]).toMatchObject({
      resumed: true,
      row: { id, marker: request.marker, coversUntil: request.coversUntil },
    });
    const owner = taken[0]?.row.owner ?? '';
    expect(await a.subscriptions.renewClaim(id, 'A', 60_000)).toBe(false);
    expect(await a.subscriptions.complete(id, 'A', 'late-message')).toBe(false);
    expect(await b.subscriptions.complete(id, owner, 'm1')).toBe(true);
    expect(await a.subscriptions.getLedgerRow(1, request.period)).toMatchObject({
      state: 'sent',
      messageId: 'm1',
      owner,
    });
  });

  it('never hands out a period once it is sent, skipped or failed', async () => {
    const claim = await a.subscriptions.claim(request, 'A', 60_000);
    expect(await a.subscriptions.complete(claim?.row.id ?? 0, 'A', 'm1')).toBe(true);
    expect(await b.subscriptions.claim(request, 'B', 60_000)).toBeUndefined();
    const next = { ...request, period: '2026-06-11' };
    expect(await a.subscriptions.skip(next, 'missed')).toBe(true);
    expect(await b.subscriptions.skip(next, 'missed')).toBe(false);
    expect(await b.subscriptions.claim(next, 'B', 60_000)).toBeUndefined();
    const failing = await a.subscriptions.claim({ ...request, period: '2026-06-12' }, 'A', 60_000);
    expect(await a.subscriptions.closeClaim(failing?.row.id ?? 0, 'A', 'failed', 'HTTP 502')).toBe(true);
    expect(await b.subscriptions.claim({ ...request, period: '2026-06-12' }, 'B', 60_000)).toBeUndefined();
    expect((await a.subscriptions.lastCovered(1))?.period).toBe('2026-06-10');
    expect((await a.subscriptions.latestLedgerRow(1))?.period).toBe('2026-06-12');
  });

  it('two hosts racing for 300 periods: each period claimed and sent by exactly one', async () => {
    const periods = Array.from({ length: 300 }, (_, i) => `p${String(i).padStart(3, '0')}`);
    const race = async (host: PostgresStores, owner: string) => {
      const won: string[] = [];
      for (const period of periods) {
        const claim = await host.subscriptions.claim({ ...request, period, marker: `race:${period}` }, owner, 60_000);
        if (!claim) continue;
        await host.subscriptions.complete(claim.row.id, owner, `${owner}-${period}`);
        won.push(period);
      }
      return won;
    };
    const won = await Promise.all([race(a, 'A'), race(b, 'B'), race(a, 'A2'), race(b, 'B2')]);
    expect(won.flat().sort()).toEqual(periods);
    const ledger = await a.subscriptions.ledger(1);
    expect(ledger).toHaveLength(300);
    expect(ledger.every((row) => row.state === 'sent' && row.messageId === `${row.owner}-${row.period}`)).toBe(true);
  });
});

describe('subscriptions and deliveries', () => {
  it('keeps one subscription per channel and kind: subscribing again updates and unpauses it', async () => {
    const first = await a.subscriptions.getSubscription(1);
    await a.subscriptions.pauseSubscription(1, 'Missing Access', '2026-06-05T00:00:00.000Z');
    const again = await b.subscriptions.upsertSubscription(
      digestInput({ localTime: '09:15' }),
      '2026-06-06T00:00:00.000Z',
    );
    expect(again).toMatchObject({ id: 1, localTime: '09:15', paused: false, activeSince: '2026-06-06T00:00:00.000Z' });
    expect(again.createdAt).toBe(first?.createdAt);
    const alert = await b.subscriptions.upsertSubscription(digestInput({ kind: 'alert', localTime: undefined }), 'x');
    expect(alert.id).toBe(2);
    expect(await a.subscriptions.removeSubscription(digestInput(), 'digest', '2026-06-10T12:00:00.000Z')).toBe(true);
    expect(await a.subscriptions.removeSubscription(digestInput(), 'digest', '2026-06-10T12:00:00.000Z')).toBe(false);
    expect((await b.subscriptions.activeSubscriptions('digest')).map((s) => s.id)).toEqual([]);
    expect((await b.subscriptions.listSubscriptions('discord', 'g1', 'alert')).map((s) => s.id)).toEqual([2]);
  });

  it('answers a delivered event once across hosts, and again once the window has passed', async () => {
    const results = await Promise.all([
      a.subscriptions.firstDelivery('slack:Ev1', 60_000),
      b.subscriptions.firstDelivery('slack:Ev1', 60_000),
      a.subscriptions.firstDelivery('slack:Ev1', 60_000),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await b.subscriptions.firstDelivery('slack:Ev2', 60_000)).toBe(true);
    // A window of 0 ms has always passed by the next call.
    expect(await a.subscriptions.firstDelivery('slack:Ev1', 0)).toBe(true);
  });
});
