/**
 * Finds the gazetteer place of an imported row: its location name, else its admin3 (commune)
 * name, within its admin1 department when one is given; else the nearest place within a few
 * kilometres of its coordinates. A row that matches none keeps its words and coordinates.
 *
 * A file names the same few hundred places over and over, each time with slightly different
 * coordinates, so what the names alone decide is worked out once per (admin1, admin3, location)
 * and only the choice among namesakes, or the nearest place, is left to each row's point.
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

/** What the names decide: one place, the nearest of several namesakes, or nothing (the point then decides). */
type ByName = { place: Place } | { among: Place[] } | undefined;

export function createPlaceMatcher(gazetteer: Gazetteer) {
  const byNames = new Map<string, ByName>();
  const byPoint = new Map<string, Place | undefined>();

  const nearestOf = (candidates: Place[], words: PlaceWords): Place | undefined => {
    const { lat, lon } = words;
    if (lat === undefined || lon === undefined) return [...candidates].sort((a, b) => a.id.localeCompare(b.id))[0];
    const d = (p: Place) => (p.lat - lat) ** 2 + (p.lon - lon) ** 2;
    return [...candidates].sort((a, b) => d(a) - d(b) || a.id.localeCompare(b.id))[0];
  };
  const decided = (candidates: Place[]): ByName =>
    candidates.length === 0
      ? undefined
      : candidates.length === 1
        ? { place: candidates[0] as Place }
        : { among: candidates };

  function matchNames(words: PlaceWords): ByName {
    const department = words.admin1 ? gazetteer.exact(words.admin1).find((p) => p.kind === 'department') : undefined;
    const inside = (p: Place) => p.kind !== 'country' && (!department || gazetteer.contains(department.id, p.id));
    if (words.location) {
      const named = gazetteer.exact(words.location).filter(inside);
      const own = gazetteer.preferred(words.location, named);
      const found = own ? { place: own } : decided(named);
      if (found) return found;
    }
    if (words.admin3) {
      const found = decided(gazetteer.exact(words.admin3).filter((p) => p.kind === 'commune' && inside(p)));
      if (found) return found;
    }
    return undefined;
  }

  function matchPoint(lat: number, lon: number): Place | undefined {
    const key = `${lat},${lon}`;
    if (byPoint.has(key)) return byPoint.get(key);
    const [near] = gazetteer.nearest({ lat, lon }, 1);
    const found = near && near.km <= NEAR_KM ? near.place : undefined;
    byPoint.set(key, found);
    return found;
  }

  return (words: PlaceWords): Place | undefined => {
    const key = `${words.admin1}\u0000${words.admin3}\u0000${words.location}`;
    let names = byNames.get(key);
    if (names === undefined && !byNames.has(key)) {
      names = matchNames(words);
      byNames.set(key, names);
    }
    if (names) return 'place' in names ? names.place : nearestOf(names.among, words);
    return words.lat !== undefined && words.lon !== undefined ? matchPoint(words.lat, words.lon) : undefined;
  };
}
