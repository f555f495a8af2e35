/**
 * The SQLite store keeps a few reads until anything is written, by this connection or by another
 * one on the same file: what the planner looked up in the totals (set sizes, the squares around a
 * point that hold events), where else a place's events are placed, and the figures. A kept
 * answer must never hide what a write changed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Indicator } from '../../src/core/schemas.ts';
import type { EventQuery, Store } from '../../src/core/store-port.ts';
import { openSqliteStore } from '../../src/store/index.ts';
import { makeEvent } from '../support/events.ts';
import { testPlaces } from '../support/place-tree.ts';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-plan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const meta = { author: 't', reason: 't', at: '2025-03-26T12:00:00Z' };
const placed = (id: string, placeId: string) =>
  makeEvent({ id, place: { placeId, text: placeId, geoPrecision: 'locality' } });
const open = (path: string) => openSqliteStore({ path, ...testPlaces, gazetteerVersion: 'test-1' });

/** Around Kenscoff, where nothing is recorded at first: its squares hold no event yet. */
const nearKenscoff: EventQuery = { near: { lat: 18.45, lon: -72.29, km: 5 } };
/** Two sets, so the planner compares their sizes to choose which drives. */
const attacksAtPontSonde: EventQuery = { placeId: 'pont-sonde', categories: ['attack'] };

async function read(store: Store) {
  return {
    near: await store.countEvents(nearKenscoff),
    nearListed: (await store.listEvents(nearKenscoff, { limit: 10 })).events.map((s) => s.event.id),
    attacks: (await store.listEvents(attacksAtPontSonde, { limit: 10 })).events.map((s) => s.event.id),
  };
}

const figure = (value: number, asOf: string): Indicator => ({
  key: 'kenya-police-deployed',
  label: 'Kenyan police deployed',
  group: 'personnel',
  value,
  comparator: 'at-least',
  unit: 'people',
  asOf,
  source: { publisher: 'Test Wire' },
  reportedAt: `${asOf}-20T12:00:00Z`,
});

/** Kenscoff's events placed elsewhere by a contested claim, and the latest figure. */
async function listings(store: Store) {
  const series = await store.allIndicatorSeries();
  return {
    outside: await store.placementsOutside('kenscoff'),
    latest: [...series.values()].map((s) => s.at(-1)?.value),
  };
}

const contested = (id: string, placeId: string, claimed: string) =>
  makeEvent({
    id,
    place: { placeId, text: placeId, geoPrecision: 'locality' },
    confidence: 'disputed',
    claims: [
      {
        field: 'place',
        value: claimed,
        standing: 'contested',
        placeId: claimed,
        source: { publisher: 'Other outlet', title: 'Another account' },
      },
    ],
  });

describe('SQLite kept reads', () => {
  it("see this connection's writes", async () => {
    const store = open(':memory:');
    await store.putEvent(makeEvent({ id: 'clash', category: 'clash' }), meta);
    expect(await read(store)).toEqual({ near: 0, nearListed: [], attacks: [] });
    await store.putEvent(placed('kenscoff', 'kenscoff'), meta);
    await store.putEvent(makeEvent({ id: 'attack', category: 'attack' }), meta);
    expect(await read(store)).toEqual({ near: 1, nearListed: ['kenscoff'], attacks: ['attack'] });
    await store.close();
  });

  it("see another connection's commits to the file", async () => {
    const path = join(dir, 'two-connections.db');
    const reader = open(path);
    const writer = open(path);
    await writer.putEvent(makeEvent({ id: 'clash', category: 'clash' }), meta);
    expect(await read(reader)).toEqual({ near: 0, nearListed: [], attacks: [] });
    await writer.putEvent(placed('kenscoff', 'kenscoff'), meta);
    await writer.putEvent(makeEvent({ id: 'attack', category: 'attack' }), meta);
    expect(await read(reader)).toEqual({ near: 1, nearListed: ['kenscoff'], attacks: ['attack'] });
    // Moved out of the circle by another revision: gone from it for the reader too.
    await writer.putEvent(placed('kenscoff', 'delmas'), meta);
    expect((await read(reader)).near).toBe(0);
    await writer.close();
    await reader.close();
  });

  it('see writes inside a transaction, and forget them when it rolls back', async () => {
    const store = open(':memory:');
    expect(await read(store)).toEqual({ near: 0, nearListed: [], attacks: [] });
    await expect(
      store.transaction(async (tx) => {
        await tx.putEvent(placed('kenscoff', 'kenscoff'), meta);
        expect((await read(tx)).nearListed).toEqual(['kenscoff']);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await read(store)).toEqual({ near: 0, nearListed: [], attacks: [] });
    // An event moved away inside a transaction that rolls back is where it was again.
    await store.putEvent(placed('kenscoff', 'kenscoff'), meta);
    await expect(
      store.transaction(async (tx) => {
        await tx.putEvent(placed('kenscoff', 'delmas'), meta);
        expect((await read(tx)).near).toBe(0);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect((await read(store)).nearListed).toEqual(['kenscoff']);
    await store.close();
  });

  it('keep where else events are placed, and the figures, until a write changes them', async () => {
    const path = join(dir, 'listings.db');
    const store = open(path);
    const other = open(path);
    await store.putEvent(contested('a', 'kenscoff', 'delmas'), meta);
    await store.putIndicator(figure(400, '2024-07'));
    expect(await listings(store)).toEqual({ outside: ['delmas'], latest: [400] });
    // A caller changing what it was given changes nothing kept.
    (await store.placementsOutside('kenscoff')).push('nowhere');
    (await store.allIndicatorSeries()).clear();
    expect(await listings(store)).toEqual({ outside: ['delmas'], latest: [400] });
    // This connection writes; then another one; then a transaction that rolls back.
    await store.putEvent(contested('b', 'kenscoff', 'pont-sonde'), meta);
    await store.putIndicator(figure(600, '2024-12'));
    expect(await listings(store)).toEqual({ outside: ['delmas', 'pont-sonde'], latest: [600] });
    await other.putEvent(contested('a', 'kenscoff', 'saint-marc'), meta);
    await other.putIndicator(figure(800, '2025-03'));
    expect(await listings(store)).toEqual({ outside: ['pont-sonde', 'saint-marc'], latest: [800] });
    await expect(
      store.transaction(async (tx) => {
        await tx.putEvent(contested('b', 'kenscoff', 'delmas'), meta);
        await tx.putIndicator(figure(900, '2025-06'));
        expect(await listings(tx)).toEqual({ outside: ['delmas', 'saint-marc'], latest: [900] });
        await tx.putEvent(contested('c', 'kenscoff', 'port-au-prince'), meta);
        expect((await listings(tx)).outside).toEqual(['delmas', 'port-au-prince', 'saint-marc']);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await listings(store)).toEqual({ outside: ['pont-sonde', 'saint-marc'], latest: [800] });
    await other.close();
    await store.close();
  });

  it("keep a circle's points and its squares' totals until a write changes them", async () => {
    const path = join(dir, 'circle.db');
    const reader = open(path);
    const writer = open(path);
    // 12 km around Kenscoff: squares wholly inside (read from their totals) and squares its edge
    // cuts (read point by point); one event near the centre, one near the edge on each side.
    const circle: EventQuery = { near: { lat: 18.45, lon: -72.29, km: 12 } };
    const at = (id: string, lat: number, killed: number, confidence: 'reported' | 'disputed' = 'reported') =>
      makeEvent({
        id,
        place: { text: id, geoPrecision: 'exact', lat, lon: -72.29 },
        confidence,
        casualties: [{ group: 'civilian', kind: 'killed', count: killed, qualifier: 'exact' }],
        claims:
          confidence === 'disputed'
            ? [{ field: 'place', value: 'elsewhere', standing: 'contested', source: { publisher: 'Other outlet' } }]
            : [],
      });
    const sums = async (store: Store) => ({
      count: await store.countEvents(circle),
      killed: (await store.casualtyTotals(circle)).civilian.killed.count,
      disputed: (await store.casualtyTotals({ ...circle, confidences: ['disputed'] })).civilian.killed.count,
    });
    await writer.putEvent(at('centre', 18.45, 1), meta);
    await writer.putEvent(at('inside-edge', 18.45 + 0.107, 2), meta);
    await writer.putEvent(at('outside-edge', 18.45 + 0.109, 4), meta);
    expect(await sums(reader)).toEqual({ count: 2, killed: 3, disputed: 0 });
    expect(await sums(reader)).toEqual({ count: 2, killed: 3, disputed: 0 });
    // Another connection's revisions: a point moved into the circle, a count changed, a dispute.
    await writer.putEvent(at('outside-edge', 18.45 - 0.107, 4), meta);
    await writer.putEvent(at('centre', 18.45, 10, 'disputed'), meta);
    expect(await sums(reader)).toEqual({ count: 3, killed: 16, disputed: 10 });
    // This connection's own write, and a wider circle on the same version.
    await reader.putEvent(at('inside-edge', 18.45 + 0.3, 2), meta);
    expect(await sums(reader)).toEqual({ count: 2, killed: 14, disputed: 10 });
    expect(await reader.countEvents({ near: { lat: 18.45, lon: -72.29, km: 40 } })).toBe(3);
    await writer.close();
    await reader.close();
  });
});
