/**
 * The rows derived from an event's current revision: its places (with every place containing
 * them), actors, casualties, and its share of the monthly totals. `add` writes them and `remove`
 * takes back exactly what `add` wrote, using the place list kept on the event's row.
 */
import type { Database } from 'better-sqlite3';
import type { Event } from '../core/schemas.ts';

/** The place every event is in, so that "all events" is the same range scan as one place. */
export const ALL_PLACES = '*';

export interface IndexedEvent {
  event: Event;
  sortKey: string;
  /** ALL_PLACES, then the paths of the event's place and of its place claims, without repeats. */
  placeIds: string[];
  lat: number | null;
  lon: number | null;
}

export interface PlaceResolver {
  placePath: (placeId: string) => string[];
  placePoint: (placeId: string) => { lat: number; lon: number } | undefined;
}

export function describeForIndex(event: Event, sortKey: string, places: PlaceResolver): IndexedEvent {
  const placeIds = new Set<string>([ALL_PLACES]);
  const named = [event.place.placeId, ...event.claims.map((claim) => claim.placeId)];
  for (const placeId of named) {
    if (placeId === undefined) continue;
    const path = places.placePath(placeId);
    for (const id of path.length > 0 ? path : [placeId]) placeIds.add(id);
  }
  let lat = event.place.lat ?? null;
  let lon = event.place.lon ?? null;
  if ((lat === null || lon === null) && event.place.placeId !== undefined) {
    const point = places.placePoint(event.place.placeId);
    if (point) ({ lat, lon } = point);
  }
  return { event, sortKey, placeIds: [...placeIds], lat, lon };
}

export function createEventIndex(db: Database) {
  const insertPlace = db.prepare(
    'INSERT OR IGNORE INTO event_places (place_id, category, sort_key, event_id, confidence, lat, lon) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const deletePlace = db.prepare(
    'DELETE FROM event_places WHERE place_id = ? AND category = ? AND sort_key = ? AND event_id = ?',
  );
  const insertActor = db.prepare(
    'INSERT OR IGNORE INTO event_actors (actor_id, category, sort_key, event_id, confidence, lat, lon) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const deleteActor = db.prepare(
    'DELETE FROM event_actors WHERE actor_id = ? AND category = ? AND sort_key = ? AND event_id = ?',
  );
  const insertCasualty = db.prepare(
    'INSERT INTO event_casualties (event_id, seq, grp, kind, count, qualifier) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const deleteCasualties = db.prepare('DELETE FROM event_casualties WHERE event_id = ?');
  const addCount = db.prepare(`INSERT INTO event_counts (place_id, category, month, confidence, events)
    VALUES (?, ?, ?, ?, ?)
    ON CONFLICT DO UPDATE SET events = events + excluded.events`);
  const addCasualties = db.prepare(`INSERT INTO casualty_counts
      (place_id, month, grp, kind, confidence, total, at_least, unknown, reports)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT DO UPDATE SET total = total + excluded.total, at_least = at_least + excluded.at_least,
      unknown = unknown + excluded.unknown, reports = reports + excluded.reports`);
  const dropEmptyCounts = db.prepare(
    'DELETE FROM event_counts WHERE place_id = ? AND category = ? AND month = ? AND confidence = ? AND events = 0',
  );
  const dropEmptyCasualties = db.prepare(
    'DELETE FROM casualty_counts WHERE place_id = ? AND month = ? AND grp = ? AND kind = ? AND confidence = ? AND reports = 0',
  );

  /** Adds (sign 1) or takes back (sign -1) the event's monthly totals. */
  function applyTotals(item: IndexedEvent, sign: 1 | -1): void {
    const { event } = item;
    const month = item.sortKey.slice(0, 7);
    const byGroupKind = new Map<string, { grp: string; kind: string; total: number; atLeast: number; unknown: number; reports: number }>();
    for (const c of event.casualties) {
      const key = `${c.group}/${c.kind}`;
      const sum = byGroupKind.get(key) ?? { grp: c.group, kind: c.kind, total: 0, atLeast: 0, unknown: 0, reports: 0 };
      sum.total += c.count ?? 0;
      sum.atLeast += c.qualifier === 'at-least' ? 1 : 0;
      sum.unknown += c.qualifier === 'unknown' ? 1 : 0;
      sum.reports += 1;
      byGroupKind.set(key, sum);
    }
    for (const placeId of item.placeIds) {
      addCount.run(placeId, event.category, month, event.confidence, sign);
      if (sign < 0) dropEmptyCounts.run(placeId, event.category, month, event.confidence);
      for (const s of byGroupKind.values()) {
        addCasualties.run(placeId, month, s.grp, s.kind, event.confidence, sign * s.total, sign * s.atLeast, sign * s.unknown, sign * s.reports);
        if (sign < 0) dropEmptyCasualties.run(placeId, month, s.grp, s.kind, event.confidence);
      }
    }
  }

  return {
    add(item: IndexedEvent): void {
      const { event, sortKey, lat, lon } = item;
      for (const placeId of item.placeIds) {
        insertPlace.run(placeId, event.category, sortKey, event.id, event.confidence, lat, lon);
      }
      for (const actorId of new Set(event.actors)) {
        insertActor.run(actorId, event.category, sortKey, event.id, event.confidence, lat, lon);
      }
      event.casualties.forEach((c, seq) => {
        insertCasualty.run(event.id, seq, c.group, c.kind, c.count, c.qualifier);
      });
      applyTotals(item, 1);
    },
    remove(item: IndexedEvent): void {
      const { event, sortKey } = item;
      for (const placeId of item.placeIds) deletePlace.run(placeId, event.category, sortKey, event.id);
      for (const actorId of new Set(event.actors)) deleteActor.run(actorId, event.category, sortKey, event.id);
      deleteCasualties.run(event.id);
      applyTotals(item, -1);
    },
    /** Empties every derived table, before a rebuild. */
    clear(): void {
      db.exec(`DELETE FROM event_places; DELETE FROM event_actors; DELETE FROM event_casualties;
        DELETE FROM event_counts; DELETE FROM casualty_counts;`);
    },
  };
}

export type EventIndex = ReturnType<typeof createEventIndex>;
