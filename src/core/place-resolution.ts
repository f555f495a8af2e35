/**
 * Where a place's name leads: the place (read exactly or from a sure misspelling, inside Haiti
 * or outside it), the choices, or nothing. The rules of Gazetteer.resolve(text, true), as a value for
 * callers that say how they read the name ("Read "Pon Sonde" as Pont-Sondé").
 */
import type { Gazetteer } from './places.ts';
import type { Place } from './schemas.ts';

export type PlaceResolution =
  | { status: 'found'; place: Place; corrected: boolean; outside: boolean }
  | { status: 'ambiguous'; candidates: Place[] }
  | { status: 'unknown'; suggestions: Place[] };

/** A place of the gazetteer that is not in Haiti (Nairobi, New York): never described as "in Haiti". */
export function isOutsideHaiti(place: Place): boolean {
  return place.kind === 'foreign';
}

/** Resolves the whole text as a place's name (a gazetteer id is taken as is). */
export function resolvePlaceName(gazetteer: Gazetteer, text: string): PlaceResolution {
  const found = (place: Place, corrected: boolean): PlaceResolution => ({
    status: 'found',
    place,
    corrected,
    outside: isOutsideHaiti(place),
  });
  const byId = gazetteer.get(text);
  if (byId) return found(byId, false);
  const exact = gazetteer.exact(text);
  if (exact.length === 1 && exact[0]) return found(exact[0], false);
  if (exact.length > 1) {
    const preferred = gazetteer.preferred(text, exact);
    return preferred ? found(preferred, false) : { status: 'ambiguous', candidates: exact };
  }
  const typo = gazetteer.sureMisspelling(text, true).place;
  if (typo) return found(typo, true);
  return {
    status: 'unknown',
    suggestions: gazetteer
      .search(text, 5)
      .filter((m) => m.score < 100)
      .map((m) => m.place),
  };
}
