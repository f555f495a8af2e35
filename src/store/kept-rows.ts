/**
 * What the SQLite store keeps in memory of the rows derived from events, for circles: the
 * per-point rows of squares and places, the all-time totals of keys, and the newest index rows
 * of squares, each read from the file by key and kept while that key's events stay as they were
 * (see versioned-memory.ts and migration 044).
 */
import type { PreparedStatements } from './event-plan.ts';
import { createKeptTotals, type KeptTotals, type SetTotals } from './kept-totals.ts';
import { createNewestKeys, type NewestKeys, type NewestRow } from './newest-keys.ts';
import { createPointSets, type PointSets, type SetRows } from './point-sets.ts';

export interface KeptRows {
  pointSets: PointSets | undefined;
  keptTotals: KeptTotals | undefined;
  newestKeys: NewestKeys | undefined;
}

/** Without `version` nothing is kept. */
export function createKeptRows(prepared: PreparedStatements, version?: () => string | undefined): KeptRows {
  if (!version) return { pointSets: undefined, keptTotals: undefined, newestKeys: undefined };
  const keyVersion = (key: string) =>
    (prepared('SELECT n FROM key_generation WHERE key = ?').pluck().get(key) as number | undefined) ?? 0;
  const rowsOf = (sql: string) => (key: string) => prepared(sql).raw().all(key);
  const pointRows = rowsOf('SELECT lat, lon, category, confidence, events FROM point_totals WHERE key = ?');
  const pointCasualtyRows = rowsOf(`SELECT lat, lon, category, confidence, grp, kind, total, at_least, unknown
    FROM point_casualty_totals WHERE key = ?`);
  // At most `maxRows` + 1 rows counted, so that a large set costs little to turn down.
  const counted = (table: string, key: string, maxRows: number) =>
    prepared(`SELECT count(*) FROM (SELECT 1 FROM ${table} WHERE key = ? LIMIT ?)`)
      .pluck()
      .get(key, maxRows + 1) as number;
  const pointSets = createPointSets(
    (key, maxRows): SetRows | undefined =>
      counted('point_totals', key, maxRows) + counted('point_casualty_totals', key, maxRows) > maxRows
        ? undefined
        : {
            points: pointRows(key) as SetRows['points'],
            casualties: pointCasualtyRows(key) as SetRows['casualties'],
          },
    version,
    keyVersion,
  );
  const eventTotals = rowsOf('SELECT confidence, events FROM event_totals WHERE key = ?');
  const casualtyTotals = rowsOf(
    'SELECT grp, kind, confidence, total, at_least, unknown FROM casualty_totals WHERE key = ?',
  );
  const keptTotals = createKeptTotals(
    (key): SetTotals => ({
      events: eventTotals(key) as SetTotals['events'],
      casualties: casualtyTotals(key) as SetTotals['casualties'],
    }),
    version,
    keyVersion,
  );
  const newestKeys = createNewestKeys(
    (key, limit) =>
      prepared(`SELECT sort_key, event_id, confidence, lat, lon FROM event_index WHERE key = ?
        ORDER BY sort_key DESC, event_id DESC LIMIT ?`).all(key, limit) as NewestRow[],
    version,
    keyVersion,
  );
  return { pointSets, keptTotals, newestKeys };
}
