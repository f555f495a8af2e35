/**
 * Names drawn faintly on a map so a reader knows where it is: the departments on a map of the
 * country, the communes on a closer one. Taken from the gazetteer files; a name that would
 * crowd another, or the map's own place, is left out.
 */

import { readFileSync } from 'node:fs';
import type { GeoProjection } from 'd3-geo';
import { assetPath } from '../../paths.ts';

interface Named {
  name: string;
  kind: string;
  lat: number;
  lon: number;
}

export interface ContextLabel {
  x: number;
  y: number;
  text: string;
  kind: 'department' | 'commune';
}

let gazetteer: Named[] | undefined;
function places(): Named[] {
  gazetteer ??= ['places.json', 'places-admin.json'].flatMap(
    (file) => JSON.parse(readFileSync(assetPath(`data/${file}`), 'utf8')) as Named[],
  );
  return gazetteer;
}

const MAX_LABELS = 14;
/** A map wider than this shows departments rather than communes. */
const COUNTRY_SCALE_KM = 150;

export function contextLabels(
  projection: GeoProjection,
  box: { width: number; top: number; bottom: number },
  avoid: Array<[number, number]>,
  widthKm: number,
): ContextLabel[] {
  const kind = widthKm > COUNTRY_SCALE_KM ? 'department' : 'commune';
  const placed: ContextLabel[] = [];
  const taken = [...avoid];
  for (const place of places()) {
    if (place.kind !== kind || placed.length >= MAX_LABELS) continue;
    const [x, y] = projection([place.lon, place.lat]) ?? [Number.NaN, Number.NaN];
    if (!(x > 30 && x < box.width - 30 && y > box.top + 10 && y < box.bottom - 10)) continue;
    if (taken.some(([tx, ty]) => Math.abs(tx - x) < 90 && Math.abs(ty - y) < 22)) continue;
    taken.push([x, y]);
    placed.push({ x, y, text: place.name, kind });
  }
  return placed;
}
