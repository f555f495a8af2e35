/**
 * The rows derived from an event's current revision: one event_index row per set the event
 * belongs to, its casualties, and its share of the monthly totals. They are written and taken
 * back set-wise, in SQL, for the events listed in temp.batch_ids (or for every event, in a
 * rebuild), from the `index_keys` kept on each event's row, so a batch of any size costs a
 * fixed number of statements.
 */
import type { Database } from 'better-sqlite3';
import { squareIndex } from '../core/near.ts';
import { normalizeName } from '../core/places.ts';
import type { Event } from '../core/schemas.ts';

/** The set of every event, so that "all events" is the same range scan as any other set. */
export const ALL = '*';
export const placeKey = (placeId: string) => `place:${placeId}`;
export const actorKey = (actorId: string) => `actor:${actorId}`;
export const categoryKey = (category: string) => `category:${category}`;
export const casualtyKey = (group: string) => `casualty:${group}`;
/** A person the event names, by name as src/core/places.ts's normalizeName reads it ("jovenel moise"). */
export const personKey = (name: string) => `person:${normalizeName(name)}`;
/**
 * An event counted at place P (by its place or a claim) that another of its placements puts
 * outside P: "outside:P", and "outside:P:Q" for each such placement Q.
 */
export const outsideKey = (placeId: string, at?: string) =>
  at === undefined ? `outside:${placeId}` : `outside:${placeId}:${at}`;
/** Where person keys start and end in the index's order. */
export const PERSON_KEYS = { from: 'person:', until: 'person;' } as const;

/** Grid squares of CELL_DEGREES, so a box is a handful of ranges instead of a scan of everything. */
export const CELL_DEGREES = 0.2;
export const cellIndex = (degrees: number) => Math.floor(degrees / CELL_DEGREES);
export const cellKey = (latIndex: number, lonIndex: number) => `cell:${latIndex}:${lonIndex}`;
/** The finer squares of src/core/near.ts, whose totals answer "within N km" for the squares wholly inside a circle. */
export const squareKey = (latIndex: number, lonIndex: number) => `square:${latIndex}:${lonIndex}`;

export interface IndexEntry {
  /** Every event_index key of the event, without repeats. */
  keys: string[];
  lat: number | null;
  lon: number | null;
}

export interface PlaceResolver {
  placePath: (placeId: string) => string[];
  placePoint: (placeId: string) => { lat: number; lon: number } | undefined;
}

export function indexEntryOf(event: Event, places: PlaceResolver): IndexEntry {
  const keys = new Set<string>([ALL, categoryKey(event.category)]);
  const placements = [
    ...new Set([event.place.placeId, ...event.claims.map((claim) => claim.placeId)].filter((id) => id !== undefined)),
  ];
  const paths = placements.map((placeId) => {
    const path = places.placePath(placeId);
    return new Set(path.length > 0 ? path : [placeId]);
  });
  for (const path of paths) for (const id of path) keys.add(placeKey(id));
  // Placed in more than one place: at each place it is counted at, the placements outside it.
  if (placements.length > 1) {
    for (const id of new Set(paths.flatMap((path) => [...path]))) {
      const outside = placements.filter((_, i) => !paths[i]?.has(id));
      if (outside.length > 0) keys.add(outsideKey(id));
      for (const at of outside) keys.add(outsideKey(id, at));
    }
  }
  for (const actorId of event.actors) keys.add(actorKey(actorId));
  for (const casualty of event.casualties) keys.add(casualtyKey(casualty.group));
  for (const person of event.people ?? []) if (normalizeName(person.name)) keys.add(personKey(person.name));
  let lat = event.place.lat ?? null;
  let lon = event.place.lon ?? null;
  if ((lat === null || lon === null) && event.place.placeId !== undefined) {
    const point = places.placePoint(event.place.placeId);
    if (point) ({ lat, lon } = point);
  }
  if (lat !== null && lon !== null) {
    keys.add(cellKey(cellIndex(lat), cellIndex(lon)));
    keys.add(squareKey(squareIndex(lat), squareIndex(lon)));
  }
  return { keys: [...keys], lat, lon };
}

export function createEventIndex(db: Database) {
  db.exec('CREATE TEMP TABLE IF NOT EXISTS batch_ids (id TEXT PRIMARY KEY) WITHOUT ROWID');
  const clearBatch = db.prepare('DELETE FROM temp.batch_ids');
  const addToBatch = db.prepare('INSERT OR IGNORE INTO temp.batch_ids (id) VALUES (?)');

  /** The same statements, for the events in the batch or for every event. */
  function statementsFor(events: string) {
    // CROSS JOIN keeps SQLite's join order: from the (few) events to their rows, never a scan.
    const keys = `${events} CROSS JOIN json_each(e.index_keys) j`;
    // Boxes are answered from the rows, so grid cells need no casualty totals.
    const casualtyKeys = `${events} CROSS JOIN event_casualties c ON c.event_id = e.id CROSS JOIN json_each(e.index_keys) j
      WHERE j.value NOT LIKE 'cell:%'`;
    const totals = (sign: string) => [
      db.prepare(`INSERT INTO event_counts (key, month, confidence, events)
        SELECT j.value, substr(e.sort_key, 1, 7), e.confidence, ${sign}count(*) FROM ${keys} WHERE true GROUP BY 1, 2, 3
        ON CONFLICT DO UPDATE SET events = events + excluded.events`),
      db.prepare(`INSERT INTO casualty_counts (key, month, grp, kind, confidence, total, at_least, unknown, reports)
        SELECT j.value, substr(e.sort_key, 1, 7), c.grp, c.kind, e.confidence, ${sign}sum(coalesce(c.count, 0)),
          ${sign}sum(c.qualifier = 'at-least'), ${sign}sum(c.qualifier = 'unknown'), ${sign}count(*)
        FROM ${casualtyKeys} GROUP BY 1, 2, 3, 4, 5
        ON CONFLICT DO UPDATE SET total = total + excluded.total, at_least = at_least + excluded.at_least,
          unknown = unknown + excluded.unknown, reports = reports + excluded.reports`),
    ];
    // Per (place or square, category): "attacks in Artibonite", "attacks near Pont-Sondé".
    const categoryKeys = "(j.value GLOB 'place:*' OR j.value GLOB 'square:*')";
    const byCategory = (sign: string) => [
      db.prepare(`INSERT INTO category_totals (key, category, confidence, events)
        SELECT j.value, e.category, e.confidence, ${sign}count(*) FROM ${keys} WHERE ${categoryKeys} GROUP BY 1, 2, 3
        ON CONFLICT DO UPDATE SET events = events + excluded.events`),
      db.prepare(`INSERT INTO category_casualty_totals (key, category, grp, kind, confidence, total, at_least, unknown,
          reports)
        SELECT j.value, e.category, c.grp, c.kind, e.confidence, ${sign}sum(coalesce(c.count, 0)),
          ${sign}sum(c.qualifier = 'at-least'), ${sign}sum(c.qualifier = 'unknown'), ${sign}count(*)
        FROM ${events} CROSS JOIN event_casualties c ON c.event_id = e.id CROSS JOIN json_each(e.index_keys) j
        WHERE ${categoryKeys} GROUP BY 1, 2, 3, 4, 5
        ON CONFLICT DO UPDATE SET total = total + excluded.total, at_least = at_least + excluded.at_least,
          unknown = unknown + excluded.unknown, reports = reports + excluded.reports`),
    ];
    // Per (square or place, point, category): the squares a circle's edge cuts, and a place's
    // events within a circle, are read point by point.
    const pointKeys = "(j.value GLOB 'square:*' OR j.value GLOB 'place:*') AND e.lat IS NOT NULL AND e.lon IS NOT NULL";
    const byPoint = (sign: string) => [
      db.prepare(`INSERT INTO point_totals (key, lat, lon, category, confidence, events)
        SELECT j.value, e.lat, e.lon, e.category, e.confidence, ${sign}count(*) FROM ${keys} WHERE ${pointKeys}
        GROUP BY 1, 2, 3, 4, 5
        ON CONFLICT DO UPDATE SET events = events + excluded.events`),
      db.prepare(`INSERT INTO point_casualty_totals (key, lat, lon, category, grp, kind, confidence, total, at_least,
          unknown, reports)
        SELECT j.value, e.lat, e.lon, e.category, c.grp, c.kind, e.confidence, ${sign}sum(coalesce(c.count, 0)),
          ${sign}sum(c.qualifier = 'at-least'), ${sign}sum(c.qualifier = 'unknown'), ${sign}count(*)
        FROM ${events} CROSS JOIN event_casualties c ON c.event_id = e.id CROSS JOIN json_each(e.index_keys) j
        WHERE ${pointKeys} GROUP BY 1, 2, 3, 4, 5, 6, 7
        ON CONFLICT DO UPDATE SET total = total + excluded.total, at_least = at_least + excluded.at_least,
          unknown = unknown + excluded.unknown, reports = reports + excluded.reports`),
    ];
    // Every key the events are under moves (see migration 044): before a change, the keys they
    // leave; after it, the keys they join.
    const keysMoved = db.prepare(`INSERT INTO key_generation (key, n) SELECT DISTINCT j.value, 1 FROM ${keys} WHERE true
      ON CONFLICT DO UPDATE SET n = n + 1`);
    return {
      add: [
        keysMoved,
        db.prepare(`INSERT INTO event_index (key, sort_key, event_id, confidence, lat, lon)
          SELECT j.value, e.sort_key, e.id, e.confidence, e.lat, e.lon FROM ${keys}`),
        db.prepare(`INSERT INTO event_casualties (event_id, seq, grp, kind, count, qualifier)
          SELECT e.id, c.key, c.value ->> 'group', c.value ->> 'kind', c.value ->> 'count', c.value ->> 'qualifier'
          FROM ${events} CROSS JOIN event_revisions r ON r.id = e.revision_row CROSS JOIN json_each(r.json, '$.casualties') c`),
        ...totals(''),
        ...byCategory(''),
        ...byPoint(''),
      ],
      // Totals first: they are taken back through the casualty rows.
      remove: [
        keysMoved,
        ...totals('-'),
        ...byCategory('-'),
        ...byPoint('-'),
        db.prepare(`DELETE FROM point_totals WHERE events = 0
          AND key IN (SELECT j.value FROM ${keys} WHERE ${pointKeys})`),
        db.prepare(`DELETE FROM point_casualty_totals WHERE reports = 0
          AND key IN (SELECT j.value FROM ${keys} WHERE ${pointKeys})`),
        db.prepare(`DELETE FROM category_totals WHERE events = 0
          AND key IN (SELECT j.value FROM ${keys} WHERE ${categoryKeys})`),
        db.prepare(`DELETE FROM category_casualty_totals WHERE reports = 0
          AND key IN (SELECT j.value FROM ${keys} WHERE ${categoryKeys})`),
        db.prepare(
          `DELETE FROM event_index WHERE (key, sort_key, event_id) IN (SELECT j.value, e.sort_key, e.id FROM ${keys})`,
        ),
        db.prepare(`DELETE FROM event_casualties WHERE event_id IN (SELECT e.id FROM ${events})`),
      ],
    };
  }
  const batch = statementsFor('temp.batch_ids b CROSS JOIN events e ON e.id = b.id');
  const every = statementsFor('events e');

  // What connections keep from the derived rows is kept while this number stays (migration 044).
  const moved = db.prepare('UPDATE derived_generation SET n = n + 1 WHERE id = 1');
  // A rebuild may leave a key with no rows at all: every key moves.
  const everyKeyMoved = db.prepare('UPDATE key_generation SET n = n + 1');

  const fillBatch = (ids: readonly string[]) => {
    clearBatch.run();
    for (const id of ids) addToBatch.run(id);
  };

  return {
    /** Writes the derived rows of these events, from their rows in `events`. */
    add(ids: readonly string[]): void {
      if (ids.length === 0) return;
      fillBatch(ids);
      for (const statement of batch.add) statement.run();
      moved.run();
    },
    /** Takes back the derived rows of these events, while their rows in `events` still describe them. */
    remove(ids: readonly string[]): void {
      if (ids.length === 0) return;
      fillBatch(ids);
      for (const statement of batch.remove) statement.run();
      moved.run();
    },
    /** Rewrites every derived row from the `events` rows. */
    rebuild(): void {
      db.exec(`DELETE FROM event_index; DELETE FROM event_casualties; DELETE FROM event_counts;
        DELETE FROM casualty_years; DELETE FROM casualty_counts; DELETE FROM category_totals;
        DELETE FROM category_casualty_totals; DELETE FROM point_totals; DELETE FROM point_casualty_totals;`);
      everyKeyMoved.run();
      for (const statement of every.add) statement.run();
      moved.run();
    },
  };
}

export type EventIndex = ReturnType<typeof createEventIndex>;
