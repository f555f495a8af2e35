/**
 * "Within about N km" of a place: the grid squares of SQUARE_DEGREES (about 5.5 km) whose
 * centre lies within N km of the place's point (and the square of the point itself), so that counts and casualty totals over a
 * neighbourhood are sums of per-square totals the store keeps, exact for what they cover,
 * rather than a scan of every event near the edge of a circle. An event belongs to the square
 * of its point (its own coordinates, else its place's), so a neighbourhood reaches at most half
 * a square's diagonal (about 3.9 km) beyond N km or short of it.
 */
import { boxAround, distanceKm } from './places.ts';

export const SQUARE_DEGREES = 0.05;
export const squareIndex = (degrees: number) => Math.floor(degrees / SQUARE_DEGREES);

export interface Neighbourhood {
  lat: number;
  lon: number;
  km: number;
}

const centreOf = (index: number) => (index + 0.5) * SQUARE_DEGREES;

/** Whether the square with these indexes belongs to the neighbourhood: the point's own square always does. */
export function squareIsNear(latIndex: number, lonIndex: number, near: Neighbourhood): boolean {
  if (latIndex === squareIndex(near.lat) && lonIndex === squareIndex(near.lon)) return true;
  return distanceKm(near, { lat: centreOf(latIndex), lon: centreOf(lonIndex) }) <= near.km;
}

/** The squares of the neighbourhood as [latIndex, lonIndex] pairs. */
export function squaresNear(near: Neighbourhood): Array<[number, number]> {
  if (![near.lat, near.lon, near.km].every(Number.isFinite) || near.km < 0 || near.km > 500) {
    throw new Error('a neighbourhood needs a finite point and a distance from 0 to 500 km');
  }
  // One square of margin: the box is drawn with a slightly different kilometre per degree.
  const box = boxAround(near, near.km);
  const squares: Array<[number, number]> = [];
  for (let i = squareIndex(box.minLat) - 1; i <= squareIndex(box.maxLat) + 1; i++) {
    for (let j = squareIndex(box.minLon) - 1; j <= squareIndex(box.maxLon) + 1; j++) {
      if (squareIsNear(i, j, near)) squares.push([i, j]);
    }
  }
  return squares;
}

/** Whether a point lies in the neighbourhood (in one of its squares). */
export function isNear(point: { lat: number; lon: number }, near: Neighbourhood): boolean {
  return squareIsNear(squareIndex(point.lat), squareIndex(point.lon), near);
}
