/**
 * Finds the gazetteer place of an imported row: its location name, else its admin3 (commune)
 * name, within its admin1 department when one is given; else the nearest place within a few
 * kilometres of its coordinates. A row that matches none keeps its words and coordinates.
 */
import type { Gazetteer } from '../core/places.ts';
import type { Place } from '../core/schemas.ts';

/** How far from a gazetteer place a point may be and still be taken for it. */
export const NEAR_KM = 5;

export interface PlaceWords {
  location: string;
  admin1: string;
  admin3: string;
  lat?: number | undefined;
  lon?: number | undefined;
}

export function createPlaceMatcher(gazetteer: Gazetteer) {
  const cache = new Map<string, Place | undefined>();

  const nearestOf = (candidates: Place[], words: PlaceWords): Place | undefined => {
    if (candidates.length <= 1) return candidates[0];
    const { lat, lon } = words;
    if (lat === undefined || lon === undefined) return [...candidates].sort((a, b) => a.id.localeCompare(b.id))[0];
    const d = (p: Place) => (p.lat - lat) ** 2 + (p.lon - lon) ** 2;
    return [...candidates].sort((a, b) => d(a) - d(b) || a.id.localeCompare(b.id))[0];
  };

  function match(words: PlaceWords): Place | undefined {
    const department = words.admin1 ? gazetteer.exact(words.admin1).find((p) => p.kind === 'department') : undefined;
    const inside = (p: Place) => p.kind !== 'country' && (!department || gazetteer.contains(department.id, p.id));
    if (words.location) {
      const named = gazetteer.exact(words.location).filter(inside);
      const own = gazetteer.preferred(words.location, named);
      const found = own ?? nearestOf(named, words);
      if (found) return found;
    }
    if (words.admin3) {
      const communes = gazetteer.exact(words.admin3).filter((p) => p.kind === 'commune' && inside(p));
      const found = nearestOf(communes, words);
      if (found) return found;
    }
    if (words.lat !== undefined && words.lon !== undefined) {
      const [near] = gazetteer.nearest({ lat: words.lat, lon: words.lon }, 1);
      if (near && near.km <= NEAR_KM) return near.place;
    }
    return undefined;
  }

  return (words: PlaceWords): Place | undefined => {
    const key = JSON.stringify(words);
    if (!cache.has(key)) cache.set(key, match(words));
    return cache.get(key);
  };
}
