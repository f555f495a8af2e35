/**
 * Rebuilding every derived row on Postgres with new settings (a new gazetteer, a new time zone):
 * in one transaction behind the event write lock, so readers see the old rows until it commits
 * and no writer adds rows built the old way meanwhile; events are read in batches by id, and the
 * totals and cell bounds are worked out from the rows at the end (src/store/postgres/derived-totals.ts).
 */
import type { Event } from '../../core/schemas.ts';
import { DERIVED_SETTINGS_KEY, type DerivedSettings, settingsJson } from '../derived-settings.ts';
import type { Queryable, Sql } from './connection.ts';
import { TOTALS_TABLES } from './derived-rows.ts';
import { insertTotalsFromRows } from './derived-totals.ts';
import { derivedOf, EVENT_WRITE_LOCK, insertDerivedRows, placeKeysOf, type WriteSettings } from './event-writes.ts';

const BATCH = 2000;

/** Rewrites the derived rows of every event (and the place keys of every revision); returns how many events. */
export async function rebuildDerived(pool: Sql, settings: WriteSettings & DerivedSettings): Promise<number> {
  return (await pool.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(${EVENT_WRITE_LOCK})`;
    const derived = [
      'event_index',
      'event_casualties',
      'cell_bounds',
      ...Object.values(TOTALS_TABLES).map((t) => t.name),
    ];
    await tx.unsafe(`TRUNCATE ${derived.join(', ')}`);
    const events = await rebuildEvents(tx, settings);
    await insertTotalsFromRows(tx);
    await rebuildRevisionPlaces(tx, settings);
    await tx`INSERT INTO meta (key, value) VALUES (${DERIVED_SETTINGS_KEY}, ${settingsJson(settings)})
      ON CONFLICT (key) DO UPDATE SET value = excluded.value`;
    return events;
  })) as number;
}

async function rebuildEvents(tx: Queryable, settings: WriteSettings): Promise<number> {
  let after = '';
  let count = 0;
  for (;;) {
    const rows = await tx<{ id: string; revision: number; json: string }[]>`SELECT e.id, e.revision, r.json
      FROM events e JOIN event_revisions r ON r.id = e.revision_row WHERE e.id > ${after} ORDER BY e.id LIMIT ${BATCH}`;
    if (rows.length === 0) return count;
    const next = rows.map((r) => derivedOf(JSON.parse(r.json) as Event, r.json, r.revision, settings));
    await tx`UPDATE events e SET sort_key = b.sort_key, lat = b.lat, lon = b.lon,
        index_keys = ARRAY(SELECT jsonb_array_elements_text(b.index_keys::jsonb))
      FROM unnest(${next.map((n) => n.id)}::text[], ${next.map((n) => n.sortKey)}::text[],
        ${next.map((n) => n.lat)}::float8[], ${next.map((n) => n.lon)}::float8[],
        ${next.map((n) => JSON.stringify(n.keys))}::text[]) AS b(id, sort_key, lat, lon, index_keys)
      WHERE e.id = b.id`;
    await insertDerivedRows(tx, next, false);
    count += rows.length;
    after = rows[rows.length - 1]?.id ?? after;
  }
}

async function rebuildRevisionPlaces(tx: Queryable, settings: WriteSettings): Promise<void> {
  let after = 0;
  for (;;) {
    const rows = await tx<{ id: number; json: string }[]>`SELECT id, json FROM event_revisions
      WHERE id > ${after} ORDER BY id LIMIT ${BATCH}`;
    if (rows.length === 0) return;
    const keys = rows.map((r) =>
      JSON.stringify(placeKeysOf(derivedOf(JSON.parse(r.json) as Event, r.json, 0, settings).keys)),
    );
    await tx`UPDATE event_revisions r SET place_keys = ARRAY(SELECT jsonb_array_elements_text(b.place_keys::jsonb))
      FROM unnest(${rows.map((r) => r.id)}::bigint[], ${keys}::text[]) AS b(id, place_keys) WHERE r.id = b.id`;
    after = rows[rows.length - 1]?.id ?? after;
  }
}
