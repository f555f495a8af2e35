/**
 * The Postgres events store beyond the shared contract: the settings that shape derived rows are
 * stored with the data, a process with other settings refuses to open it, and a deliberate
 * rebuild changes them once for everyone.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { StoreSettingsError } from '../../src/store/derived-settings.ts';
import { openPostgresStores, rebuildPostgresDerived } from '../../src/store/postgres/index.ts';
import { makeEvent } from '../support/events.ts';
import { testPlaces } from '../support/place-tree.ts';
import { createTestDatabase } from '../support/postgres.ts';

let url = '';
beforeAll(async () => {
  url = await createTestDatabase();
});

const meta = { author: 'tester', reason: 'test', at: '2025-04-01T00:00:00Z' };
/** The test gazetteer after a redistricting: Pont-Sondé now lies in Ouest. */
const moved = {
  ...testPlaces,
  placePath: (id: string) => (id === 'pont-sonde' ? ['ht', 'ouest', 'pont-sonde'] : testPlaces.placePath(id)),
};

describe('settings stored with the data', () => {
  it('refuses a process with another gazetteer or time zone; rebuild-derived changes them once', async () => {
    const first = await openPostgresStores({ url, ...testPlaces, gazetteerVersion: 'g1', timeZone: 'UTC' });
    const timed = makeEvent({ occurredAt: '2025-03-01T02:00:00Z', timePrecision: 'datetime' });
    await first.events.putEvents([makeEvent(), timed], meta);
    expect(await first.events.countEvents({ placeId: 'artibonite' })).toBe(2);
    expect(await first.events.countEvents({ from: '2025-03-01', until: '2025-03-02' })).toBe(1);
    await first.close();

    await expect(openPostgresStores({ url, ...moved, gazetteerVersion: 'g2', timeZone: 'UTC' })).rejects.toThrow(
      StoreSettingsError,
    );
    await expect(
      openPostgresStores({ url, ...testPlaces, gazetteerVersion: 'g1', timeZone: 'America/Port-au-Prince' }),
    ).rejects.toThrow(/time zone UTC \(this process: America\/Port-au-Prince\).*sitrep rebuild-derived/);

    const settings = { url, ...moved, gazetteerVersion: 'g2', timeZone: 'America/Port-au-Prince' };
    expect(await rebuildPostgresDerived(settings)).toBe(2);
    const second = await openPostgresStores(settings);
    expect(await second.events.countEvents({ placeId: 'artibonite' })).toBe(0);
    expect(await second.events.countEvents({ placeId: 'ouest' })).toBe(2);
    // 02:00 UTC on 1 March is 21:00 on 28 February in Port-au-Prince.
    expect(await second.events.countEvents({ from: '2025-03-01', until: '2025-03-02' })).toBe(0);
    expect(await second.events.countEvents({ from: '2025-02-28', until: '2025-03-01' })).toBe(1);
    // A digest filtered on a place reads the place keys kept on each revision: rebuilt too.
    const changes = await second.events.changesBetween(
      '2025-04-01T00:00:00Z',
      '2025-04-02T00:00:00Z',
      { placeId: 'ouest' },
      10,
    );
    expect(changes.total).toBe(2);
    await second.close();
    await expect(openPostgresStores({ url, ...testPlaces, gazetteerVersion: 'g1', timeZone: 'UTC' })).rejects.toThrow(
      /gazetteer "g2" \(this process: "g1"\)/,
    );
  });
});
