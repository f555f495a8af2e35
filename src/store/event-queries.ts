/**
 * Event queries on event_index. A query is an intersection of sets (place, actor, casualty
 * group, categories, box); the smallest set by the monthly totals drives, read newest first as
 * one index range per key with LIMIT n + 1 and merged, and every other set is a primary-key
 * lookup per row. Counts and casualty totals of one set come from the all-time totals when the
 * range is open at both ends, else from the yearly and monthly totals for whole years and months,
 * and from the rows only for the partial months at the ends of the range.
 */

import type { Database } from 'better-sqlite3';
import { boxesInsideCircle, circleSquares, isNear, type Neighbourhood, squareIndex } from '../core/near.ts';
import { distanceKm } from '../core/places.ts';
import type { CasualtyTotals, EventKey, EventQuery } from '../core/store-port.ts';
import { type CasualtySum, totalsOfSums } from './casualty-sums.ts';
import { squareKey } from './event-index.ts';
import { createEventPlanner, createPreparedStatements, END, marks, type Plan } from './event-plan.ts';
import { createKeptRows } from './kept-rows.ts';
import { compareKeys, type KeyRow, split } from './key-ranges.ts';
import type { PointFilter } from './point-sets.ts';

/** `version`: see createEventPlanner; without it every plan reads its lookups again. */
export function createEventQueries(db: Database, timeZone: string, version?: () => string | undefined) {
  const prepared = createPreparedStatements(db);
  const plan = createEventPlanner(timeZone, prepared, version);
  const { pointSets, keptTotals, newestKeys } = createKeptRows(prepared, version);
  const pointFilterOf = (p: Plan, points: NonNullable<Plan['points']>, circle: Neighbourhood): PointFilter => ({
    circle,
    box: points.box,
    categories: points.categories,
    confidences: p.confidences,
  });
  // Keeps a row when its point lies in one of a neighbourhood's squares (see filters below).
  db.function('square_of', { deterministic: true }, (lat: unknown, lon: unknown) =>
    typeof lat === 'number' && typeof lon === 'number' ? squareKey(squareIndex(lat), squareIndex(lon)) : null,
  );
  // The distance the core measures "within N km" with, so both agree on the edge of a circle.
  db.function('distance_km', { deterministic: true }, (lat: unknown, lon: unknown, clat: unknown, clon: unknown) =>
    typeof lat === 'number' && typeof lon === 'number' && typeof clat === 'number' && typeof clon === 'number'
      ? distanceKm({ lat: clat, lon: clon }, { lat, lon })
      : null,
  );

  /** Conditions on a driving row `t` beyond its key and sort-key range, with their parameters. */
  function filters(p: Plan): { sql: string; params: unknown[] } {
    let sql = '';
    const params: unknown[] = [];
    if (p.confidences) sql += ` AND t.confidence IN (${p.confidences.map((c) => `'${c}'`).join(', ')})`;
    if (p.box) {
      sql += ' AND t.lat BETWEEN ? AND ? AND t.lon BETWEEN ? AND ?';
      params.push(p.box.minLat, p.box.maxLat, p.box.minLon, p.box.maxLon);
    }
    if (p.squares) {
      sql += ` AND square_of(t.lat, t.lon) IN (${marks(p.squares.length)})`;
      params.push(...p.squares);
    }
    if (p.circle) {
      const within = withinCircle('t.', p.circle, p.driver);
      sql += ` AND ${within.sql}`;
      params.push(...within.params);
    }
    if (p.exceptPlace) {
      sql += ` AND NOT EXISTS (SELECT 1 FROM event_index x WHERE x.key = ?
        AND x.sort_key = t.sort_key AND x.event_id = t.event_id)`;
      params.push(p.exceptPlace);
    }
    for (const keys of p.others) {
      sql += ` AND EXISTS (SELECT 1 FROM event_index x WHERE x.key IN (${marks(keys.length)})
        AND x.sort_key = t.sort_key AND x.event_id = t.event_id)`;
      params.push(...keys);
    }
    return { sql, params };
  }

  /**
   * Up to `limit` keys strictly older (or newer) than `cursor`, nearest to it first. A circle
   * listed from its squares reads the squares wholly inside it first (every row of which is in
   * it), then of the squares its edge cuts only the rows nearer the cursor than the last of those:
   * an edge square with few events in the circle would otherwise be scanned to its end.
   */
  function keys(p: Plan, direction: 'older' | 'newer', cursor: EventKey | undefined, limit: number): KeyRow[] {
    if (!p.circle || p.squares || !p.driver.every((key) => key.startsWith('square:'))) {
      return keysOf(p, direction, cursor, limit, undefined);
    }
    const insideKeys = new Set(circleSquares(p.circle).inside.map(([i, j]) => squareKey(i, j)));
    const kept = !cursor && direction === 'older' ? newestInCircle(p, p.circle, insideKeys, limit) : undefined;
    if (kept) return kept;
    const inside = p.driver.filter((key) => insideKeys.has(key));
    const edge = p.driver.filter((key) => !insideKeys.has(key));
    if (inside.length === 0 || edge.length === 0) return keysOf(p, direction, cursor, limit, undefined);
    const first = keysOf({ ...p, driver: inside, circle: undefined }, direction, cursor, limit, undefined);
    const stop = first.length === limit ? first[limit - 1] : undefined;
    const rest = keysOf({ ...p, driver: edge }, direction, cursor, limit, stop);
    const sign = direction === 'older' ? -1 : 1;
    return [...first, ...rest].sort((a, b) => compareKeys(a, b) * sign).slice(0, limit);
  }

  /** A circle's newest keys of all time from what is kept of its squares; undefined when that cannot tell. */
  function newestInCircle(p: Plan, circle: Neighbourhood, inside: Set<string>, limit: number) {
    if (!newestKeys || p.from !== '' || p.until !== END || p.others.length > 0 || p.box || p.exceptPlace)
      return undefined;
    const confidences = p.confidences;
    return newestKeys.newest(
      p.driver,
      (row, key) =>
        (!confidences || confidences.includes(row.confidence)) &&
        (inside.has(key) || (row.lat !== null && row.lon !== null && isNear({ lat: row.lat, lon: row.lon }, circle))),
      limit,
    );
  }

  /** Keys as `keys` reads them, and only those nearer the cursor than `stop` when it is given. */
  function keysOf(
    p: Plan,
    direction: 'older' | 'newer',
    cursor: EventKey | undefined,
    limit: number,
    stop: KeyRow | undefined,
  ): KeyRow[] {
    const older = direction === 'older';
    const f = filters(p);
    const order = older ? 'DESC' : 'ASC';
    // Both ends as (sort key, id) pairs, so that the index range starts at the cursor rather than
    // at an end of the date range. Ids are never empty, so (from, '') < every key of `from`.
    let low = { sort_key: p.from, event_id: '' };
    let high = { sort_key: p.until, event_id: '' };
    if (cursor) {
      const at = { sort_key: cursor.sortKey, event_id: cursor.id };
      if (older && compareKeys(at, high) < 0) high = at;
      if (!older && compareKeys(at, low) > 0) low = at;
    }
    if (stop && older && compareKeys(stop, low) > 0) low = stop;
    if (stop && !older && compareKeys(stop, high) < 0) high = stop;
    const sql = `SELECT t.sort_key, t.event_id FROM event_index t
      WHERE t.key = ? AND (t.sort_key, t.event_id) > (?, ?) AND (t.sort_key, t.event_id) < (?, ?)${f.sql}
      ORDER BY t.sort_key ${order}, t.event_id ${order} LIMIT ?`;
    const params = (key: string) => [key, low.sort_key, low.event_id, high.sort_key, high.event_id, ...f.params, limit];
    if (p.driver.length === 1) return prepared(sql).all(...params(p.driver[0] as string)) as KeyRow[];
    // Several ranges (categories, grid cells): merge them lazily, so that only about `limit`
    // rows are read in all rather than `limit` from each.
    const sign = older ? -1 : 1;
    const streams = p.driver.map((key, i) => prepared(sql, i).iterate(...params(key)) as IterableIterator<KeyRow>);
    try {
      const heads = streams.map((stream) => stream.next());
      const rows: KeyRow[] = [];
      while (rows.length < limit) {
        let best = -1;
        heads.forEach((head, i) => {
          const current = heads[best];
          if (!head.done && (!current || current.done || compareKeys(head.value, current.value) * sign < 0)) best = i;
        });
        const head = heads[best];
        if (!head || head.done) break;
        rows.push(head.value);
        heads[best] = (streams[best] as IterableIterator<KeyRow>).next();
      }
      return rows;
    } finally {
      for (const stream of streams) stream.return?.();
    }
  }

  function countRows(p: Plan, from: string, until: string): number {
    const f = filters(p);
    const sql = `SELECT count(*) AS n FROM event_index t WHERE t.key = ? AND t.sort_key >= ? AND t.sort_key < ?${f.sql}`;
    let n = 0;
    for (const key of p.driver) n += (prepared(sql).get(key, from, until, ...f.params) as { n: number }).n;
    return n;
  }

  function casualtyRows(p: Plan, from: string, until: string): CasualtySum[] {
    const f = filters(p);
    const sql = `SELECT c.grp, c.kind, sum(coalesce(c.count, 0)) AS total, sum(c.qualifier = 'at-least') AS at_least,
        sum(c.qualifier = 'unknown') AS unknown
      FROM event_index t JOIN event_casualties c ON c.event_id = t.event_id
      WHERE t.key = ? AND t.sort_key >= ? AND t.sort_key < ?${f.sql}
      GROUP BY c.grp, c.kind`;
    return p.driver.flatMap((key) => prepared(sql).all(key, from, until, ...f.params) as CasualtySum[]);
  }

  const confidenceFilter = (p: Plan) =>
    p.confidences ? ` AND confidence IN (${p.confidences.map((c) => `'${c}'`).join(', ')})` : '';

  return {
    plan,
    keys,
    count(query: EventQuery): number {
      return countOf(plan(query));
    },
    casualtyTotals(query: EventQuery): CasualtyTotals {
      return totalsOfSums(casualtySumsOf(plan(query)));
    },
  };

  /** Conditions on a per-point totals row: its squares, categories, confidence and distance. */
  function pointFilter(p: Plan, points: NonNullable<Plan['points']>, circle: Neighbourhood) {
    const { keys, categories, box } = points;
    const within = withinCircle('', circle, keys);
    const sql = `key IN (${marks(keys.length)}) AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?
      ${categories ? ` AND category IN (${marks(categories.length)})` : ''}
      ${confidenceFilter(p)} AND ${within.sql}`;
    const params = [...keys, box.minLat, box.maxLat, box.minLon, box.maxLon, ...(categories ?? [])];
    return { sql, params: [...params, ...within.params] };
  }

  function countOf(p: Plan): number {
    if (p.parts) return p.parts.reduce((n, part) => n + countOf(part), 0);
    if (p.points && p.circle) {
      const kept = pointSets?.count(p.points.keys, pointFilterOf(p, p.points, p.circle));
      if (kept !== undefined) return kept;
      const f = pointFilter(p, p.points, p.circle);
      const sql = `SELECT coalesce(sum(events), 0) AS n FROM point_totals WHERE ${f.sql}`;
      return (prepared(sql).get(...f.params) as { n: number }).n;
    }
    if (p.byCategory) {
      const { keys, categories } = p.byCategory;
      const sql = `SELECT coalesce(sum(events), 0) AS n FROM category_totals WHERE key IN (${marks(keys.length)})
          AND category IN (${marks(categories.length)})${confidenceFilter(p)}`;
      return (prepared(sql).get(...keys, ...categories) as { n: number }).n;
    }
    if (!p.totalsKeys) return countRows(p, p.from, p.until);
    if (p.from === '' && p.until === END) {
      const kept = keptTotals?.count(p.totalsKeys, p.confidences);
      if (kept !== undefined) return kept;
      const sql = `SELECT coalesce(sum(events), 0) AS n FROM event_totals
          WHERE key IN (${marks(p.totalsKeys.length)})${confidenceFilter(p)}`;
      return (prepared(sql).get(...p.totalsKeys) as { n: number }).n;
    }
    const { years, months, edges } = split(p);
    // Monthly counts are few enough per set that whole years need no table of their own.
    if (years) months.push([years[0] === '' ? '' : `${years[0]}-01`, years[1] === END ? END : `${years[1]}-01`]);
    const sql = `SELECT coalesce(sum(events), 0) AS n FROM event_counts
        WHERE key IN (${marks(p.totalsKeys.length)}) AND month >= ? AND month < ?${confidenceFilter(p)}`;
    let n = 0;
    for (const [from, until] of months) n += (prepared(sql).get(...p.totalsKeys, from, until) as { n: number }).n;
    for (const [from, until] of edges) n += countRows(p, from, until);
    return n;
  }

  function casualtySumsOf(p: Plan): CasualtySum[] {
    if (p.parts) return p.parts.flatMap(casualtySumsOf);
    const sums: CasualtySum[] = [];
    const keys = p.totalsKeys;
    if (p.points && p.circle) {
      const kept = pointSets?.casualtySums(p.points.keys, pointFilterOf(p, p.points, p.circle));
      if (kept) return kept;
      // One set at a time, read in group and kind order: summed as read, never sorted. A single
      // confidence (the disputed part of an answer) keeps few rows, which sort faster than every
      // point of the sets is read.
      const streamed = !p.confidences || p.confidences.length > 1;
      for (const keys of streamed ? p.points.keys.map((key) => [key]) : [p.points.keys]) {
        const f = pointFilter(p, { ...p.points, keys }, p.circle);
        const sql = `SELECT grp, kind, sum(total) AS total, sum(at_least) AS at_least, sum(unknown) AS unknown
            FROM point_casualty_totals ${streamed ? 'INDEXED BY point_casualty_totals_by_kind' : ''}
            WHERE ${f.sql} GROUP BY grp, kind`;
        sums.push(...(prepared(sql).all(...f.params) as CasualtySum[]));
      }
    } else if (p.byCategory) {
      const { keys: setKeys, categories } = p.byCategory;
      const sql = `SELECT grp, kind, sum(total) AS total, sum(at_least) AS at_least, sum(unknown) AS unknown
          FROM category_casualty_totals WHERE key IN (${marks(setKeys.length)}) AND category IN (${marks(categories.length)})
            ${confidenceFilter(p)} GROUP BY grp, kind`;
      sums.push(...(prepared(sql).all(...setKeys, ...categories) as CasualtySum[]));
    } else if (keys && p.from === '' && p.until === END) {
      const kept = keptTotals?.casualtySums(keys, p.confidences);
      if (kept) return kept;
      const sql = `SELECT grp, kind, sum(total) AS total, sum(at_least) AS at_least, sum(unknown) AS unknown
          FROM casualty_totals WHERE key IN (${marks(keys.length)})${confidenceFilter(p)} GROUP BY grp, kind`;
      sums.push(...(prepared(sql).all(...keys) as CasualtySum[]));
    } else if (keys) {
      const { years, months, edges } = split(p);
      const totals = (table: string, column: string, [from, until]: [string, string]) => {
        const sql = `SELECT grp, kind, sum(total) AS total, sum(at_least) AS at_least, sum(unknown) AS unknown
            FROM ${table} WHERE key IN (${marks(keys.length)}) AND ${column} >= ? AND ${column} < ?${confidenceFilter(p)}
            GROUP BY grp, kind`;
        sums.push(...(prepared(sql).all(...keys, from, until) as CasualtySum[]));
      };
      if (years) totals('casualty_years', 'year', years);
      for (const range of months) totals('casualty_counts', 'month', range);
      for (const [from, until] of edges) sums.push(...casualtyRows(p, from, until));
    } else {
      sums.push(...casualtyRows(p, p.from, p.until));
    }
    return sums;
  }
}

/**
 * Whether the point in columns `<row>lat`, `<row>lon` of a row of these sets lies within the
 * circle: the boxes wholly inside it answer most of a place's points (gathered around the
 * centre) with a few comparisons, the distance the rest. The points of the squares its edge
 * cuts lie near the edge, outside the boxes: for them the boxes would only add comparisons.
 */
function withinCircle(row: string, circle: Neighbourhood, keys: string[]): { sql: string; params: number[] } {
  const boxes = keys.every((key) => key.startsWith('square:')) ? [] : boxesInsideCircle(circle);
  const inBox = `${row}lat BETWEEN ? AND ? AND ${row}lon BETWEEN ? AND ?`;
  const sql = [...boxes.map(() => inBox), `distance_km(${row}lat, ${row}lon, ?, ?) <= ?`].join(' OR ');
  const params = boxes.flatMap((b) => [b.minLat, b.maxLat, b.minLon, b.maxLon]);
  return { sql: `(${sql})`, params: [...params, circle.lat, circle.lon, circle.km] };
}
