import { describe, expect, it } from 'vitest';
import { boxesInsideCircle, isNear } from '../../src/core/near.ts';

/** A small deterministic generator, so a failure names its case. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

describe('boxes inside a circle', () => {
  it('hold only points within the circle, for centres from the equator to high latitudes and radii up to 500 km', () => {
    const r = random(11);
    for (let n = 0; n < 300; n++) {
      const near = { lat: -80 + r() * 160, lon: -170 + r() * 340, km: n % 10 === 0 ? r() * 0.5 : r() * 500 };
      for (const box of boxesInsideCircle(near)) {
        for (let k = 0; k < 50; k++) {
          // Corners, edges and inside, where the distance is largest.
          const u = k < 4 ? k & 1 : r();
          const v = k < 4 ? (k >> 1) & 1 : k < 12 ? Math.round(r()) : r();
          const point = {
            lat: box.minLat + u * (box.maxLat - box.minLat),
            lon: box.minLon + v * (box.maxLon - box.minLon),
          };
          expect(isNear(point, near), JSON.stringify({ near, point })).toBe(true);
        }
      }
    }
  });

  it('cover most of a circle in Haiti', () => {
    const near = { lat: 19.15, lon: -72.62, km: 10 };
    const boxes = boxesInsideCircle(near);
    expect(boxes).toHaveLength(3);
    const r = random(3);
    let inside = 0;
    let covered = 0;
    for (let n = 0; n < 2000; n++) {
      const point = { lat: near.lat - 0.1 + r() * 0.2, lon: near.lon - 0.1 + r() * 0.2 };
      if (!isNear(point, near)) continue;
      inside += 1;
      if (
        boxes.some(
          (b) => point.lat >= b.minLat && point.lat <= b.maxLat && point.lon >= b.minLon && point.lon <= b.maxLon,
        )
      )
        covered += 1;
    }
    expect(covered / inside).toBeGreaterThan(0.8);
  });
});
