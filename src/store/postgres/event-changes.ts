/**
 * What changed in a period, for digests (as src/store/event-changes.ts answers it on SQLite), in
 * one statement: the period's revisions grouped by event once (a materialised CTE, where SQLite
 * uses a per-connection temp table that a pool could not share), filtered on the category and
 * place keys kept on each revision row, listed, counted, and the casualties of the events that
 * entered the record summed: from event_casualties for a current revision, from the revision's
 * JSON for one revised again after the period.
 */
import { EventCategory } from '../../core/schemas.ts';
import type { ChangeFilter, ChangeList } from '../../core/store-port.ts';
import { type CasualtySum, totalsOfSums } from '../casualty-sums.ts';
import { placeKey } from '../event-index.ts';
import type { ParsedRevisions } from '../parsed-revisions.ts';
import type { Queryable } from './connection.ts';

interface ChangeRow {
  event_id: string;
  first_revision: number;
  row_id: number;
  revision: number;
  recorded_at: string;
  author: string;
  reason: string;
  json: string;
}

export async function changesBetween(
  sql: Queryable,
  parsed: ParsedRevisions,
  since: string,
  until: string,
  filter: ChangeFilter,
  limit: number,
): Promise<ChangeList> {
  if (!Number.isInteger(limit) || limit < 0) throw new Error(`limit must be a whole number, got ${limit}`);
  if (filter.category !== undefined && !EventCategory.options.includes(filter.category)) {
    throw new Error(`unknown category "${filter.category}"`);
  }
  const category = filter.category ?? null;
  const place = filter.placeId === undefined ? null : placeKey(filter.placeId);
  const [result] = await sql<{ total: number; page: ChangeRow[]; added: CasualtySum[] }[]>`
    WITH w AS MATERIALIZED (
      SELECT event_id, max(id) AS last_row, max(recorded_at) AS at, min(revision) AS first_revision
      FROM event_revisions WHERE recorded_at >= ${since} AND recorded_at < ${until} GROUP BY event_id
    ), f AS MATERIALIZED (
      SELECT w.* FROM w JOIN event_revisions r ON r.id = w.last_row
      WHERE (${category}::text IS NULL OR r.category = ${category}::text)
        AND (${place}::text IS NULL OR ${place}::text = ANY(r.place_keys))
    ), page AS (
      SELECT * FROM f ORDER BY at DESC, last_row DESC LIMIT ${limit}
    ), entered AS (
      SELECT f.event_id, f.last_row, e.revision_row = f.last_row AS current, e.confidence
      FROM f JOIN events e ON e.id = f.event_id WHERE f.first_revision = 1
    ), added AS (
      SELECT grp, kind, sum(coalesce(count, 0)) AS total, count(*) FILTER (WHERE qualifier = 'at-least') AS at_least,
        count(*) FILTER (WHERE qualifier = 'unknown') AS unknown
      FROM (
        SELECT c.grp, c.kind, c.count, c.qualifier FROM entered n JOIN event_casualties c ON c.event_id = n.event_id
        WHERE n.current AND n.confidence <> 'retracted'
        UNION ALL
        SELECT x."group", x.kind, x.count, x.qualifier
        FROM entered n JOIN event_revisions r ON r.id = n.last_row
          CROSS JOIN jsonb_to_recordset(r.json::jsonb -> 'casualties') AS x("group" text, kind text, count int, qualifier text)
        WHERE NOT n.current AND r.json::jsonb ->> 'confidence' <> 'retracted'
      ) s GROUP BY grp, kind
    )
    SELECT (SELECT count(*) FROM f) AS total,
      (SELECT coalesce(json_agg(json_build_object('event_id', p.event_id, 'first_revision', p.first_revision,
          'row_id', r.id, 'revision', r.revision, 'recorded_at', r.recorded_at, 'author', r.author, 'reason', r.reason,
          'json', r.json) ORDER BY p.at DESC, p.last_row DESC), '[]')
        FROM page p JOIN event_revisions r ON r.id = p.last_row) AS page,
      (SELECT coalesce(json_agg(added), '[]') FROM added) AS added`;
  if (!result) throw new Error('changesBetween: no result row');
  return {
    changes: result.page.map((row) => ({
      eventId: row.event_id,
      revision: row.revision,
      recordedAt: row.recorded_at,
      author: row.author,
      reason: row.reason,
      event: parsed.get(row.row_id, () => row.json),
      firstRevisionInPeriod: row.first_revision,
    })),
    total: result.total,
    added: totalsOfSums(result.added),
  };
}
