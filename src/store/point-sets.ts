/**
 * The per-point totals of grid squares and places (point_totals, point_casualty_totals) kept in
 * memory while the store stays at one version, so that the points of a circle's edge are summed
 * from arrays instead of read again from the file for every answer: at 1M events the squares a
 * 25 km circle's edge cuts hold about 12,000 points and 13,000 casualty rows, and an answer
 * reads them several times (its count, its casualties, their disputed part). A set is read whole
 * the first time a circle needs it (see versioned-memory.ts).
 */

import { distanceKm, EARTH_RADIUS_KM } from '../core/geo.ts';
import type { Neighbourhood } from '../core/near.ts';
import type { CasualtySum } from './casualty-sums.ts';
import { casualtySumsByCode, createStringCodes } from './string-codes.ts';
import { createVersionedMemory } from './versioned-memory.ts';

/** Rows kept in all, and in one set: about 60 bytes a row. */
const MAX_ROWS = 400_000;
const MAX_SET_ROWS = 100_000;
const RADIANS = Math.PI / 180;

/** The rows of one set, as the loader reads them. */
export interface SetRows {
  /** [lat, lon, category, confidence, events] */
  points: Array<[number, number, string, string, number]>;
  /** [lat, lon, category, confidence, grp, kind, total, at_least, unknown] */
  casualties: Array<[number, number, string, string, string, string, number, number, number]>;
}

export interface PointFilter {
  circle: Neighbourhood;
  box: { minLat: number; maxLat: number; minLon: number; maxLon: number };
  categories: readonly string[] | undefined;
  confidences: readonly string[] | undefined;
}

interface Columns {
  lat: Float64Array;
  lon: Float64Array;
  /** The point on the unit sphere, for a distance test without trigonometry. */
  x: Float64Array;
  y: Float64Array;
  z: Float64Array;
  category: Uint16Array;
  /** Rows are in confidence order, each confidence's from its start to its end (exclusive). */
  confidences: Array<{ code: number; start: number; end: number }>;
}

interface PointSet {
  points: Columns & { events: Float64Array };
  casualties: Columns & { grpKind: Uint16Array; total: Float64Array; atLeast: Float64Array; unknown: Float64Array };
  rows: number;
  /** The rows that lie within the last circle asked of this set, by index. */
  inside?: { key: string; points: Uint32Array; casualties: Uint32Array };
}

export interface PointSets {
  /** Events at the points of `keys` that pass the filter; undefined when they are not kept (read the file). */
  count(keys: string[], filter: PointFilter): number | undefined;
  /** Casualty sums by group and kind, likewise. */
  casualtySums(keys: string[], filter: PointFilter): CasualtySum[] | undefined;
}

/**
 * `load` reads a set's rows, or undefined when it holds more than `maxRows`; `version` and
 * `keyVersion` are the store's and a key's (see versioned-memory.ts).
 */
export function createPointSets(
  load: (key: string, maxRows: number) => SetRows | undefined,
  version: () => string | undefined,
  keyVersion: (key: string) => number,
): PointSets {
  const codes = createStringCodes();
  const memory = createVersionedMemory<PointSet>({
    version,
    keyVersion,
    load: (key) => {
      const rows = load(key, MAX_SET_ROWS);
      return rows && toColumns(rows, codes.code);
    },
    rows: (set) => set.rows,
    maxRows: MAX_ROWS,
  });

  /** The sets of `keys` at the version now, or undefined when one is not kept. */
  function setsOf(keys: string[]): PointSet[] | undefined {
    const get = memory.at();
    if (!get) return undefined;
    const out: PointSet[] = [];
    for (const key of keys) {
      const set = get(key);
      if (!set) return undefined;
      out.push(set);
    }
    return out;
  }

  return {
    count(keys, filter) {
      const found = setsOf(keys);
      if (!found) return undefined;
      const categories = codes.mask(filter.categories);
      const confidences = codes.mask(filter.confidences);
      let n = 0;
      for (const set of found) {
        const { points } = set;
        const inside = membership(set, filter).points;
        for (const [from, to] of spans(inside, points, confidences)) {
          for (let k = from; k < to; k++) {
            const i = inside[k] as number;
            if (categories && categories[points.category[i] as number] !== 1) continue;
            n += points.events[i] as number;
          }
        }
      }
      return n;
    },
    casualtySums(keys, filter) {
      const found = setsOf(keys);
      if (!found) return undefined;
      const categories = codes.mask(filter.categories);
      const confidences = codes.mask(filter.confidences);
      const sums = casualtySumsByCode(codes);
      for (const set of found) {
        const c = set.casualties;
        const inside = membership(set, filter).casualties;
        for (const [from, to] of spans(inside, c, confidences)) {
          for (let k = from; k < to; k++) {
            const i = inside[k] as number;
            if (categories && categories[c.category[i] as number] !== 1) continue;
            sums.add(c.grpKind[i] as number, c.total[i] as number, c.atLeast[i] as number, c.unknown[i] as number);
          }
        }
      }
      return sums.sums();
    },
  };
}

/** The ranges of `inside` (row indices, ascending) whose rows have a confidence wanted. */
function spans(inside: Uint32Array, c: Columns, wanted: Uint8Array | undefined): Array<[number, number]> {
  if (!wanted) return [[0, inside.length]];
  return c.confidences
    .filter((block) => wanted[block.code] === 1)
    .map((block) => [firstAtLeast(inside, block.start), firstAtLeast(inside, block.end)]);
}

/** The first position in the ascending `values` whose value is at least `value`. */
function firstAtLeast(values: Uint32Array, value: number): number {
  let [low, high] = [0, values.length];
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((values[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Which rows of a set lie within the circle and its box, kept for the set's last circle: an
 * answer reads one circle several times (its count, its casualties, their disputed part).
 */
function membership(set: PointSet, filter: PointFilter): { points: Uint32Array; casualties: Uint32Array } {
  const { circle, box } = filter;
  const key = `${circle.lat},${circle.lon},${circle.km},${box.minLat},${box.maxLat},${box.minLon},${box.maxLon}`;
  if (set.inside?.key !== key) {
    const test = pointTest(filter);
    set.inside = { key, points: test(set.points), casualties: test(set.casualties) };
  }
  return set.inside;
}

/**
 * The indices of the rows within the circle (and its box), as the SQL's distance_km tells: haversine's h
 * is a quarter of the squared chord between the unit vectors, so points clearly inside or
 * outside are told by the chord, and the few within a hair of the edge by distanceKm itself.
 * Rows are in (lat, lon) order, so a point's rows share one test.
 */
function pointTest(filter: PointFilter) {
  const { circle, box } = filter;
  const [cx, cy, cz] = unit(circle.lat, circle.lon);
  const half = Math.sin(circle.km / EARTH_RADIUS_KM / 2);
  const edge = 4 * half * half;
  const [below, above] = [edge * (1 - 1e-9), edge * (1 + 1e-9)];
  return (c: Columns): Uint32Array => {
    const n = c.lat.length;
    const inside = new Uint32Array(n);
    let kept = 0;
    let [lastLat, lastLon, last] = [Number.NaN, Number.NaN, 0];
    for (let i = 0; i < n; i++) {
      const lat = c.lat[i] as number;
      const lon = c.lon[i] as number;
      if (lat !== lastLat || lon !== lastLon) {
        [lastLat, lastLon] = [lat, lon];
        if (lat < box.minLat || lat > box.maxLat || lon < box.minLon || lon > box.maxLon) last = 0;
        else {
          const dx = (c.x[i] as number) - cx;
          const dy = (c.y[i] as number) - cy;
          const dz = (c.z[i] as number) - cz;
          const chord = dx * dx + dy * dy + dz * dz;
          last = chord < below ? 1 : chord > above ? 0 : distanceKm(circle, { lat, lon }) <= circle.km ? 1 : 0;
        }
      }
      if (last === 1) inside[kept++] = i;
    }
    return inside.slice(0, kept);
  };
}

function unit(lat: number, lon: number): [number, number, number] {
  const [phi, lambda] = [lat * RADIANS, lon * RADIANS];
  return [Math.cos(phi) * Math.cos(lambda), Math.cos(phi) * Math.sin(lambda), Math.sin(phi)];
}

/** Rows in confidence order (stable: a confidence's rows stay in point order). */
function byConfidence<R extends readonly [number, number, string, string, ...unknown[]]>(rows: R[]): R[] {
  return [...rows].sort((a, b) => (a[3] < b[3] ? -1 : a[3] > b[3] ? 1 : 0));
}

function columns(rows: Array<readonly [number, number, string, string, ...unknown[]]>, code: (s: string) => number) {
  const n = rows.length;
  const out: Columns = {
    lat: new Float64Array(n),
    lon: new Float64Array(n),
    x: new Float64Array(n),
    y: new Float64Array(n),
    z: new Float64Array(n),
    category: new Uint16Array(n),
    confidences: [],
  };
  rows.forEach(([lat, lon, category, confidence], i) => {
    const [x, y, z] = unit(lat, lon);
    out.lat[i] = lat;
    out.lon[i] = lon;
    out.x[i] = x;
    out.y[i] = y;
    out.z[i] = z;
    out.category[i] = code(category);
    const last = out.confidences.at(-1);
    const c = code(confidence);
    if (last?.code === c) last.end = i + 1;
    else out.confidences.push({ code: c, start: i, end: i + 1 });
  });
  return out;
}

function toColumns(read: SetRows, code: (s: string) => number): PointSet {
  const p = byConfidence(read.points);
  const points = { ...columns(p, code), events: Float64Array.from(p, (r) => r[4]) };
  const c = byConfidence(read.casualties);
  const casualties = {
    ...columns(c, code),
    grpKind: Uint16Array.from(c, (r) => code(`${r[4]}|${r[5]}`)),
    total: Float64Array.from(c, (r) => r[6]),
    atLeast: Float64Array.from(c, (r) => r[7]),
    unknown: Float64Array.from(c, (r) => r[8]),
  };
  return { points, casualties, rows: read.points.length + read.casualties.length };
}
