/** The place matcher remembers what names decide; a row's point still decides among namesakes and for unknown names. */
import { describe, expect, it } from 'vitest';
import { Gazetteer } from '../../src/core/places.ts';
import type { Place } from '../../src/core/schemas.ts';
import { readCsv } from '../../src/import/csv-table.ts';
import { createPlaceMatcher, type PlaceWords } from '../../src/import/place-match.ts';
import { acledCsv } from '../support/acled-file.ts';
import { testSeed } from '../support/services.ts';

const { places } = testSeed();
const gazetteer = new Gazetteer(places);

describe('createPlaceMatcher', () => {
  it('gives every row what a matcher that has seen nothing else gives it', () => {
    const rows = readCsv(acledCsv({ rows: 1500, seed: 9 }), 'a.csv').rows.map(
      ({ cells }): PlaceWords => ({
        location: cells.location ?? '',
        admin1: cells.admin1 ?? '',
        admin3: cells.admin3 ?? '',
        lat: Number(cells.latitude),
        lon: Number(cells.longitude),
      }),
    );
    // Unknown words near a place, far from every place, and without a point.
    const commune = places.find((p) => p.kind === 'commune');
    if (commune) rows.push({ location: 'Nowhere', admin1: '', admin3: '', lat: commune.lat, lon: commune.lon });
    rows.push(
      { location: 'Nowhere', admin1: '', admin3: '', lat: 10, lon: 10 },
      { location: 'Nowhere', admin1: '', admin3: '' },
    );

    const shared = createPlaceMatcher(gazetteer);
    const ids = (m: ReturnType<typeof createPlaceMatcher>, w: PlaceWords) => m(w)?.id;
    const sharedIds = rows.map((w) => ids(shared, w));
    expect(sharedIds).toEqual(rows.map((w) => ids(createPlaceMatcher(gazetteer), w)));
    expect(sharedIds.filter(Boolean).length).toBeGreaterThan(rows.length * 0.9);
  });

  it('a name several places share is decided by the point of each row, every time', () => {
    const place = (id: string, kind: Place['kind'], parentId: string | null, lat: number, lon: number): Place => ({
      id,
      name: id === 'bois-neuf-n' || id === 'bois-neuf-s' ? 'Bois Neuf' : id,
      names: {},
      aliases: [],
      kind,
      parentId,
      lat,
      lon,
      coordPrecision: 'approximate',
      coordSource: 'test',
    });
    const small = new Gazetteer([
      place('ht', 'country', null, 19, -72.5),
      place('nord', 'department', 'ht', 19.7, -72.2),
      place('sud', 'department', 'ht', 18.3, -73.8),
      place('bois-neuf-n', 'locality', 'nord', 19.7, -72.2),
      place('bois-neuf-s', 'locality', 'sud', 18.3, -73.8),
    ]);
    const match = createPlaceMatcher(small);
    const at = (lat?: number, lon?: number, admin1 = '') =>
      match({ location: 'Bois Neuf', admin1, admin3: '', lat, lon })?.id;
    expect([at(19.6, -72.1), at(18.4, -73.7), at(19.6, -72.1), at(18.4, -73.7)]).toEqual([
      'bois-neuf-n',
      'bois-neuf-s',
      'bois-neuf-n',
      'bois-neuf-s',
    ]);
    expect(at(18.4, -73.7, 'nord')).toBe('bois-neuf-n');
    expect(at()).toBe('bois-neuf-n');
  });
});
