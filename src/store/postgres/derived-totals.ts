/**
 * Every totals table and cell_bounds worked out at once from event_index, event_casualties and
 * events, after a rebuild has written those: one grouped INSERT per table, counting what
 * src/store/postgres/derived-rows.ts's `addShare` adds for each event, far cheaper than summing
 * the same rows batch by batch. The tables must be empty.
 */
import type { Queryable } from './connection.ts';

const casualtySums = `sum(coalesce(c.count, 0)), count(*) FILTER (WHERE c.qualifier = 'at-least'),
  count(*) FILTER (WHERE c.qualifier = 'unknown'), count(*)`;
/** Casualty totals leave out grid cells; per-category totals are kept for places and squares. */
const withCasualties = `FROM event_index t JOIN event_casualties c ON c.event_id = t.event_id
  WHERE t.key NOT LIKE 'cell:%'`;
const monthSums = 'sum(total), sum(at_least), sum(unknown), sum(reports)';
const byCategory = `(t.key LIKE 'place:%' OR t.key LIKE 'square:%')`;
/** Per-point totals are kept for squares and places, for the events that have a point. */
const byPoint = `(t.key LIKE 'square:%' OR t.key LIKE 'place:%') AND t.lat IS NOT NULL AND t.lon IS NOT NULL`;

const STATEMENTS = [
  `INSERT INTO event_counts (key, month, confidence, events)
    SELECT t.key, left(t.sort_key, 7), t.confidence, count(*) FROM event_index t GROUP BY 1, 2, 3`,
  `INSERT INTO event_totals (key, confidence, events)
    SELECT key, confidence, sum(events) FROM event_counts GROUP BY 1, 2`,
  `INSERT INTO category_totals (key, category, confidence, events)
    SELECT t.key, e.category, t.confidence, count(*) FROM event_index t JOIN events e ON e.id = t.event_id
    WHERE ${byCategory} GROUP BY 1, 2, 3`,
  `INSERT INTO casualty_counts (key, month, grp, kind, confidence, total, at_least, unknown, reports)
    SELECT t.key, left(t.sort_key, 7), c.grp, c.kind, t.confidence, ${casualtySums} ${withCasualties}
    GROUP BY 1, 2, 3, 4, 5`,
  // Years and all time add up the months.
  `INSERT INTO casualty_years (key, year, grp, kind, confidence, total, at_least, unknown, reports)
    SELECT key, left(month, 4), grp, kind, confidence, ${monthSums} FROM casualty_counts GROUP BY 1, 2, 3, 4, 5`,
  `INSERT INTO casualty_totals (key, grp, kind, confidence, total, at_least, unknown, reports)
    SELECT key, grp, kind, confidence, ${monthSums} FROM casualty_counts GROUP BY 1, 2, 3, 4`,
  `INSERT INTO category_casualty_totals (key, category, grp, kind, confidence, total, at_least, unknown, reports)
    SELECT t.key, e.category, c.grp, c.kind, t.confidence, ${casualtySums}
    FROM event_index t JOIN event_casualties c ON c.event_id = t.event_id JOIN events e ON e.id = t.event_id
    WHERE ${byCategory} GROUP BY 1, 2, 3, 4, 5`,
  `INSERT INTO point_totals (key, lat, lon, category, confidence, events)
    SELECT t.key, t.lat, t.lon, e.category, t.confidence, count(*) FROM event_index t JOIN events e ON e.id = t.event_id
    WHERE ${byPoint} GROUP BY 1, 2, 3, 4, 5`,
  `INSERT INTO point_casualty_totals (key, lat, lon, category, grp, kind, confidence, total, at_least, unknown, reports)
    SELECT t.key, t.lat, t.lon, e.category, c.grp, c.kind, t.confidence, ${casualtySums}
    FROM event_index t JOIN event_casualties c ON c.event_id = t.event_id JOIN events e ON e.id = t.event_id
    WHERE ${byPoint} GROUP BY 1, 2, 3, 4, 5, 6, 7`,
  `INSERT INTO cell_bounds (key, min_lat, max_lat, min_lon, max_lon)
    SELECT t.key, min(t.lat), max(t.lat), min(t.lon), max(t.lon) FROM event_index t
    WHERE t.key LIKE 'cell:%' AND t.lat IS NOT NULL AND t.lon IS NOT NULL GROUP BY 1`,
];

/** Fills the (empty) totals tables and cell_bounds from the event rows; `sql` should be a transaction. */
export async function insertTotalsFromRows(sql: Queryable): Promise<void> {
  // Room to group in memory: the default (4 MB) sorts millions of rows on disk.
  await sql.unsafe(`SET LOCAL work_mem = '256MB'`);
  for (const statement of STATEMENTS) await sql.unsafe(statement);
}
