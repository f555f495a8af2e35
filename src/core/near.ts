/**
 * "Within N km" of a place, exactly: the events whose point lies at most N km from the place's
 * point. The store keeps totals per grid square of SQUARE_DEGREES (about 5.5 km), so a circle is
 * read as the squares wholly inside it (their totals answer counts and casualty sums) and the
 * squares its edge cuts (their events are checked one by one against the distance). An event's
 * point is its own coordinates, else its place's.
 */
import { boxAround, distanceKm } from './places.ts';

export const SQUARE_DEGREES = 0.05;
export const squareIndex = (degrees: number) => Math.floor(degrees / SQUARE_DEGREES);

export interface Neighbourhood {
  lat: number;
  lon: number;
  km: number;
}

/** The squares a circle meets: `inside` lie wholly within it, `edge` are cut by its edge. */
export interface CircleSquares {
  inside: Array<[number, number]>;
  edge: Array<[number, number]>;
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/** Whether a point lies within the circle (its edge included). */
export function isNear(point: { lat: number; lon: number }, near: Neighbourhood): boolean {
  return distanceKm(near, point) <= near.km;
}

/** Where a square stands against the circle: wholly inside, cut by the edge, or outside. */
export function squareAgainstCircle(
  latIndex: number,
  lonIndex: number,
  near: Neighbourhood,
): 'inside' | 'edge' | 'out' {
  const [south, north] = [latIndex * SQUARE_DEGREES, (latIndex + 1) * SQUARE_DEGREES];
  const [west, east] = [lonIndex * SQUARE_DEGREES, (lonIndex + 1) * SQUARE_DEGREES];
  // At this scale the nearest point of a square is the centre clamped into it, the farthest a corner.
  const nearest = { lat: clamp(near.lat, south, north), lon: clamp(near.lon, west, east) };
  if (distanceKm(near, nearest) > near.km) return 'out';
  const corners = [
    { lat: south, lon: west },
    { lat: south, lon: east },
    { lat: north, lon: west },
    { lat: north, lon: east },
  ];
  return corners.every((corner) => distanceKm(near, corner) <= near.km) ? 'inside' : 'edge';
}

/** Circles' squares worked out lately: every read of an answer about a circle plans it again. */
const recentSquares = new Map<string, CircleSquares>();
const RECENT_CIRCLES = 64;

/**
 * The squares the circle meets, split into those wholly inside it and those its edge cuts.
 * Shared between calls: read only.
 */
export function circleSquares(near: Neighbourhood): Readonly<CircleSquares> {
  if (![near.lat, near.lon, near.km].every(Number.isFinite) || near.km < 0 || near.km > 500) {
    throw new Error('a neighbourhood needs a finite point and a distance from 0 to 500 km');
  }
  const key = `${near.lat},${near.lon},${near.km}`;
  let squares = recentSquares.get(key);
  if (!squares) {
    squares = Object.freeze(squaresOf(near));
    if (recentSquares.size >= RECENT_CIRCLES) recentSquares.clear();
    recentSquares.set(key, squares);
  }
  return squares;
}

function squaresOf(near: Neighbourhood): CircleSquares {
  // One square of margin: the box is drawn with a slightly different kilometre per degree.
  const box = boxAround(near, near.km);
  const out: CircleSquares = { inside: [], edge: [] };
  for (let i = squareIndex(box.minLat) - 1; i <= squareIndex(box.maxLat) + 1; i++) {
    for (let j = squareIndex(box.minLon) - 1; j <= squareIndex(box.maxLon) + 1; j++) {
      const standing = squareAgainstCircle(i, j, near);
      if (standing !== 'out') out[standing].push([i, j]);
    }
  }
  return out;
}

/** Every square the circle meets, as [latIndex, lonIndex] pairs. */
export function squaresNear(near: Neighbourhood): Array<[number, number]> {
  const { inside, edge } = circleSquares(near);
  return [...inside, ...edge];
}

export interface DegreeBox {
  minLat: number;
  maxLat: number;
  minLon: number;
  maxLon: number;
}

const KM_PER_DEGREE = (6371 * Math.PI) / 180;

/**
 * Boxes wholly inside the circle: a point in one of them is within it without measuring the
 * distance, which is what a store spends most of its time on at a circle's edge. Rectangles
 * inscribed at three shapes (a square and two crossing bars) hold most of the circle. Each is
 * checked by its corners, kept inside by the most a parallel bulges from the chord between them.
 */
export function boxesInsideCircle(near: Neighbourhood): DegreeBox[] {
  const boxes: DegreeBox[] = [];
  for (const degrees of [45, 22.5, 67.5]) {
    const angle = (degrees * Math.PI) / 180;
    for (let scale = 0.995, tries = 0; tries < 20; tries++, scale *= 0.97) {
      const dLat = (near.km * Math.sin(angle) * scale) / KM_PER_DEGREE;
      const equatorward = Math.max(0, Math.abs(near.lat) - dLat);
      const dLon = (near.km * Math.cos(angle) * scale) / (KM_PER_DEGREE * Math.cos((equatorward * Math.PI) / 180));
      const box = {
        minLat: near.lat - dLat,
        maxLat: near.lat + dLat,
        minLon: near.lon - dLon,
        maxLon: near.lon + dLon,
      };
      if (Math.abs(near.lat) + dLat >= 89 || box.minLon < -180 || box.maxLon > 180) break;
      const bulge = (6371 * ((2 * dLon * Math.PI) / 180) ** 2) / 8;
      const corners = [
        { lat: box.minLat, lon: box.minLon },
        { lat: box.minLat, lon: box.maxLon },
        { lat: box.maxLat, lon: box.minLon },
        { lat: box.maxLat, lon: box.maxLon },
      ];
      if (corners.every((corner) => distanceKm(near, corner) <= near.km - bulge)) {
        boxes.push(box);
        break;
      }
    }
  }
  return boxes;
}
