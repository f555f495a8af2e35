/**
 * What the benchmark measures: each workload is one answer through the core (as a user gets
 * it) beside its floor, the SQL that reads the same rows run directly with better-sqlite3 on
 * the same file, fetching the same columns, with no planning, JSON parsing or View building.
 */
import type { Database, Statement } from 'better-sqlite3';
import { ask } from '../src/core/ask.ts';
import { digest, digestWindow } from '../src/core/digest.ts';
import { locationReport } from '../src/core/location.ts';
import { circleSquares } from '../src/core/near.ts';
import { distanceKm } from '../src/core/places.ts';
import type { Services } from '../src/core/services.ts';
import { status } from '../src/core/status.ts';
import { timeline } from '../src/core/timeline.ts';
import type { View } from '../src/core/view.ts';
import { squareKey } from '../src/store/event-index.ts';

export interface Workload {
  name: string;
  core: () => Promise<View>;
  floor: () => unknown;
  /**
   * A question on a topic (a figure, a group's casualties): its target is p99 <= 5 ms alone, as
   * the floor is a read of a few rows that leaves out understanding the question.
   */
  topic?: true;
}

/** After every generated event, so answers do not depend on the day the benchmark runs. */
export const BENCH_NOW = new Date('2026-01-01T12:00:00Z');

const LIVE = "t.confidence IN ('confirmed', 'reported', 'disputed')";
const CHANGED = `WITH w AS (SELECT event_id, max(id) AS last_row, max(recorded_at) AS at, min(revision) AS first_revision,
  max(revision) AS last_revision
  FROM event_revisions WHERE recorded_at >= ? AND recorded_at < ? GROUP BY event_id)`;
const INCIDENTS = ['clash', 'attack', 'kidnapping', 'assassination'];

interface KeyRow {
  sort_key: string;
  event_id: string;
}

const newer = (a: KeyRow, b: KeyRow) =>
  a.sort_key > b.sort_key || (a.sort_key === b.sort_key && a.event_id > b.event_id);

function floorQueries(db: Database) {
  // The distance the store filters a circle's edge with (src/store/event-queries.ts registers the same).
  db.function('distance_km', { deterministic: true }, (lat: unknown, lon: unknown, clat: unknown, clon: unknown) =>
    typeof lat === 'number' && typeof lon === 'number' && typeof clat === 'number' && typeof clon === 'number'
      ? distanceKm({ lat: clat, lon: clon }, { lat, lon })
      : null,
  );
  const cache = new Map<string, Statement>();
  const prepared = (sql: string) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
  const rowsOf = (extra = '', join = '') =>
    db.prepare(`SELECT t.sort_key, t.event_id, r.json FROM event_index t ${join}
      JOIN events e ON e.id = t.event_id JOIN event_revisions r ON r.id = e.revision_row
      WHERE t.key = ? AND ${LIVE}${extra} ORDER BY t.sort_key DESC, t.event_id DESC LIMIT ?`);
  const statements = {
    latest: rowsOf(),
    keysOlder: db.prepare<unknown[], KeyRow>(`SELECT t.sort_key, t.event_id FROM event_index t
      WHERE t.key = ? AND ${LIVE} AND (t.sort_key, t.event_id) < (?, ?) ORDER BY t.sort_key DESC, t.event_id DESC LIMIT ?`),
    json: db.prepare('SELECT r.json FROM events e JOIN event_revisions r ON r.id = e.revision_row WHERE e.id = ?'),
    // Newest events of one square of a circle within its distance; one statement per square, as they are read side by side.
    keysOfSquare: (copy: number) =>
      prepared(`SELECT t.sort_key, t.event_id FROM event_index t WHERE t.key = ? AND ${LIVE}
        AND distance_km(t.lat, t.lon, ?, ?) <= ? ORDER BY t.sort_key DESC, t.event_id DESC /* ${copy} */`),
    // The events of the squares a circle's edge cuts that lie within it, counted and summed row by row.
    countWithin: (keys: number) =>
      prepared(`SELECT count(*) AS n FROM event_index t WHERE t.key IN (${Array(keys).fill('?').join(', ')})
        AND ${LIVE} AND distance_km(t.lat, t.lon, ?, ?) <= ?`),
    totalsWithin: (keys: number) =>
      prepared(`SELECT c.grp, c.kind, sum(coalesce(c.count, 0)) AS total, sum(c.qualifier = 'at-least') AS at_least,
          sum(c.qualifier = 'unknown') AS unknown
        FROM event_index t JOIN event_casualties c ON c.event_id = t.event_id
        WHERE t.key IN (${Array(keys).fill('?').join(', ')}) AND t.confidence IN (?, ?, ?)
          AND distance_km(t.lat, t.lon, ?, ?) <= ? GROUP BY c.grp, c.kind`),
    squaresHolding: (keys: number) =>
      prepared(`SELECT DISTINCT key FROM event_totals WHERE key IN (${Array(keys).fill('?').join(', ')})`),
    countIn: (keys: number) =>
      prepared(`SELECT sum(events) AS n FROM event_totals WHERE key IN (${Array(keys).fill('?').join(', ')})
        AND confidence <> 'retracted'`),
    totalsIn: (keys: number) =>
      prepared(`SELECT grp, kind, sum(total) AS total, sum(at_least) AS at_least, sum(unknown) AS unknown
        FROM casualty_totals WHERE key IN (${Array(keys).fill('?').join(', ')}) AND confidence IN (?, ?, ?)
        GROUP BY grp, kind`),
    withCategory: rowsOf(
      ' AND (t.sort_key, t.event_id) < (?, ?)',
      'JOIN event_index c ON c.key = ? AND c.sort_key = t.sort_key AND c.event_id = t.event_id',
    ),
    newerWithCategory: db.prepare(`SELECT 1 FROM event_index t
      JOIN event_index c ON c.key = ? AND c.sort_key = t.sort_key AND c.event_id = t.event_id
      WHERE t.key = ? AND ${LIVE} AND (t.sort_key, t.event_id) > (?, ?) ORDER BY t.sort_key, t.event_id LIMIT 1`),
    // All-time counts and totals from the all-time rows (migration 020), as few rows as SQL can answer them from.
    count: db.prepare(`SELECT sum(events) AS n FROM event_totals WHERE key = ? AND confidence <> 'retracted'`),
    totals: db.prepare(`SELECT grp, kind, sum(total) AS total, sum(at_least) AS at_least, sum(unknown) AS unknown
      FROM casualty_totals WHERE key = ? AND confidence IN (?, ?, ?) GROUP BY grp, kind`),
    indicators: db.prepare('SELECT key, json FROM indicators ORDER BY key, as_of_key, reported_at, id'),
    // The latest revision of each event changed in a period, newest first, with the count (the digest lists 15).
    changes: db.prepare(`${CHANGED}, page AS (SELECT w.*, count(*) OVER () AS n FROM w
        ORDER BY w.at DESC, w.last_row DESC LIMIT ?)
      SELECT p.event_id, p.first_revision, p.n, r.revision, r.recorded_at, r.author, r.reason, r.json
      FROM page p JOIN event_revisions r ON r.id = p.last_row ORDER BY p.at DESC, p.last_row DESC`),
    // Casualties of the events new in the period, summed: current revisions from event_casualties,
    // and those revised after the period (found by probing the (event_id, revision) index) from their JSON.
    addedCasualties: db.prepare(`${CHANGED}, later AS MATERIALIZED (
        SELECT * FROM w WHERE w.first_revision = 1
          AND EXISTS (SELECT 1 FROM event_revisions x WHERE x.event_id = w.event_id AND x.revision > w.last_revision)
      )
      SELECT grp, kind, sum(coalesce(count, 0)) AS total, sum(qualifier = 'at-least') AS at_least,
        sum(qualifier = 'unknown') AS unknown
      FROM (
        SELECT c.grp, c.kind, c.count, c.qualifier
        FROM w CROSS JOIN event_casualties c ON c.event_id = w.event_id CROSS JOIN events e ON e.id = w.event_id
        WHERE w.first_revision = 1 AND e.revision_row = w.last_row AND e.confidence <> 'retracted'
        UNION ALL
        SELECT c.value ->> 'group', c.value ->> 'kind', c.value ->> 'count', c.value ->> 'qualifier'
        FROM later w CROSS JOIN event_revisions r ON r.id = w.last_row CROSS JOIN json_each(r.json, '$.casualties') c
        WHERE r.json ->> '$.confidence' <> 'retracted'
      ) GROUP BY grp, kind`),
  };
  const all = (s: Statement, ...params: unknown[]) => s.all(...params);
  const totals = (key: string) => [
    all(statements.totals, key, 'confirmed', 'reported', 'disputed'),
    all(statements.totals, key, 'disputed', 'disputed', 'disputed'),
  ];
  /** Keys of several ranges merged newest first; only the first `limit` events are read. */
  const newest = (rows: KeyRow[], limit: number) => {
    rows.sort((a, b) =>
      a.sort_key < b.sort_key ? 1 : a.sort_key > b.sort_key ? -1 : a.event_id < b.event_id ? 1 : -1,
    );
    return rows.slice(0, limit).map((r) => statements.json.get(r.event_id));
  };
  const latestOfKeys = (keys: string[], limit: number) =>
    newest(
      keys.flatMap((k) => statements.keysOlder.all(k, '~', '', limit) as KeyRow[]),
      limit,
    );
  /**
   * Within km of a place, exactly: the latest `limit` events of its squares within the distance,
   * the count and casualty totals of the squares wholly inside from their totals and of the
   * squares the edge cuts from their rows.
   */
  const near = (place: { lat: number; lon: number }, km: number, limit: number) => {
    const circle = circleSquares({ lat: place.lat, lon: place.lon, km });
    const insideKeys = new Set(circle.inside.map(([i, j]) => squareKey(i, j)));
    const all = [...circle.inside, ...circle.edge].map(([i, j]) => squareKey(i, j));
    const centre = [place.lat, place.lon, km] as const;
    // Only the squares that hold events, as the store reads them.
    const holding = new Set(
      statements
        .squaresHolding(all.length)
        .pluck()
        .all(...all) as string[],
    );
    const keys = all.filter((key) => holding.has(key));
    // The squares' newest rows merged lazily: about `limit` rows read in all, as the store reads them.
    const streams = keys.map(
      (key, i) => statements.keysOfSquare(i).iterate(key, ...centre) as IterableIterator<KeyRow>,
    );
    const heads = streams.map((stream) => stream.next());
    const rows: KeyRow[] = [];
    while (rows.length < limit) {
      let best = -1;
      heads.forEach((head, i) => {
        const current = heads[best];
        if (!head.done && (!current || current.done || newer(head.value, current.value))) best = i;
      });
      const head = heads[best];
      if (!head || head.done) break;
      rows.push(head.value);
      heads[best] = (streams[best] as IterableIterator<KeyRow>).next();
    }
    for (const stream of streams) stream.return?.();
    // Squares wholly inside from their totals; the squares the edge cuts row by row.
    const inside = keys.filter((key) => insideKeys.has(key));
    const edge = keys.filter((key) => !insideKeys.has(key));
    const totalsIn = statements.totalsIn(inside.length);
    const totalsWithin = statements.totalsWithin(edge.length);
    return [
      rows.map((r) => statements.json.get(r.event_id)),
      statements.countIn(inside.length).get(...inside),
      statements.countWithin(edge.length).get(...edge, ...centre),
      totalsIn.all(...inside, 'confirmed', 'reported', 'disputed'),
      totalsIn.all(...inside, 'disputed', 'disputed', 'disputed'),
      totalsWithin.all(...edge, 'confirmed', 'reported', 'disputed', ...centre),
      totalsWithin.all(...edge, 'disputed', 'disputed', 'disputed', ...centre),
    ];
  };
  const place = (placeId: string) => {
    const key = `place:${placeId}`;
    return [all(statements.latest, key, 10), statements.count.get(key), ...totals(key)];
  };
  return { statements, all, totals, latestOfKeys, near, place };
}

export interface WorkloadSetup {
  services: Services;
  db: Database;
}

/** The workloads on one database; the 50th timeline page is found by walking 49 pages first. */
export async function createWorkloads({ services, db }: WorkloadSetup): Promise<Workload[]> {
  const f = floorQueries(db);
  const now = BENCH_NOW;
  const { gazetteer } = services;
  const filter = { location: 'artibonite', category: 'attack' as const };

  let cursor: string | undefined;
  for (let page = 1; page < 50; page++) {
    const view = await timeline(services, { ...filter, cursor }, now);
    const next = view.actions?.find((a) => a.label === 'Next');
    if (!next) throw new Error(`the filtered timeline has only ${page} pages; generate more events`);
    cursor = next.cursor;
  }
  const page50Cursor = cursor as string;
  const lastOf49 = lastKeyBefore(f, 49 * services.settings.pageSize);

  const busiest = db
    .prepare(`SELECT substr(recorded_at, 1, 10) AS day, count(*) AS n FROM event_revisions
      GROUP BY day ORDER BY n DESC, day LIMIT 1`)
    .get() as { day: string; n: number };
  const window = digestWindow(services, { since: busiest.day, until: busiest.day }, now);
  const saintMarc = gazetteer.get('saint-marc');
  const pontSonde = gazetteer.get('pont-sonde');
  if (!saintMarc || !pontSonde) throw new Error('the gazetteer lacks saint-marc or pont-sonde');

  const s = f.statements;
  return [
    {
      name: 'status',
      core: () => status(services, now),
      floor: () => [
        f.all(s.indicators),
        ...f.totals('casualty:mss'),
        f.all(s.latest, 'casualty:mss', 20),
        f.latestOfKeys(
          INCIDENTS.map((c) => `category:${c}`),
          services.settings.latestIncidents,
        ),
        s.count.get('*'),
      ],
    },
    {
      name: 'timeline page 1 (artibonite, attack)',
      core: () => timeline(services, filter, now),
      floor: () =>
        f.all(s.withCategory, 'category:attack', 'place:artibonite', '~', '', services.settings.pageSize + 1),
    },
    {
      name: 'timeline page 50 (artibonite, attack)',
      core: () => timeline(services, { ...filter, cursor: page50Cursor }, now),
      floor: () => [
        f.all(s.withCategory, 'category:attack', 'place:artibonite', lastOf49.sort_key, lastOf49.event_id, 11),
        s.newerWithCategory.get('category:attack', 'place:artibonite', lastOf49.sort_key, lastOf49.event_id),
      ],
    },
    {
      name: 'location artibonite (department)',
      core: () => locationReport(services, 'artibonite', {}, now),
      floor: () => f.place('artibonite'),
    },
    {
      name: 'location saint-marc, 25 km',
      core: () => locationReport(services, 'saint-marc', { radiusKm: 25 }, now),
      floor: () => [...f.place('saint-marc'), f.near(saintMarc, 25, 20)],
    },
    {
      name: `digest of the busiest day (${busiest.day}, ${busiest.n} revisions)`,
      core: () => digest(services, { since: busiest.day, until: busiest.day }, now),
      floor: () => [
        f.all(s.changes, window.since, window.until, 15),
        f.all(s.addedCasualties, window.since, window.until),
        f.all(s.indicators),
        ...f.totals('casualty:mss'),
      ],
    },
    {
      name: 'ask "what happened near pont sonde?"',
      core: () => ask(services, 'what happened near pont sonde?', now),
      floor: () => [...f.place('pont-sonde'), f.near(pontSonde, 10, 20)],
    },
    {
      // A figure: the figures table read for the vocabulary and for the answer.
      name: 'ask "how many officers are deployed" (figure)',
      topic: true,
      core: () => ask(services, 'how many officers are deployed', now),
      floor: () => [f.all(f.statements.indicators), f.all(f.statements.indicators)],
    },
    {
      // Casualties of a group: its all-time totals (and their disputed part) and the newest reports behind them.
      name: 'ask "how many Kenyans were killed" (casualties)',
      topic: true,
      core: () => ask(services, 'how many Kenyans were killed', now),
      floor: () => [f.all(f.statements.indicators), ...f.totals('casualty:mss'), f.latestOfKeys(['casualty:mss'], 20)],
    },
  ];
}

/** The key of the n-th newest event in Artibonite with category attack (the 49th page's last). */
function lastKeyBefore(f: ReturnType<typeof floorQueries>, n: number): KeyRow {
  const rows = f.all(f.statements.withCategory, 'category:attack', 'place:artibonite', '~', '', n) as KeyRow[];
  const last = rows[n - 1];
  if (!last) throw new Error(`fewer than ${n} events in Artibonite with category attack`);
  return last;
}
