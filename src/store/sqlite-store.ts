/**
 * The SQLite store (better-sqlite3): one file (or ':memory:'), WAL so readers never wait for the
 * writer, a busy timeout so several processes can share the file, migrations applied on open,
 * and the gazetteer version and time zone the derived tables were built with stored with them.
 * The queries run synchronously; src/store/sqlite-connection.ts puts them behind the port's promises.
 */
import type { Database } from 'better-sqlite3';
import type { Event } from '../core/schemas.ts';
import type {
  EventKey,
  EventPage,
  EventRevision,
  PageRequest,
  RecordMeta,
  Store,
  StoredEvent,
} from '../core/store-port.ts';
import { canonicalJson } from './canonical-json.ts';
import { createEventChanges } from './event-changes.ts';
import { createEventIndex, indexEntryOf, outsideKey, PERSON_KEYS, type PlaceResolver } from './event-index.ts';
import { createEventQueries } from './event-queries.ts';
import { createParsedRevisions } from './parsed-revisions.ts';
import { instantKeyOf, sortKeyOf } from './sort-key.ts';
import type { Synchronous } from './sqlite-connection.ts';
import { createDataVersion } from './sqlite-data-version.ts';
import { checkDerivedSettings } from './sqlite-derived-settings.ts';
import { createSqliteRecords } from './sqlite-records.ts';

export interface SqliteStoreOptions {
  /** A file path, or ':memory:'. */
  path: string;
  /** Ids from the root down to the place itself (Gazetteer.pathOf); [] for an unknown place. */
  placePath: (placeId: string) => string[];
  /** The place's point, used for the box filter when an event has no coordinates of its own. */
  placePoint?: ((placeId: string) => { lat: number; lon: number } | undefined) | undefined;
  /**
   * Changes whenever the gazetteer does. Stored with the data, as is the time zone: a store built
   * with others refuses to open (src/store/sqlite-derived-settings.ts) unless `rebuildDerived`.
   */
  gazetteerVersion: string;
  /** Zone whose wall clock orders timed events (IANA); default America/Port-au-Prince. */
  timeZone?: string | undefined;
  /** Milliseconds to wait for another process's write lock; default 5000. */
  busyTimeoutMs?: number | undefined;
  /** Caps the file at this many pages: writes beyond fail as on a full disk (tests of a full disk). */
  maxPages?: number | undefined;
  /** Rebuilds the derived rows with this gazetteer and time zone and stores them (`sitrep rebuild-derived`). */
  rebuildDerived?: boolean | undefined;
}

interface EventRow {
  id: string;
  revision: number;
  sort_key: string;
  index_keys: string;
  recorded_at: string;
  first_recorded_at: string;
  json: string;
}

/** An event's row without its revision's JSON, which is read only when not already parsed. */
interface EventHead {
  revision: number;
  revision_row: number;
  recorded_at: string;
  first_recorded_at: string;
}

/** Parsed revisions kept per connection: about 2 KB each, so at most some 10 MB. */
const PARSED_REVISIONS = 5000;

interface RevisionRow {
  event_id: string;
  revision: number;
  recorded_at: string;
  author: string;
  reason: string;
  json: string;
}

/** What the events store does, synchronously, on one connection (src/store/sqlite.ts wraps it). */
export type SyncStore = Synchronous<Omit<Store, 'transaction' | 'close'>>;

/** The events store on `db`, which must have been migrated (src/store/migrate.ts). */
export function createSyncStore(db: Database, options: Omit<SqliteStoreOptions, 'path'>): SyncStore {
  const timeZone = options.timeZone ?? 'America/Port-au-Prince';
  // The gazetteer is fixed while the store is open (a new one reopens it), so each place's path is worked out once.
  const paths = new Map<string, string[]>();
  const placePath = (placeId: string) => {
    const known = paths.get(placeId);
    if (known) return known;
    const path = options.placePath(placeId);
    paths.set(placeId, path);
    return path;
  };
  const places: PlaceResolver = { placePath, placePoint: options.placePoint ?? (() => undefined) };

  const index = createEventIndex(db);
  // The planner keeps its lookups of the totals, and a few small listings are kept, per version.
  const version = createDataVersion(db);
  const queries = createEventQueries(db, timeZone, version.derived);
  const { read, kept } = version;
  const records = createSqliteRecords(db, timeZone, version);
  const s = {
    current: db.prepare<[string], EventRow>(`SELECT e.id, e.revision, e.sort_key, e.index_keys, e.recorded_at,
        e.first_recorded_at, r.json
      FROM events e JOIN event_revisions r ON r.id = e.revision_row WHERE e.id = ?`),
    head: db.prepare<[string], EventHead>(
      'SELECT revision, revision_row, recorded_at, first_recorded_at FROM events WHERE id = ?',
    ),
    revisionJson: db.prepare<[number], { json: string }>('SELECT json FROM event_revisions WHERE id = ?'),
    allIds: db.prepare<[], { id: string }>('SELECT id FROM events'),
    insertRevision: db.prepare(
      'INSERT INTO event_revisions (event_id, revision, recorded_at, author, reason, json) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    // The current revision of each id of a JSON array, in one statement per batch.
    currentOf: db.prepare<[string], { id: string; revision: number; json: string }>(`SELECT e.id, e.revision, r.json
      FROM json_each(?) j CROSS JOIN events e ON e.id = j.value JOIN event_revisions r ON r.id = e.revision_row`),
    insertEvent: db.prepare(`INSERT INTO events (id, revision, revision_row, sort_key, category, confidence, place_id,
        lat, lon, index_keys, recorded_at, first_recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    upsertEvent: db.prepare(`INSERT INTO events (id, revision, revision_row, sort_key, category, confidence, place_id,
        lat, lon, index_keys, recorded_at, first_recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET revision = excluded.revision, revision_row = excluded.revision_row,
        sort_key = excluded.sort_key, category = excluded.category, confidence = excluded.confidence,
        place_id = excluded.place_id, lat = excluded.lat, lon = excluded.lon, index_keys = excluded.index_keys,
        recorded_at = excluded.recorded_at`),
    setIndexKeys: db.prepare('UPDATE events SET index_keys = ?, sort_key = ?, lat = ?, lon = ? WHERE id = ?'),
    history: db.prepare<[string], RevisionRow>(
      'SELECT event_id, revision, recorded_at, author, reason, json FROM event_revisions WHERE event_id = ? ORDER BY revision',
    ),
    revisionsBetween: db.prepare<[string, string, number], RevisionRow>(`SELECT event_id, revision, recorded_at, author,
        reason, json FROM event_revisions WHERE recorded_at >= ? AND recorded_at < ? ORDER BY recorded_at, id LIMIT ?`),
    /** The keys in a range that count some event not retracted. */
    keysBetween: db
      .prepare(`SELECT DISTINCT key FROM event_totals WHERE key >= ? AND key < ? AND confidence <> 'retracted'
        ORDER BY key`)
      .pluck(),
    countRevisionsBetween: db.prepare<[string, string], { n: number }>(
      'SELECT count(*) AS n FROM event_revisions WHERE recorded_at >= ? AND recorded_at < ?',
    ),
  };

  /** Rewrites every derived row from the current revisions (the gazetteer or time zone changed). */
  function rebuildIndex(): void {
    version.wrote();
    for (const { id } of s.allIds.all()) {
      const event = JSON.parse((s.current.get(id) as EventRow).json) as Event;
      const entry = indexEntryOf(event, places);
      s.setIndexKeys.run(JSON.stringify(entry.keys), sortKeyOf(event.occurredAt, timeZone), entry.lat, entry.lon, id);
    }
    index.rebuild();
  }

  checkDerivedSettings(
    db,
    records,
    { gazetteerVersion: options.gazetteerVersion, timeZone },
    rebuildIndex,
    options.rebuildDerived,
  );

  const toRevision = (row: RevisionRow): EventRevision => ({
    eventId: row.event_id,
    revision: row.revision,
    recordedAt: row.recorded_at,
    author: row.author,
    reason: row.reason,
    event: JSON.parse(row.json) as Event,
  });
  const parsed = createParsedRevisions(PARSED_REVISIONS);
  const changes = createEventChanges(db, options.placePath, parsed);
  /** The event's current revision, parsed at most once while it stays in use. */
  const currentEvent = (id: string): StoredEvent | undefined => {
    const head = s.head.get(id);
    if (!head) return undefined;
    return {
      event: parsed.get(head.revision_row, () => (s.revisionJson.get(head.revision_row) as { json: string }).json),
      revision: head.revision,
      recordedAt: head.recorded_at,
      firstRecordedAt: head.first_recorded_at,
    };
  };
  const keyOf = (row: { sort_key: string; event_id: string }): EventKey => ({
    sortKey: row.sort_key,
    id: row.event_id,
  });

  interface Change {
    event: Event;
    json: string;
    revision: number;
  }

  /** Writes the revisions and event rows of `changes`, and their derived rows set-wise. */
  function writeChanges(changes: Change[], recordedAt: string, meta: RecordMeta): void {
    index.remove(changes.filter((c) => c.revision > 1).map((c) => c.event.id));
    for (const { event, json, revision } of changes) {
      const entry = indexEntryOf(event, places);
      const revisionRow = s.insertRevision.run(
        event.id,
        revision,
        recordedAt,
        meta.author,
        meta.reason,
        json,
      ).lastInsertRowid;
      // A first revision has no row to update: a plain insert is about half the work of an upsert.
      (revision === 1 ? s.insertEvent : s.upsertEvent).run(
        event.id,
        revision,
        revisionRow,
        sortKeyOf(event.occurredAt, timeZone),
        event.category,
        event.confidence,
        event.place.placeId ?? null,
        entry.lat,
        entry.lon,
        JSON.stringify(entry.keys),
        recordedAt,
        recordedAt,
      );
    }
    index.add(changes.map((c) => c.event.id));
  }

  const putEvents = db.transaction((events: readonly Event[], meta: RecordMeta) => {
    version.wrote();
    const recordedAt = instantKeyOf(meta.at);
    const results: { revision: number; changed: boolean }[] = [];
    // What is stored of these ids, read once; kept up to date below as the batch changes them.
    const current = new Map<string, { revision: number; json: string }>();
    for (const row of s.currentOf.all(JSON.stringify(events.map((e) => e.id)))) current.set(row.id, row);
    let changes: Change[] = [];
    const pending = new Set<string>();
    for (const event of events) {
      // A second version of an event in one batch follows the first, which must be written by then.
      if (pending.has(event.id)) {
        writeChanges(changes, recordedAt, meta);
        changes = [];
        pending.clear();
      }
      const json = canonicalJson(event);
      const stored = current.get(event.id);
      if (stored && stored.json === json) {
        results.push({ revision: stored.revision, changed: false });
        continue;
      }
      const revision = (stored?.revision ?? 0) + 1;
      changes.push({ event, json, revision });
      current.set(event.id, { revision, json });
      pending.add(event.id);
      results.push({ revision, changed: true });
    }
    writeChanges(changes, recordedAt, meta);
    return results;
  });

  function listEvents(query: Parameters<SyncStore['listEvents']>[0], page: PageRequest): EventPage {
    if (!Number.isInteger(page.limit) || page.limit < 1 || page.limit > 1000) {
      throw new Error(`page limit must be an integer from 1 to 1000, got ${page.limit}`);
    }
    if (page.after && page.before) throw new Error('a page request gives `after` or `before`, not both');
    const p = queries.plan(query);
    const backwards = page.before !== undefined;
    const rows = queries.keys(p, backwards ? 'newer' : 'older', page.before ?? page.after, page.limit + 1);
    const more = rows.length > page.limit;
    const keys = rows.slice(0, page.limit);
    if (backwards) keys.reverse();
    const events = keys.map((k) => currentEvent(k.event_id) as StoredEvent);
    const first = keys[0];
    const last = keys[keys.length - 1];
    const result: EventPage = { events };
    if (backwards) {
      if (more && first) result.previousKey = keyOf(first);
      const anchor = last ? keyOf(last) : page.before;
      if (anchor && queries.keys(p, 'older', anchor, 1).length > 0) result.nextKey = anchor;
    } else {
      if (more && last) result.nextKey = keyOf(last);
      const anchor = first ? keyOf(first) : page.after;
      if (page.after && anchor && queries.keys(p, 'newer', anchor, 1).length > 0) result.previousKey = anchor;
    }
    return result;
  }

  const withoutPrefix = (key: string) => key.slice(PERSON_KEYS.from.length);
  return {
    putEvent: (event, meta) => putEvents.immediate([event], meta)[0] as { revision: number; changed: boolean },
    putEvents: (events, meta) => putEvents.immediate(events, meta),
    getEvent: currentEvent,
    history: (id) => s.history.all(id).map(toRevision),
    listEvents: read(listEvents),
    countEvents: read(queries.count),
    casualtyTotals: read(queries.casualtyTotals),
    // A department's answer lists where else its events are placed (hundreds of keys): kept per version.
    placementsOutside: (placeId) => [
      ...kept(`outside|${placeId}`, () => {
        const prefix = `${outsideKey(placeId)}:`;
        const keys = s.keysBetween.all(prefix, `${outsideKey(placeId)};`) as string[];
        return keys.map((key) => key.slice(prefix.length));
      }),
    ],
    namedPeople: () => (s.keysBetween.all(PERSON_KEYS.from, PERSON_KEYS.until) as string[]).map(withoutPrefix),
    revisionsBetween(since, until, limit) {
      if (!Number.isInteger(limit) || limit < 0) throw new Error(`limit must be a whole number, got ${limit}`);
      return s.revisionsBetween.all(instantKeyOf(since), instantKeyOf(until), limit).map(toRevision);
    },
    countRevisionsBetween: (since, until) =>
      (s.countRevisionsBetween.get(instantKeyOf(since), instantKeyOf(until)) as { n: number }).n,
    changesBetween: (since, until, filter, limit) => changes(instantKeyOf(since), instantKeyOf(until), filter, limit),

    ...records,
  };
}
