/**
 * Events counted at a place although another source puts them elsewhere. An event is counted at
 * its place and at every place a claim gives it (a disputed placement shows up at both), so sums
 * over places count it once per place: an answer says which of its events are also placed
 * elsewhere, and where, so that departments summed are not read as more events than there are.
 */
import type { Gazetteer } from './places.ts';
import type { Event, Place } from './schemas.ts';
import type { EventQuery, Store } from './store-port.ts';

/** Disputed events read to find them; a placement claim makes an event disputed (schemas.ts). */
const READ = 50;

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

/** The events of `query` (a place's events) that a source places outside `place`, and where. */
export async function placedElsewhere(
  store: Store,
  gazetteer: Gazetteer,
  query: EventQuery,
  place: Place,
): Promise<PlacedElsewhere> {
  const disputed = await store.listEvents({ ...query, confidences: ['disputed'] }, { limit: READ });
  const places = new Map<string, Place>();
  let count = 0;
  for (const { event } of disputed.events) {
    const outside = placementsOf(event).filter((id) => !isWithin(gazetteer, id, place));
    if (outside.length === 0) continue;
    count += 1;
    for (const id of outside) {
      const given = gazetteer.get(id);
      if (!given) continue;
      const alike = gazetteer.ancestors(id).find((a) => a.kind === place.kind) ?? given;
      places.set(alike.id, alike);
    }
  }
  return { count, places: [...places.values()] };
}
