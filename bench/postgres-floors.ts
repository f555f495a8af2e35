/**
 * The Postgres floor of each workload (bench/workloads.ts, same order): the SQL that reads the
 * same rows, sent straight through postgres.js on the same pool, independent statements at once,
 * with no planning, JSON parsing or View building. What a hand-written client could do at best.
 */
import { digestWindow } from '../src/core/digest.ts';
import { circleSquares } from '../src/core/near.ts';
import type { Services } from '../src/core/services.ts';
import { squareKey } from '../src/store/event-index.ts';
import type { Sql } from '../src/store/postgres/connection.ts';
import { BENCH_NOW } from './workloads.ts';

const LIVE = ['confirmed', 'reported', 'disputed'];
const DISPUTED = ['disputed'];
const INCIDENTS = ['clash', 'attack', 'kidnapping', 'assassination'];
const CHANGED = `WITH w AS (SELECT event_id, max(id) AS last_row, max(recorded_at) AS at, min(revision) AS first_revision,
  max(revision) AS last_revision
  FROM event_revisions WHERE recorded_at >= $1 AND recorded_at < $2 GROUP BY event_id)`;

interface KeyRow {
  sort_key: string;
  event_id: string;
}

export type Floor = () => Promise<unknown>;

export async function createPostgresFloors(sql: Sql, services: Services): Promise<Floor[]> {
  const pageSize = services.settings.pageSize;
  const latest = (key: string, limit: number) =>
    sql`SELECT t.sort_key, t.event_id, r.json FROM event_index t JOIN events e ON e.id = t.event_id
      JOIN event_revisions r ON r.id = e.revision_row
      WHERE t.key = ${key} AND t.confidence = ANY(${LIVE}::text[]) ORDER BY t.sort_key DESC, t.event_id DESC LIMIT ${limit}`;
  const jsonOf = (ids: string[]) =>
    sql`SELECT r.json FROM events e JOIN event_revisions r ON r.id = e.revision_row WHERE e.id = ANY(${ids}::text[])`;
  const count = (keys: string[]) =>
    sql`SELECT sum(events) AS n FROM event_totals WHERE key = ANY(${keys}::text[]) AND confidence <> 'retracted'`;
  const totalsOf = (keys: string[], confidences: string[]) =>
    sql`SELECT grp, kind, sum(total) AS total, sum(at_least) AS at_least, sum(unknown) AS unknown
      FROM casualty_totals WHERE key = ANY(${keys}::text[]) AND confidence = ANY(${confidences}::text[]) GROUP BY grp, kind`;
  const totals = (keys: string[]) => [totalsOf(keys, LIVE), totalsOf(keys, DISPUTED)];
  const indicators = () => sql`SELECT key, json FROM indicators ORDER BY key, as_of_key, reported_at, id`;
  const withCategory = (category: string, place: string, after: KeyRow, limit: number) =>
    sql<KeyRow[]>`SELECT t.sort_key, t.event_id, r.json FROM event_index t
      JOIN event_index c ON c.key = ${category} AND c.sort_key = t.sort_key AND c.event_id = t.event_id
      JOIN events e ON e.id = t.event_id JOIN event_revisions r ON r.id = e.revision_row
      WHERE t.key = ${place} AND t.confidence = ANY(${LIVE}::text[]) AND (t.sort_key, t.event_id) < (${after.sort_key}, ${after.event_id})
      ORDER BY t.sort_key DESC, t.event_id DESC LIMIT ${limit}`;
  const newerWithCategory = (category: string, place: string, before: KeyRow) =>
    sql`SELECT 1 FROM event_index t
      JOIN event_index c ON c.key = ${category} AND c.sort_key = t.sort_key AND c.event_id = t.event_id
      WHERE t.key = ${place} AND t.confidence = ANY(${LIVE}::text[]) AND (t.sort_key, t.event_id) > (${before.sort_key}, ${before.event_id})
      ORDER BY t.sort_key, t.event_id LIMIT 1`;
  /** The newest `limit` live events of several keys, then their JSON. */
  const latestOfKeys = async (keys: string[], limit: number) => {
    const rows = await sql<KeyRow[]>`SELECT sort_key, event_id FROM event_index
      WHERE key = ANY(${keys}::text[]) AND confidence = ANY(${LIVE}::text[]) ORDER BY sort_key DESC, event_id DESC LIMIT ${limit}`;
    return jsonOf(rows.map((r) => r.event_id));
  };
  const place = (placeId: string) => {
    const key = `place:${placeId}`;
    return [latest(key, 10), count([key]), ...totals([key])];
  };
  /** Within km of a point, exactly: the squares wholly inside from their totals, the edge's rows by distance. */
  const near = async (point: { lat: number; lon: number }, km: number, limit: number) => {
    const circle = circleSquares({ lat: point.lat, lon: point.lon, km });
    const insideKeys = new Set(circle.inside.map(([i, j]) => squareKey(i, j)));
    const all = [...circle.inside, ...circle.edge].map(([i, j]) => squareKey(i, j));
    const holding = await sql<{ key: string }[]>`SELECT DISTINCT key FROM event_totals WHERE key = ANY(${all}::text[])`;
    const keys = holding.map((r) => r.key);
    const inside = keys.filter((key) => insideKeys.has(key));
    const edge = keys.filter((key) => !insideKeys.has(key));
    const within = sql`2 * 6371 * asin(least(1, sqrt(power(sin(radians(t.lat - ${point.lat}::float8) / 2), 2)
      + cos(radians(${point.lat}::float8)) * cos(radians(t.lat)) * power(sin(radians(t.lon - ${point.lon}::float8) / 2), 2))))
      <= ${km}::float8`;
    const latest = sql<KeyRow[]>`SELECT t.sort_key, t.event_id FROM event_index t
      WHERE t.key = ANY(${keys}::text[]) AND t.confidence = ANY(${LIVE}::text[]) AND ${within}
      ORDER BY t.sort_key DESC, t.event_id DESC LIMIT ${limit}`.then((rows) => jsonOf(rows.map((r) => r.event_id)));
    const edgeCount = sql`SELECT count(*) AS n FROM event_index t WHERE t.key = ANY(${edge}::text[])
      AND t.confidence = ANY(${LIVE}::text[]) AND ${within}`;
    const edgeTotals = (confidences: string[]) =>
      sql`SELECT c.grp, c.kind, sum(coalesce(c.count, 0)) AS total, count(*) FILTER (WHERE c.qualifier = 'at-least') AS at_least,
          count(*) FILTER (WHERE c.qualifier = 'unknown') AS unknown
        FROM event_index t JOIN event_casualties c ON c.event_id = t.event_id
        WHERE t.key = ANY(${edge}::text[]) AND t.confidence = ANY(${confidences}::text[]) AND ${within}
        GROUP BY c.grp, c.kind`;
    return Promise.all([latest, count(inside), ...totals(inside), edgeCount, edgeTotals(LIVE), edgeTotals(DISPUTED)]);
  };

  const first: KeyRow = { sort_key: '~', event_id: '' };
  const n49 = 49 * pageSize;
  const page49 = await withCategory('category:attack', 'place:artibonite', first, n49);
  const lastOf49 = page49[n49 - 1];
  if (!lastOf49) throw new Error(`fewer than ${n49} events in Artibonite with category attack`);
  const [busiest] = await sql<{ day: string }[]>`SELECT substr(recorded_at, 1, 10) AS day, count(*) AS n
    FROM event_revisions GROUP BY day ORDER BY n DESC, day LIMIT 1`;
  if (!busiest) throw new Error('no revisions');
  const window = digestWindow(services, { since: busiest.day, until: busiest.day }, BENCH_NOW);
  const saintMarc = services.gazetteer.get('saint-marc');
  const pontSonde = services.gazetteer.get('pont-sonde');
  if (!saintMarc || !pontSonde) throw new Error('the gazetteer lacks saint-marc or pont-sonde');
  const prepared = { prepare: true };
  const changes = () =>
    sql.unsafe(
      `${CHANGED}, page AS (SELECT w.*, count(*) OVER () AS n FROM w ORDER BY w.at DESC, w.last_row DESC LIMIT $3)
      SELECT p.event_id, p.first_revision, p.n, r.revision, r.recorded_at, r.author, r.reason, r.json
      FROM page p JOIN event_revisions r ON r.id = p.last_row ORDER BY p.at DESC, p.last_row DESC`,
      [window.since, window.until, 15],
      prepared,
    );
  const addedCasualties = () =>
    sql.unsafe(
      `${CHANGED}, later AS MATERIALIZED (
        SELECT * FROM w WHERE w.first_revision = 1
          AND EXISTS (SELECT 1 FROM event_revisions x WHERE x.event_id = w.event_id AND x.revision > w.last_revision)
      )
      SELECT grp, kind, sum(coalesce(count, 0)) AS total, count(*) FILTER (WHERE qualifier = 'at-least') AS at_least,
        count(*) FILTER (WHERE qualifier = 'unknown') AS unknown
      FROM (
        SELECT c.grp, c.kind, c.count, c.qualifier
        FROM w JOIN event_casualties c ON c.event_id = w.event_id JOIN events e ON e.id = w.event_id
        WHERE w.first_revision = 1 AND e.revision_row = w.last_row AND e.confidence <> 'retracted'
        UNION ALL
        SELECT c.value ->> 'group', c.value ->> 'kind', (c.value ->> 'count')::int, c.value ->> 'qualifier'
        FROM later w JOIN event_revisions r ON r.id = w.last_row
          CROSS JOIN jsonb_array_elements(r.json::jsonb -> 'casualties') c
        WHERE r.json::jsonb ->> 'confidence' <> 'retracted'
      ) s GROUP BY grp, kind`,
      [window.since, window.until],
      prepared,
    );

  return [
    // status
    () =>
      Promise.all([
        indicators(),
        ...totals(['casualty:mss']),
        latest('casualty:mss', 20),
        latestOfKeys(
          INCIDENTS.map((c) => `category:${c}`),
          services.settings.latestIncidents,
        ),
        count(['*']),
      ]),
    // timeline page 1
    () => withCategory('category:attack', 'place:artibonite', first, pageSize + 1),
    // timeline page 50
    () =>
      Promise.all([
        withCategory('category:attack', 'place:artibonite', lastOf49, pageSize + 1),
        newerWithCategory('category:attack', 'place:artibonite', lastOf49),
      ]),
    // location artibonite
    () => Promise.all(place('artibonite')),
    // location saint-marc, 25 km
    () => Promise.all([...place('saint-marc'), near(saintMarc, 25, 20)]),
    // digest of the busiest day
    () => Promise.all([changes(), addedCasualties(), indicators(), ...totals(['casualty:mss'])]),
    // ask near pont sonde
    () => Promise.all([...place('pont-sonde'), near(pontSonde, 10, 20)]),
    // ask a figure: the figures table, read for the vocabulary and for the answer
    () => Promise.all([indicators(), indicators()]),
    // ask casualties of a group: its totals (and their disputed part) and the newest reports behind them
    () => Promise.all([indicators(), ...totals(['casualty:mss']), latestOfKeys(['casualty:mss'], 20)]),
  ];
}
