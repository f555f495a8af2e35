/**
 * The rows derived from an event's current revision: one event_index row per set the event
 * belongs to, its casualties, and its share of the monthly totals. `add` writes them and
 * `remove` takes back exactly what `add` wrote, using the key list kept on the event's row.
 */
import type { Database } from 'better-sqlite3';
import type { Event } from '../core/schemas.ts';

/** The set of every event, so that "all events" is the same range scan as any other set. */
export const ALL = '*';
export const placeKey = (placeId: string) => `place:${placeId}`;
export const actorKey = (actorId: string) => `actor:${actorId}`;
export const categoryKey = (category: string) => `category:${category}`;
export const casualtyKey = (group: string) => `casualty:${group}`;

/** Grid squares of CELL_DEGREES, so a box is a handful of ranges instead of a scan of everything. */
export const CELL_DEGREES = 0.2;
export const cellIndex = (degrees: number) => Math.floor(degrees / CELL_DEGREES);
export const cellKey = (latIndex: number, lonIndex: number) => `cell:${latIndex}:${lonIndex}`;

export interface IndexedEvent {
  event: Event;
  sortKey: string;
  /** Every event_index key of the event, without repeats. */
  keys: string[];
  lat: number | null;
  lon: number | null;
}

export interface PlaceResolver {
  placePath: (placeId: string) => string[];
  placePoint: (placeId: string) => { lat: number; lon: number } | undefined;
}

export function describeForIndex(event: Event, sortKey: string, places: PlaceResolver): IndexedEvent {
  const keys = new Set<string>([ALL, categoryKey(event.category)]);
  for (const placeId of [event.place.placeId, ...event.claims.map((claim) => claim.placeId)]) {
    if (placeId === undefined) continue;
    const path = places.placePath(placeId);
    for (const id of path.length > 0 ? path : [placeId]) keys.add(placeKey(id));
  }
  for (const actorId of event.actors) keys.add(actorKey(actorId));
  for (const casualty of event.casualties) keys.add(casualtyKey(casualty.group));
  let lat = event.place.lat ?? null;
  let lon = event.place.lon ?? null;
  if ((lat === null || lon === null) && event.place.placeId !== undefined) {
    const point = places.placePoint(event.place.placeId);
    if (point) ({ lat, lon } = point);
  }
  if (lat !== null && lon !== null) keys.add(cellKey(cellIndex(lat), cellIndex(lon)));
  return { event, sortKey, keys: [...keys], lat, lon };
}

interface CasualtySum {
  grp: string;
  kind: string;
  total: number;
  atLeast: number;
  unknown: number;
  reports: number;
}

function casualtySums(event: Event): CasualtySum[] {
  const sums = new Map<string, CasualtySum>();
  for (const c of event.casualties) {
    const key = `${c.group}/${c.kind}`;
    const sum = sums.get(key) ?? { grp: c.group, kind: c.kind, total: 0, atLeast: 0, unknown: 0, reports: 0 };
    sum.total += c.count ?? 0;
    sum.atLeast += c.qualifier === 'at-least' ? 1 : 0;
    sum.unknown += c.qualifier === 'unknown' ? 1 : 0;
    sum.reports += 1;
    sums.set(key, sum);
  }
  return [...sums.values()];
}

export function createEventIndex(db: Database) {
  const insertKey = db.prepare(
    'INSERT OR IGNORE INTO event_index (key, sort_key, event_id, confidence, lat, lon) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const deleteKey = db.prepare('DELETE FROM event_index WHERE key = ? AND sort_key = ? AND event_id = ?');
  const insertCasualty = db.prepare(
    'INSERT INTO event_casualties (event_id, seq, grp, kind, count, qualifier) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const deleteCasualties = db.prepare('DELETE FROM event_casualties WHERE event_id = ?');
  const addCount = db.prepare(`INSERT INTO event_counts (key, month, confidence, events) VALUES (?, ?, ?, ?)
    ON CONFLICT DO UPDATE SET events = events + excluded.events`);
  const addCasualties = db.prepare(`INSERT INTO casualty_counts
      (key, month, grp, kind, confidence, total, at_least, unknown, reports) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT DO UPDATE SET total = total + excluded.total, at_least = at_least + excluded.at_least,
      unknown = unknown + excluded.unknown, reports = reports + excluded.reports`);
  const dropEmptyCount = db.prepare(
    'DELETE FROM event_counts WHERE key = ? AND month = ? AND confidence = ? AND events = 0',
  );
  const dropEmptyCasualties = db.prepare(
    'DELETE FROM casualty_counts WHERE key = ? AND month = ? AND grp = ? AND kind = ? AND confidence = ? AND reports = 0',
  );

  /** Adds (sign 1) or takes back (sign -1) the event's share of the monthly totals. */
  function applyTotals(item: IndexedEvent, sign: 1 | -1): void {
    const { confidence } = item.event;
    const month = item.sortKey.slice(0, 7);
    const sums = casualtySums(item.event);
    for (const key of item.keys) {
      addCount.run(key, month, confidence, sign);
      if (sign < 0) dropEmptyCount.run(key, month, confidence);
      // Boxes are answered from the rows, so cells need no casualty totals.
      if (key.startsWith('cell:')) continue;
      for (const s of sums) {
        addCasualties.run(
          key,
          month,
          s.grp,
          s.kind,
          confidence,
          sign * s.total,
          sign * s.atLeast,
          sign * s.unknown,
          sign * s.reports,
        );
        if (sign < 0) dropEmptyCasualties.run(key, month, s.grp, s.kind, confidence);
      }
    }
  }

  return {
    add(item: IndexedEvent): void {
      const { event, sortKey, lat, lon } = item;
      for (const key of item.keys) insertKey.run(key, sortKey, event.id, event.confidence, lat, lon);
      event.casualties.forEach((c, seq) => {
        insertCasualty.run(event.id, seq, c.group, c.kind, c.count, c.qualifier);
      });
      applyTotals(item, 1);
    },
    remove(item: IndexedEvent): void {
      for (const key of item.keys) deleteKey.run(key, item.sortKey, item.event.id);
      deleteCasualties.run(item.event.id);
      applyTotals(item, -1);
    },
    /** Empties every derived table, before a rebuild. */
    clear(): void {
      db.exec(`DELETE FROM event_index; DELETE FROM event_casualties; DELETE FROM event_counts;
        DELETE FROM casualty_counts;`);
    },
  };
}

export type EventIndex = ReturnType<typeof createEventIndex>;
