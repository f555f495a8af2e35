/**
 * Writing events on Postgres: each batch in one transaction, behind a transaction-level advisory
 * lock so that writers on several hosts take turns as SQLite's writers do. Revisions and `events`
 * rows, event_index and event_casualties rows are written a statement each per batch; the
 * totals tables get one upsert each with the batch's summed shares (src/store/postgres/derived-rows.ts).
 */
import type { Event } from '../../core/schemas.ts';
import type { RecordMeta } from '../../core/store-port.ts';
import { canonicalJson } from '../canonical-json.ts';
import { indexEntryOf, type PlaceResolver } from '../event-index.ts';
import { instantKeyOf, sortKeyOf } from '../sort-key.ts';
import { PREPARED, type Queryable } from './connection.ts';
import {
  addShare,
  type DerivedSource,
  emptyDelta,
  keyColumnType,
  TOTALS_TABLES,
  type TotalsDelta,
  type TotalsName,
  tableOf,
} from './derived-rows.ts';

/** Any constant: the advisory lock every event write holds until its transaction ends. */
export const EVENT_WRITE_LOCK = 0x51_7e_00_02;

export interface WriteSettings {
  places: PlaceResolver;
  timeZone: string;
}

/** An event as stored now: its revision, canonical JSON and derived rows. */
interface Current extends DerivedSource {
  revision: number;
  json: string;
}

interface CurrentRow {
  id: string;
  revision: number;
  sort_key: string;
  category: string;
  confidence: string;
  index_keys: string[];
  lat: number | null;
  lon: number | null;
  json: string;
}

/** What the event's rows will hold at this revision. */
export function derivedOf(event: Event, json: string, revision: number, settings: WriteSettings): Current {
  const entry = indexEntryOf(event, settings.places);
  return {
    id: event.id,
    revision,
    json,
    sortKey: sortKeyOf(event.occurredAt, settings.timeZone),
    category: event.category,
    confidence: event.confidence,
    keys: entry.keys,
    lat: entry.lat,
    lon: entry.lon,
    casualties: event.casualties,
  };
}

export const placeKeysOf = (keys: readonly string[]) => keys.filter((key) => key.startsWith('place:'));

/** Writes the batch as putEvents does; `sql` must be a transaction. */
export async function writeEvents(
  sql: Queryable,
  events: readonly Event[],
  meta: RecordMeta,
  settings: WriteSettings,
): Promise<{ revision: number; changed: boolean }[]> {
  const recordedAt = instantKeyOf(meta.at);
  if (events.length === 0) return [];
  const ids = [...new Set(events.map((e) => e.id))];
  // Sent together; the read starts (and takes its snapshot) once the lock is held.
  const [, rows] = await Promise.all([
    sql`SELECT pg_advisory_xact_lock(${EVENT_WRITE_LOCK})`.execute(),
    sql<CurrentRow[]>`SELECT e.id, e.revision, e.sort_key, e.category, e.confidence, e.index_keys,
      e.lat, e.lon, r.json
    FROM events e JOIN event_revisions r ON r.id = e.revision_row WHERE e.id = ANY(${ids}::text[])`.execute(),
  ]);
  const current = new Map<string, Current>();
  for (const r of rows) {
    const stored = JSON.parse(r.json) as Event;
    current.set(r.id, {
      id: r.id,
      revision: r.revision,
      json: r.json,
      sortKey: r.sort_key,
      category: r.category,
      confidence: r.confidence,
      keys: r.index_keys,
      lat: r.lat,
      lon: r.lon,
      casualties: stored.casualties,
    });
  }
  const delta = emptyDelta();
  const results: { revision: number; changed: boolean }[] = [];
  // Every statement is sent without waiting for the one before: a transaction runs them in order.
  const statements: Promise<unknown>[] = [];
  let round: { next: Current; previous: Current | undefined }[] = [];
  const inRound = new Set<string>();
  for (const event of events) {
    // A second version of an event in one batch follows the first, which must be written by then.
    if (inRound.has(event.id)) {
      statements.push(...writeRound(sql, round, recordedAt, meta, delta));
      round = [];
      inRound.clear();
    }
    const json = canonicalJson(event);
    const stored = current.get(event.id);
    if (stored && stored.json === json) {
      results.push({ revision: stored.revision, changed: false });
      continue;
    }
    const next = derivedOf(event, json, (stored?.revision ?? 0) + 1, settings);
    round.push({ next, previous: stored });
    inRound.add(event.id);
    current.set(event.id, next);
    results.push({ revision: next.revision, changed: true });
  }
  if (round.length > 0) statements.push(...writeRound(sql, round, recordedAt, meta, delta));
  statements.push(applyTotals(sql, delta));
  await Promise.all(statements);
  return results;
}

/** Sends the writes of events that are each at most once in `round`, and adds their shares to `delta`. */
function writeRound(
  sql: Queryable,
  round: { next: Current; previous: Current | undefined }[],
  recordedAt: string,
  meta: RecordMeta,
  delta: TotalsDelta,
): Promise<unknown>[] {
  const statements: Promise<unknown>[] = [];
  const previous = round.flatMap((c) => (c.previous ? [c.previous] : []));
  if (previous.length > 0) {
    const old = previous.flatMap((p) => p.keys.map((key) => [key, p.sortKey, p.id] as const));
    statements.push(
      sql`DELETE FROM event_index WHERE (key, sort_key, event_id) IN (
      SELECT * FROM unnest(${old.map((o) => o[0])}::text[], ${old.map((o) => o[1])}::text[], ${old.map((o) => o[2])}::text[]))`.execute(),
    );
    statements.push(
      sql`DELETE FROM event_casualties WHERE event_id = ANY(${previous.map((p) => p.id)}::text[])`.execute(),
    );
    for (const p of previous) addShare(delta, p, -1);
  }
  const next = round.map((c) => c.next);
  const column = <T>(pick: (c: Current) => T) => next.map(pick);
  statements.push(
    sql`WITH b AS (
      SELECT * FROM unnest(${column((c) => c.id)}::text[], ${column((c) => c.revision)}::int[],
        ${column((c) => c.json)}::text[], ${column((c) => c.category)}::text[],
        ${column((c) => JSON.stringify(placeKeysOf(c.keys)))}::text[], ${column((c) => c.sortKey)}::text[],
        ${column((c) => c.confidence)}::text[], ${column((c) => placeIdOf(c.json))}::text[],
        ${column((c) => c.lat)}::float8[], ${column((c) => c.lon)}::float8[],
        ${column((c) => JSON.stringify(c.keys))}::text[]) WITH ORDINALITY
      AS b(id, revision, json, category, place_keys, sort_key, confidence, place_id, lat, lon, index_keys, n)
    ), r AS (
      INSERT INTO event_revisions (event_id, revision, recorded_at, author, reason, json, category, place_keys)
      SELECT id, revision, ${recordedAt}, ${meta.author}, ${meta.reason}, json, category,
        ARRAY(SELECT jsonb_array_elements_text(place_keys::jsonb))
      FROM b ORDER BY n
      RETURNING id AS row_id, event_id
    )
    INSERT INTO events (id, revision, revision_row, sort_key, category, confidence, place_id, lat, lon, index_keys,
      recorded_at, first_recorded_at)
    SELECT b.id, b.revision, r.row_id, b.sort_key, b.category, b.confidence, b.place_id, b.lat, b.lon,
      ARRAY(SELECT jsonb_array_elements_text(b.index_keys::jsonb)), ${recordedAt}, ${recordedAt}
    FROM b JOIN r ON r.event_id = b.id
    ON CONFLICT (id) DO UPDATE SET revision = excluded.revision, revision_row = excluded.revision_row,
      sort_key = excluded.sort_key, category = excluded.category, confidence = excluded.confidence,
      place_id = excluded.place_id, lat = excluded.lat, lon = excluded.lon, index_keys = excluded.index_keys,
      recorded_at = excluded.recorded_at`.execute(),
  );
  statements.push(insertDerivedRows(sql, next));
  for (const n of next) addShare(delta, n, 1);
  return statements;
}

const placeIdOf = (json: string) => (JSON.parse(json) as Event).place.placeId ?? null;

/**
 * The event_index and event_casualties rows of these events, and the bounds of their grid cells
 * unless `cellBounds` is false (a rebuild works them out at the end). Sends its statements at
 * once, in order (so a caller's earlier statements run first).
 */
export function insertDerivedRows(
  sql: Queryable,
  events: readonly DerivedSource[],
  cellBounds = true,
): Promise<unknown> {
  const index = events.flatMap((e) => e.keys.map((key) => ({ key, e })));
  const statements: Promise<unknown>[] = [];
  statements.push(
    sql`INSERT INTO event_index (key, sort_key, event_id, confidence, lat, lon)
    SELECT * FROM unnest(${index.map((r) => r.key)}::text[], ${index.map((r) => r.e.sortKey)}::text[],
      ${index.map((r) => r.e.id)}::text[], ${index.map((r) => r.e.confidence)}::text[],
      ${index.map((r) => r.e.lat)}::float8[], ${index.map((r) => r.e.lon)}::float8[])`.execute(),
  );
  const casualties = events.flatMap((e) => e.casualties.map((c, seq) => ({ id: e.id, seq, c })));
  if (casualties.length > 0) {
    statements.push(
      sql`INSERT INTO event_casualties (event_id, seq, grp, kind, count, qualifier)
      SELECT * FROM unnest(${casualties.map((r) => r.id)}::text[], ${casualties.map((r) => r.seq)}::int[],
        ${casualties.map((r) => r.c.group)}::text[], ${casualties.map((r) => r.c.kind)}::text[],
        ${casualties.map((r) => r.c.count)}::int[], ${casualties.map((r) => r.c.qualifier)}::text[])`.execute(),
    );
  }
  const cells = cellBounds
    ? index.filter((r) => r.key.startsWith('cell:') && r.e.lat !== null && r.e.lon !== null)
    : [];
  if (cells.length > 0) {
    statements.push(
      sql`INSERT INTO cell_bounds (key, min_lat, max_lat, min_lon, max_lon)
      SELECT key, min(lat), max(lat), min(lon), max(lon)
      FROM unnest(${cells.map((r) => r.key)}::text[], ${cells.map((r) => r.e.lat)}::float8[],
        ${cells.map((r) => r.e.lon)}::float8[]) AS c(key, lat, lon)
      GROUP BY key
      ON CONFLICT (key) DO UPDATE SET min_lat = least(cell_bounds.min_lat, excluded.min_lat),
        max_lat = greatest(cell_bounds.max_lat, excluded.max_lat),
        min_lon = least(cell_bounds.min_lon, excluded.min_lon),
        max_lon = greatest(cell_bounds.max_lon, excluded.max_lon)`.execute(),
    );
  }
  return Promise.all(statements);
}

/**
 * Adds the summed shares to every totals table in one statement (an upsert per table, each a
 * CTE; a table with no share gets empty arrays), then deletes the rows left at zero.
 */
export async function applyTotals(sql: Queryable, delta: TotalsDelta): Promise<void> {
  const names = Object.keys(TOTALS_TABLES) as TotalsName[];
  const params: unknown[][] = [];
  const parts = names.map((name, t) => {
    const table = tableOf(name);
    const rows = [...delta[name].values()].filter((row) => row.sums.some((n) => n !== 0));
    const arrays = [
      ...table.keyColumns.map((c, i) => `$${params.push(rows.map((r) => r.keys[i]))}::${keyColumnType(c)}[]`),
      ...table.sumColumns.map((_, i) => `$${params.push(rows.map((r) => r.sums[i] as number))}::bigint[]`),
    ];
    const keys = table.keyColumns.join(', ');
    const sums = table.sumColumns.map((c) => `${c} = ${table.name}.${c} + excluded.${c}`).join(', ');
    return {
      cte: `t${t} AS (INSERT INTO ${table.name} (${[...table.keyColumns, ...table.sumColumns].join(', ')})
        SELECT * FROM unnest(${arrays.join(', ')})
        ON CONFLICT (${keys}) DO UPDATE SET ${sums}
        RETURNING ${t} AS t, json_build_array(${keys}) AS keys, ${table.emptyWhen} AS n)`,
      emptied: `SELECT t, keys FROM t${t} WHERE n = 0`,
    };
  });
  if (names.every((name) => delta[name].size === 0)) return;
  const emptied = (await sql.unsafe(
    `WITH ${parts.map((p) => p.cte).join(',\n')}\n${parts.map((p) => p.emptied).join('\nUNION ALL ')}`,
    params as never[],
    PREPARED,
  )) as unknown as { t: number; keys: (string | number)[] }[];
  await Promise.all(
    names.map((name, t) => {
      const rows = emptied.filter((row) => row.t === t);
      if (rows.length === 0) return undefined;
      const table = tableOf(name);
      return sql.unsafe(
        `DELETE FROM ${table.name} WHERE (${table.keyColumns.join(', ')}) IN (
          SELECT * FROM unnest(${table.keyColumns.map((c, i) => `$${i + 1}::${keyColumnType(c)}[]`).join(', ')}))`,
        table.keyColumns.map((_, i) => rows.map((row) => row.keys[i])) as never[],
      );
    }),
  );
}
