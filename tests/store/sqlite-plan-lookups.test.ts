/**
 * The SQLite planner keeps what it looked up in the totals (set sizes, the squares around a
 * point that hold events) until anything is written: by this connection or by another one on
 * the same file. A kept answer must never hide what a write added.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
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

describe('SQLite planning lookups', () => {
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
});
