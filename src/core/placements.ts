/**
 * Events counted at a place although another source puts them elsewhere. An event is counted at
 * its place and at every place a claim gives it (a disputed placement shows up at both), so sums
 * over places count it once per place: an answer says which of its events are also placed
 * elsewhere, and where, so that departments summed are not read as more events than there are.
 */
import type { Gazetteer } from './places.ts';
import type { Event, Place } from './schemas.ts';
import type { EventQuery, Store } from './store-port.ts';

export interface PlacedElsewhere {
  /** How many of the place's events another source places outside it. */
  count: number;
  /** Where else they are placed: the place of the same kind as the one asked (the department of a department), else the place given. */
  places: Place[];
}

/** Every place an event is given: its own and each claim's. */
export function placementsOf(event: Event): string[] {
  const ids = [event.place.placeId, ...event.claims.map((claim) => claim.placeId)];
  return [...new Set(ids.filter((id): id is string => id !== undefined))];
}

/** Whether a gazetteer place is the place or inside it. */
export function isWithin(gazetteer: Gazetteer, placeId: string, container: Place): boolean {
  return placeId === container.id || gazetteer.ancestors(placeId).some((a) => a.id === container.id);
}

/** Each gazetteer's answers of `alikeOf`, by kind and place: a department lists hundreds of placements. */
const alike = new WeakMap<Gazetteer, Map<Place['kind'], Map<string, Place | undefined>>>();

/** The place of this kind that holds `id` (a commune's department), else the place itself. */
function alikeOf(gazetteer: Gazetteer, id: string, kind: Place['kind']): Place | undefined {
  let byKind = alike.get(gazetteer);
  if (!byKind) {
    byKind = new Map();
    alike.set(gazetteer, byKind);
  }
  let known = byKind.get(kind);
  if (!known) {
    known = new Map();
    byKind.set(kind, known);
  }
  if (known.has(id)) return known.get(id);
  const named = gazetteer.get(id);
  const place = named && (gazetteer.ancestors(id).find((a) => a.kind === kind) ?? named);
  known.set(id, place);
  return place;
}

/**
 * The events of `query` (a place's events) that a source places outside `place`, and where:
 * counted by the store (its "outside" sets), whatever their confidence, however many.
 */
export async function placedElsewhere(
  store: Store,
  gazetteer: Gazetteer,
  query: EventQuery,
  place: Place,
): Promise<PlacedElsewhere> {
  const count = await store.countEvents({ ...query, placedOutside: { placeId: place.id } });
  if (count === 0) return { count, places: [] };
  // Where: the places given to any such event (all time); with a period or other conditions,
  // kept when one of the events `query` selects has it.
  const given = await store.placementsOutside(place.id);
  const onlyThePlace = Object.entries(query).every(([key, value]) => key === 'placeId' || value === undefined);
  const matching = onlyThePlace
    ? undefined
    : await Promise.all(
        given.map(async (at) => (await store.countEvents({ ...query, placedOutside: { placeId: place.id, at } })) > 0),
      );
  const places = new Map<string, Place>();
  given.forEach((id, i) => {
    const where = matching === undefined || matching[i] ? alikeOf(gazetteer, id, place.kind) : undefined;
    if (where) places.set(where.id, where);
  });
  return { count, places: [...places.values()] };
}
