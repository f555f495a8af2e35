/**
 * What changed in a period, for digests: each event with a revision recorded in it, once, at its
 * latest revision there, filtered, counted and summed in SQL so that only the revisions listed
 * are parsed. An event whose current revision is that latest one (nearly always) is filtered on
 * its `events` and event_index rows and summed from event_casualties; one revised again after
 * the period is read from the revision's JSON.
 */

import type { Database, Statement } from 'better-sqlite3';
import { type Event, EventCategory } from '../core/schemas.ts';
import type { ChangeFilter, ChangeList } from '../core/store-port.ts';
import { type CasualtySum, totalsOfSums } from './casualty-sums.ts';
import { placeKey } from './event-index.ts';
import type { ParsedRevisions } from './parsed-revisions.ts';

interface ChangeRow {
  event_id: string;
  first_revision: number;
  revision: number;
  recorded_at: string;
  author: string;
  reason: string;
  row_id: number;
  total: number;
}

export function createEventChanges(db: Database, placePath: (placeId: string) => string[], parsed: ParsedRevisions) {
  const revisionJson = db.prepare<[number], { json: string }>('SELECT json FROM event_revisions WHERE id = ?');
  const inside = (placeId: string, ancestor: string) => {
    const path = placePath(placeId);
    return path.length > 0 ? path.includes(ancestor) : placeId === ancestor;
  };
  // Only for revisions that are no longer current, so rarely called.
  db.function('revision_in_place', { deterministic: true }, (json: unknown, ancestor: unknown) => {
    const event = JSON.parse(String(json)) as Event;
    const ids = [event.place.placeId, ...event.claims.map((c) => c.placeId)];
    return ids.some((id) => id !== undefined && inside(id, String(ancestor))) ? 1 : 0;
  });

  // The events changed in the period, grouped once per call into a temp table that both
  // statements read: grouping the period's revisions is most of a digest's work, and a CTE
  // would repeat it in each statement that names it.
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS changed_in_period (event_id TEXT PRIMARY KEY,
    last_row INTEGER NOT NULL, at TEXT NOT NULL, first_revision INTEGER NOT NULL, last_revision INTEGER NOT NULL
  ) WITHOUT ROWID`);
  const clearChanged = db.prepare('DELETE FROM temp.changed_in_period');
  /** Each event with revisions in the period: the row of its latest one there, when, and its first and last revision there. */
  const fillChanged = db.prepare(`INSERT INTO temp.changed_in_period
    (event_id, last_row, at, first_revision, last_revision)
    SELECT event_id, max(id), max(recorded_at), min(revision), max(revision)
    FROM event_revisions WHERE recorded_at >= @since AND recorded_at < @until GROUP BY event_id`);
  /** The changed events as `w`. */
  const changed = 'WITH w AS NOT MATERIALIZED (SELECT * FROM temp.changed_in_period)';
  /** Joins `e`, the event's row, to `w`; the revision's JSON is read only when it is no longer the current one. */
  const joins = ' CROSS JOIN events e ON e.id = w.event_id';
  const current = 'e.revision_row = w.last_row';
  const json = '(SELECT json FROM event_revisions WHERE id = w.last_row)';
  const conditions = (f: ChangeFilter) =>
    (f.category === undefined
      ? ''
      : ` AND (CASE WHEN ${current} THEN e.category ELSE ${json} ->> '$.category' END) = @category`) +
    (f.placeId === undefined
      ? ''
      : ` AND (CASE WHEN ${current}
          THEN EXISTS (SELECT 1 FROM event_index x WHERE x.key = @placeKey AND x.sort_key = e.sort_key AND x.event_id = e.id)
          ELSE revision_in_place(${json}, @placeId) END)`);

  const statements = new Map<string, { list: Statement; added: Statement }>();
  function statementsFor(f: ChangeFilter) {
    const shape = `${f.category !== undefined}:${f.placeId !== undefined}`;
    let s = statements.get(shape);
    if (!s) {
      const where = conditions(f);
      s = {
        // The page is picked from the index rows first; only its revisions are read whole.
        list: db.prepare(`${changed}, page AS (
            SELECT w.event_id, w.last_row, w.at, w.first_revision, count(*) OVER () AS total
            FROM w${where ? `${joins} WHERE true${where}` : ''}
            ORDER BY w.at DESC, w.last_row DESC LIMIT @limit
          )
          SELECT p.event_id, p.first_revision, p.total, r.id AS row_id, r.revision, r.recorded_at, r.author, r.reason
          FROM page p CROSS JOIN event_revisions r ON r.id = p.last_row ORDER BY p.at DESC, p.last_row DESC`),
        // Summed in SQL. Casualties of current revisions come from event_casualties (the events
        // row is read only for events with casualties); an event revised after the period, found
        // by a probe of the (event_id, revision) index, from its revision's JSON.
        added: db.prepare(`${changed}, later AS MATERIALIZED (
            SELECT * FROM w WHERE w.first_revision = 1
              AND EXISTS (SELECT 1 FROM event_revisions x WHERE x.event_id = w.event_id AND x.revision > w.last_revision)
          )
          SELECT grp, kind, sum(coalesce(count, 0)) AS total, sum(qualifier = 'at-least') AS at_least,
            sum(qualifier = 'unknown') AS unknown
          FROM (
            SELECT c.grp, c.kind, c.count, c.qualifier
            FROM w CROSS JOIN event_casualties c ON c.event_id = w.event_id${joins}
            WHERE w.first_revision = 1 AND ${current} AND e.confidence <> 'retracted'${where}
            UNION ALL
            SELECT c.value ->> 'group', c.value ->> 'kind', c.value ->> 'count', c.value ->> 'qualifier'
            FROM later w${joins} CROSS JOIN event_revisions r ON r.id = w.last_row
              CROSS JOIN json_each(r.json, '$.casualties') c
            WHERE r.json ->> '$.confidence' <> 'retracted'${where}
          ) GROUP BY grp, kind`),
      };
      statements.set(shape, s);
    }
    return s;
  }

  return db.transaction((since: string, until: string, filter: ChangeFilter, limit: number): ChangeList => {
    if (!Number.isInteger(limit) || limit < 0) throw new Error(`limit must be a whole number, got ${limit}`);
    if (filter.category !== undefined && !EventCategory.options.includes(filter.category)) {
      throw new Error(`unknown category "${filter.category}"`);
    }
    const params = {
      since,
      until,
      limit,
      ...(filter.category !== undefined && { category: filter.category }),
      ...(filter.placeId !== undefined && { placeId: filter.placeId, placeKey: placeKey(filter.placeId) }),
    };
    const s = statementsFor(filter);
    clearChanged.run();
    fillChanged.run({ since, until });
    const rows = s.list.all(params) as ChangeRow[];
    const added = totalsOfSums(s.added.all(params) as CasualtySum[]);
    return {
      changes: rows.map((row) => ({
        eventId: row.event_id,
        revision: row.revision,
        recordedAt: row.recorded_at,
        author: row.author,
        reason: row.reason,
        event: parsed.get(row.row_id, () => (revisionJson.get(row.row_id) as { json: string }).json),
        firstRevisionInPeriod: row.first_revision,
      })),
      total: rows[0]?.total ?? (limit === 0 ? countOnly(s, params) : 0),
      added,
    };
  });

  /** With a limit of 0 the listing returns no row to carry the total. */
  function countOnly(s: ReturnType<typeof statementsFor>, params: Record<string, unknown>): number {
    const row = s.list.all({ ...params, limit: 1 })[0] as ChangeRow | undefined;
    return row?.total ?? 0;
  }
}
