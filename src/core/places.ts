/**
 * The gazetteer: places by id, their containment (a department holds its communes and their
 * localities), and name matching that ignores case, accents, hyphens, apostrophes and spacing.
 */
import { distance as editDistance } from 'fastest-levenshtein';
import { UserError } from './errors.ts';
import { echoable, kindRank, matchScore, truncate } from './place-match.ts';
import type { Place } from './schemas.ts';

/** "Pont-Sondé", "pont sonde", "PONT  SONDE" and "Pont’Sondé" all become "pont sonde". */
export function normalizeName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[-‐‑–—'’`´_.,/]+/g, ' ')
    .replace(/[^\p{L}\p{N} ]+/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface PlaceMatch {
  place: Place;
  /** 0 for an exact (normalized) name; the edit distance for a typo; larger is worse. */
  score: number;
  matchedName: string;
}

import { distanceKm } from './geo.ts';

export { boxAround, distanceKm } from './geo.ts';

export class Gazetteer {
  readonly places: readonly Place[];
  private readonly byId = new Map<string, Place>();
  private readonly childrenById = new Map<string, Place[]>();
  /** normalized name → places that carry it */
  private readonly byName = new Map<string, Place[]>();
  /** The first word of every name ("pont" of "pont sonde"): a run of words that starts otherwise names nothing. */
  private readonly firstWords = new Set<string>();
  /** Names by their first letter, for misspellings that start alike. */
  private readonly namesByInitial = new Map<string, Array<[string, Place[]]>>();
  /** How many places lie inside each place: ranks the capital before a village of the same kind. */
  private readonly descendantCount = new Map<string, number>();

  constructor(places: readonly Place[]) {
    this.places = places;
    for (const place of places) {
      if (this.byId.has(place.id)) throw new Error(`gazetteer: duplicate place id "${place.id}"`);
      this.byId.set(place.id, place);
    }
    for (const place of places) {
      if (place.parentId !== null) {
        if (!this.byId.has(place.parentId)) {
          throw new Error(`gazetteer: place "${place.id}" has unknown parent "${place.parentId}"`);
        }
        const siblings = this.childrenById.get(place.parentId) ?? [];
        siblings.push(place);
        this.childrenById.set(place.parentId, siblings);
      }
      for (const name of this.namesOf(place)) {
        const key = normalizeName(name);
        const list = this.byName.get(key) ?? [];
        if (!list.includes(place)) list.push(place);
        this.byName.set(key, list);
      }
    }
    for (const entry of this.byName) {
      this.firstWords.add(entry[0].split(' ')[0] as string);
      const initial = entry[0][0] ?? '';
      this.namesByInitial.set(initial, [...(this.namesByInitial.get(initial) ?? []), entry]);
    }
    for (const place of places) {
      for (const parent of this.ancestors(place.id))
        this.descendantCount.set(parent.id, (this.descendantCount.get(parent.id) ?? 0) + 1);
    }
  }

  get(id: string): Place | undefined {
    return this.byId.get(id);
  }

  namesOf(place: Place): string[] {
    const names = [place.name, ...Object.values(place.names), ...place.aliases];
    return [...new Set(names.filter((n): n is string => typeof n === 'string' && n.length > 0))];
  }

  children(id: string): Place[] {
    return this.childrenById.get(id) ?? [];
  }

  /** The place's parents, nearest first, up to the country. */
  ancestors(id: string): Place[] {
    const out: Place[] = [];
    let current = this.byId.get(id);
    while (current && current.parentId !== null) {
      const parent = this.byId.get(current.parentId);
      if (!parent) break;
      out.push(parent);
      current = parent;
    }
    return out;
  }

  /** Ids from the root down to the place itself: what an event at this place is "in". */
  pathOf(id: string): string[] {
    const place = this.byId.get(id);
    if (!place) return [];
    return [
      ...this.ancestors(id)
        .reverse()
        .map((p) => p.id),
      place.id,
    ];
  }

  /** Is `inner` the same place as `outer` or inside it? */
  contains(outerId: string, innerId: string): boolean {
    return this.pathOf(innerId).includes(outerId);
  }

  /** Every place whose normalized name equals the text's. */
  exact(text: string): Place[] {
    return this.byName.get(normalizeName(text)) ?? [];
  }

  /** Every place of a name already normalized (words of a question). */
  exactNormalized(key: string): Place[] {
    return this.byName.get(key) ?? [];
  }

  /** Whether some name starts with this (normalized) word. */
  startsAName(word: string): boolean {
    return this.firstWords.has(word);
  }

  /**
   * Places ranked by how well one of their names matches `text`: exact, then prefix of the
   * place's own name, prefix of another name, prefix of a word, then typos; within a rank, the
   * larger kinds of place first (a commune before a neighbourhood), then the shorter name.
   */
  search(text: string, limit = 10): PlaceMatch[] {
    const query = normalizeName(text);
    if (query.length === 0) return [];
    const best = new Map<string, PlaceMatch>();
    for (const [name, places] of this.byName) {
      const base = matchScore(query, name);
      if (base === undefined) continue;
      for (const place of places) {
        // A prefix of the place's own name beats a prefix of one of its aliases.
        const score = base >= 10 && base < 20 && name !== normalizeName(place.name) ? base + 2 : base;
        const prior = best.get(place.id);
        if (!prior || score < prior.score) best.set(place.id, { place, score, matchedName: name });
      }
    }
    return [...best.values()]
      .sort(
        (a, b) =>
          Math.floor(a.score) - Math.floor(b.score) ||
          kindRank(a.place) - kindRank(b.place) ||
          (this.descendantCount.get(b.place.id) ?? 0) - (this.descendantCount.get(a.place.id) ?? 0) ||
          a.score - b.score ||
          a.place.name.length - b.place.name.length ||
          a.place.name.localeCompare(b.place.name),
      )
      .slice(0, limit);
  }

  /** Suggestions for a place option as the user types: at most `limit`, best first. */
  autocomplete(text: string, limit = 25): Array<{ id: string; label: string }> {
    const matches =
      normalizeName(text).length === 0
        ? this.places.filter((p) => p.kind === 'department')
        : this.search(text, limit).map((m) => m.place);
    return matches.slice(0, limit).map((place) => ({ id: place.id, label: truncate(this.describe(place), 100) }));
  }

  /**
   * Places whose name is within a small edit distance of `text` (a misspelling), closest first.
   * Short words allow one edit, longer ones two.
   */
  misspelled(text: string, sameInitial = false): Array<{ place: Place; distance: number }> {
    const query = normalizeName(text);
    if (query.length < 4) return [];
    const allowed = query.length <= 7 ? 1 : 2;
    const best = new Map<string, { place: Place; distance: number }>();
    for (const [name, places] of sameInitial ? (this.namesByInitial.get(query[0] ?? '') ?? []) : this.byName) {
      if (Math.abs(name.length - query.length) > allowed) continue;
      const d = editDistance(query, name);
      if (d > allowed) continue;
      for (const place of places) {
        const prior = best.get(place.id);
        if (!prior || d < prior.distance) best.set(place.id, { place, distance: d });
      }
    }
    return [...best.values()].sort((a, b) => a.distance - b.distance || kindRank(a.place) - kindRank(b.place));
  }

  /** Places of Haiti nearest a point, nearest first (for an unknown or foreign place). */
  nearest(point: { lat: number; lon: number }, limit = 5): Array<{ place: Place; km: number }> {
    return this.places
      .filter((p) => p.kind !== 'foreign' && p.kind !== 'country' && p.kind !== 'route')
      .map((place) => ({ place, km: distanceKm(point, place) }))
      .sort((a, b) => a.km - b.km)
      .slice(0, limit);
  }

  /** The department a place lies in (itself for a department). */
  departmentOf(id: string): Place | undefined {
    const place = this.byId.get(id);
    if (place?.kind === 'department') return place;
    return this.ancestors(id).find((p) => p.kind === 'department');
  }

  /**
   * Of several places that carry the same name, the one whose own name (French, Creole or
   * English) it is, when exactly one is: "Carrefour" the commune, not an alias elsewhere.
   */
  preferred(text: string, candidates: readonly Place[]): Place | undefined {
    const key = normalizeName(text);
    const own = candidates.filter((p) =>
      [p.name, ...Object.values(p.names)].some((n) => typeof n === 'string' && normalizeName(n) === key),
    );
    return own.length === 1 ? own[0] : undefined;
  }

  /**
   * The one place a misspelling stands for, if it is sure: a single place at the smallest
   * distance, whose name starts with the same letter, and a word long enough not to be another
   * word (six letters; four when `short`, as after "in", "à", "nan" or for a whole place
   * name). `close` says whether any place was near at all.
   */
  sureMisspelling(text: string, short: boolean, sameInitial = false): { place?: Place | undefined; close: boolean } {
    const query = normalizeName(text);
    const close = this.misspelled(query, sameInitial);
    const best = close[0];
    if (!best) return { close: false };
    let tied = close.filter((c) => c.distance === best.distance);
    // "Belo": of the places as close, the one whose name it begins.
    if (tied.length > 1) {
      const begun = tied.filter((c) => this.namesOf(c.place).some((n) => normalizeName(n).startsWith(query)));
      const alike = tied.filter((c) => this.namesOf(c.place).some((n) => normalizeName(n)[0] === query[0]));
      if (begun.length === 1) tied = begun;
      else if (alike.length === 1) tied = alike;
    }
    const startsAlike = this.namesOf(tied[0]?.place ?? best.place).some((n) => normalizeName(n)[0] === query[0]);
    const longEnough = query.length >= 6 || (short && query.length >= 4);
    return { place: tied.length === 1 && startsAlike && longEnough ? tied[0]?.place : undefined, close: true };
  }

  /**
   * Resolves a user's place name to one place, or throws a UserError that names the candidates
   * (ambiguous) or the closest places (unknown). `readMisspelling`: a sure misspelling ("Pon
   * Sonde", "Senmak") is read as its place, as /location and questions do; what is recorded
   * (a report's place) takes exact names only.
   */
  resolve(text: string, readMisspelling = false): Place {
    const exact = this.exact(text);
    const shown = echoable(text);
    if (exact.length === 1 && exact[0]) return exact[0];
    if (exact.length > 1) {
      const preferred = this.preferred(text, exact);
      if (preferred) return preferred;
      throw new UserError(
        'ambiguous-place',
        { name: shown, count: exact.length, places: exact.map((p) => this.describe(p)).join('; ') },
        exact.map((p) => p.name),
      );
    }
    const typo = readMisspelling ? this.sureMisspelling(text, true).place : undefined;
    if (typo) return typo;
    const close = this.search(text, 5).filter((m) => m.score < 100);
    const names = close.map((m) => m.place.name);
    throw close.length > 0
      ? new UserError('unknown-place-close', { name: shown, close: names.join(', ') }, names)
      : new UserError('unknown-place', { name: shown });
  }

  /** "Pont-Sondé (locality, Saint-Marc, Artibonite)". */
  describe(place: Place, kindName: (kind: Place['kind']) => string = (kind) => kind): string {
    const parents = this.ancestors(place.id)
      .filter((p) => p.kind !== 'country' && p.kind !== 'arrondissement')
      .map((p) => p.name);
    return `${place.name} (${[kindName(place.kind), ...parents].join(', ')})`;
  }
}
