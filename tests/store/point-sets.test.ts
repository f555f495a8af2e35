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
      );
      const filter = { circle, box: boxAroundCircle(circle), categories: undefined, confidences: undefined };
      const expected = points.filter(([lat, lon]) => distanceKm(circle, { lat, lon }) <= km).length;
      expect(expected).toBeGreaterThan(0);
      expect(sets.count(['square:1:1'], filter)).toBe(expected);
      const attacks = points.filter(([lat, lon, c]) => c === 'attack' && distanceKm(circle, { lat, lon }) <= km);
      expect(sets.count(['square:1:1'], { ...filter, categories: ['attack'] })).toBe(attacks.length);
    }
  });

  it('keep nothing while a write may still roll back, and read again at a new version', () => {
    let version: string | undefined = 'v1';
    let loads = 0;
    const rows: SetRows = { points: [[18.9, -72.4, 'attack', 'reported', 3]], casualties: [] };
    const sets = createPointSets(
      () => {
        loads++;
        return rows;
      },
      () => version,
    );
    const circle = { lat: 18.9, lon: -72.4, km: 1 };
    const filter = { circle, box: boxAroundCircle(circle), categories: undefined, confidences: undefined };
    expect(sets.count(['k'], filter)).toBe(3);
    expect(sets.count(['k'], filter)).toBe(3);
    expect(loads).toBe(1);
    version = undefined;
    expect(sets.count(['k'], filter)).toBeUndefined();
    version = 'v2';
    rows.points = [[18.9, -72.4, 'attack', 'reported', 5]];
    expect(sets.count(['k'], filter)).toBe(5);
    expect(loads).toBe(2);
  });
});
