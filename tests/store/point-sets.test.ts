/**
 * A circle's points summed from memory count exactly what distance_km counts, at the edge too:
 * the chord between unit vectors decides only where it cannot disagree with the haversine.
 */
import { describe, expect, it } from 'vitest';
import { distanceKm } from '../../src/core/geo.ts';
import { boxAroundCircle } from '../../src/store/event-plan.ts';
import { createPointSets, type SetRows } from '../../src/store/point-sets.ts';

/** A seeded generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('point sets', () => {
  it('count the points within a circle as the distance does, a hair either side of the edge included', () => {
    const next = random(7);
    const centre = { lat: 18.9, lon: -72.4 };
    for (const km of [0.5, 10, 25, 150]) {
      const circle = { ...centre, km };
      const points: SetRows['points'] = [];
      for (let i = 0; i < 2_000; i++) {
        // On a random bearing, at the edge give or take up to a micrometre, or anywhere around it.
        const bearing = next() * 2 * Math.PI;
        const d = i % 2 === 0 ? km * (1 + (next() - 0.5) * 2e-12) : km * 2 * next();
        const angular = d / 6371;
        const lat = centre.lat + ((angular * Math.cos(bearing)) / Math.PI) * 180;
        const lon = centre.lon + ((angular * Math.sin(bearing)) / Math.PI / Math.cos((lat * Math.PI) / 180)) * 180;
        points.push([lat, lon, i % 3 === 0 ? 'attack' : 'clash', 'reported', 1]);
      }
      points.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      const sets = createPointSets(
        () => ({ points, casualties: [] }),
        () => 'v1',
        () => 0,
      );
      const filter = { circle, box: boxAroundCircle(circle), categories: undefined, confidences: undefined };
      const expected = points.filter(([lat, lon]) => distanceKm(circle, { lat, lon }) <= km).length;
      expect(expected).toBeGreaterThan(0);
      expect(sets.count(['square:1:1'], filter)).toBe(expected);
      const attacks = points.filter(([lat, lon, c]) => c === 'attack' && distanceKm(circle, { lat, lon }) <= km);
      expect(sets.count(['square:1:1'], { ...filter, categories: ['attack'] })).toBe(attacks.length);
    }
  });

  it('sum casualties by group and kind for the confidences and categories asked, each row once', () => {
    const next = random(11);
    const confidences = ['confirmed', 'reported', 'disputed', 'retracted'];
    const casualties: SetRows['casualties'] = [];
    for (let i = 0; i < 3_000; i++) {
      const lat = 18.9 + (next() - 0.5) * 0.2;
      const lon = -72.4 + (next() - 0.5) * 0.2;
      const confidence = confidences[Math.floor(next() * 4)] as string;
      const category = next() < 0.5 ? 'attack' : 'clash';
      const [grp, kind] = next() < 0.5 ? ['civilian', 'killed'] : ['police', 'injured'];
      casualties.push([lat, lon, category, confidence, grp, kind, Math.floor(next() * 10), 0, next() < 0.1 ? 1 : 0]);
    }
    casualties.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const sets = createPointSets(
      () => ({ points: [], casualties }),
      () => 'v1',
      () => 0,
    );
    const circle = { lat: 18.9, lon: -72.4, km: 6 };
    const box = boxAroundCircle(circle);
    for (const wanted of [undefined, ['disputed'], ['confirmed', 'reported', 'disputed']]) {
      for (const categories of [undefined, ['attack']]) {
        const sums = sets.casualtySums(['k'], { circle, box, categories, confidences: wanted });
        const rows = casualties.filter(
          ([lat, lon, category, confidence]) =>
            distanceKm(circle, { lat, lon }) <= circle.km &&
            (!wanted || wanted.includes(confidence)) &&
            (!categories || categories.includes(category)),
        );
        const expected = (grp: string) => rows.filter((r) => r[4] === grp).reduce((n, r) => n + r[6], 0);
        const got = (grp: string) => sums?.find((x) => x.grp === grp)?.total ?? 0;
        expect(got('civilian')).toBe(expected('civilian'));
        expect(got('police')).toBe(expected('police'));
        expect(sums?.reduce((n, x) => n + x.unknown, 0)).toBe(rows.reduce((n, r) => n + r[8], 0));
      }
    }
  });

  it('keep nothing while a write may still roll back, and read a set again when its own version moves', () => {
    let version: string | undefined = 'v1';
    const keyVersions = new Map([
      ['a', 1],
      ['b', 1],
    ]);
    const loaded: string[] = [];
    const rows = new Map<string, SetRows>([
      ['a', { points: [[18.9, -72.4, 'attack', 'reported', 3]], casualties: [] }],
      ['b', { points: [[18.9, -72.4, 'clash', 'reported', 4]], casualties: [] }],
    ]);
    const sets = createPointSets(
      (key) => {
        loaded.push(key);
        return rows.get(key);
      },
      () => version,
      (key) => keyVersions.get(key) ?? 0,
    );
    const circle = { lat: 18.9, lon: -72.4, km: 1 };
    const filter = { circle, box: boxAroundCircle(circle), categories: undefined, confidences: undefined };
    expect(sets.count(['a', 'b'], filter)).toBe(7);
    expect(sets.count(['a', 'b'], filter)).toBe(7);
    expect(loaded).toEqual(['a', 'b']);
    version = undefined;
    expect(sets.count(['a', 'b'], filter)).toBeUndefined();
    // The store moved, and so did b: only b is read again.
    version = 'v2';
    keyVersions.set('b', 2);
    rows.set('b', { points: [[18.9, -72.4, 'clash', 'reported', 5]], casualties: [] });
    expect(sets.count(['a', 'b'], filter)).toBe(8);
    expect(loaded).toEqual(['a', 'b', 'b']);
  });
});
