/**
 * Event queries on Postgres, planned as on SQLite (src/store/event-plan.ts: the smallest set
 * drives, the other sets are probes of event_index's primary key, counts come from the totals
 * tables wherever they can) and read with the same index ranges. Several driving keys are read
 * as one range each (LATERAL, LIMIT n), then merged.
 */
import { type Neighbourhood, SQUARE_DEGREES } from '../../core/near.ts';
import type { CasualtyTotals, EventKey, EventQuery } from '../../core/store-port.ts';
import { type CasualtySum, totalsOfSums } from '../casualty-sums.ts';
import { END, type Plan, type PlanAnswer, type PlanLookup, planQuery } from '../event-plan.ts';
import { compareKeys, type KeyRow, split } from '../key-ranges.ts';
import { PREPARED, type Queryable } from './connection.ts';

/** Collects parameters as a statement is written: `p.add(value)` gives its `$n`. */
function parameters() {
  const values: unknown[] = [];
  return {
    values,
    add(value: unknown, cast = ''): string {
      values.push(value);
      return `$${values.length}${cast}`;
    },
  };
}
type Parameters = ReturnType<typeof parameters>;

/** Whether the point in columns `<row>lat`, `<row>lon` lies within the circle. */
function withinCircle(row: string, circle: Neighbourhood, add: Parameters['add']): string {
  // src/core/geo.ts's distanceKm (haversine, Earth radius 6371 km), so both agree on the edge.
  const lat = add(circle.lat, '::float8');
  const lon = add(circle.lon, '::float8');
  return `2 * 6371 * asin(least(1, sqrt(power(sin(radians(${row}lat - ${lat}) / 2), 2)
    + cos(radians(${lat})) * cos(radians(${row}lat)) * power(sin(radians(${row}lon - ${lon}) / 2), 2))))
    <= ${add(circle.km, '::float8')}`;
}

/** Conditions on a per-point totals row: its squares, categories and distance. */
function pointFilter(points: NonNullable<Plan['points']>, circle: Neighbourhood, q: Parameters): string {
  const categories = points.categories ? ` AND category = ANY(${q.add(points.categories, '::text[]')})` : '';
  const { box } = points;
  return `key = ANY(${q.add(points.keys, '::text[]')})
    AND lat BETWEEN ${q.add(box.minLat, '::float8')} AND ${q.add(box.maxLat, '::float8')}
    AND lon BETWEEN ${q.add(box.minLon, '::float8')} AND ${q.add(box.maxLon, '::float8')}${categories}
    AND ${withinCircle('', circle, q.add)}`;
}

export function createPostgresEventQueries(timeZone: string) {
  async function answer(sql: Queryable, lookup: PlanLookup): Promise<PlanAnswer> {
    if (lookup.kind === 'cellsMeeting') {
      const { cells, box } = lookup;
      const rows = await sql<{ key: string }[]>`SELECT key FROM cell_bounds WHERE key = ANY(${cells}::text[])
        AND max_lat >= ${box.minLat} AND min_lat <= ${box.maxLat} AND max_lon >= ${box.minLon} AND min_lon <= ${box.maxLon}`;
      const meeting = new Set(rows.map((r) => r.key));
      return cells.filter((cell) => meeting.has(cell));
    }
    if (lookup.kind === 'squaresHolding') {
      if (lookup.squares.length === 0) return [];
      const rows = await sql<{ key: string }[]>`SELECT DISTINCT key FROM event_totals
        WHERE key = ANY(${lookup.squares}::text[])`;
      const holding = new Set(rows.map((r) => r.key));
      return lookup.squares.filter((key) => holding.has(key));
    }
    const { keys, from, until } = lookup;
    if (keys.length === 0) return 0;
    if (from === '' && until === END) {
      const [row] = await sql<{ n: number }[]>`SELECT coalesce(sum(events), 0) AS n FROM event_totals
        WHERE key = ANY(${keys}::text[])`;
      return row?.n ?? 0;
    }
    const [row] = await sql<{ n: number }[]>`SELECT coalesce(sum(events), 0) AS n FROM event_counts
      WHERE key = ANY(${keys}::text[]) AND month >= ${from.slice(0, 7)} AND month <= ${until === END ? END : until.slice(0, 7)}`;
    return row?.n ?? 0;
  }

  /** The plan when it needs no look-up (nothing to read), else undefined. */
  function planWithoutLookups(query: EventQuery): Plan | undefined {
    const step = planQuery(query, timeZone).next();
    return step.done ? step.value : undefined;
  }

  /** Whether count (or casualtyTotals) answers the plan with one statement. */
  function answersInOne(p: Plan): boolean {
    if (p.parts) return false;
    return Boolean(p.byCategory) || !p.totalsKeys || (p.from === '' && p.until === END);
  }

  async function plan(sql: Queryable, query: EventQuery): Promise<Plan> {
    const steps = planQuery(query, timeZone);
    let step = steps.next();
    while (!step.done) step = steps.next(await answer(sql, step.value));
    return step.value;
  }

  /** Conditions on a driving row `t` beyond its key and sort-key range. */
  function filters(p: Plan, add: Parameters['add']): string {
    let where = '';
    if (p.confidences) where += ` AND t.confidence = ANY(${add(p.confidences, '::text[]')})`;
    if (p.box) {
      where += ` AND t.lat BETWEEN ${add(p.box.minLat, '::float8')} AND ${add(p.box.maxLat, '::float8')}
        AND t.lon BETWEEN ${add(p.box.minLon, '::float8')} AND ${add(p.box.maxLon, '::float8')}`;
    }
    if (p.squares) {
      // The square of the row's point, written as src/core/near.ts's squareIndex and squareKey write it.
      where += ` AND ('square:' || floor(t.lat / ${SQUARE_DEGREES}::float8)::int || ':' || floor(t.lon / ${SQUARE_DEGREES}::float8)::int)
        = ANY(${add(p.squares, '::text[]')})`;
    }
    if (p.circle) where += ` AND ${withinCircle('t.', p.circle, add)}`;
    if (p.exceptPlace) {
      where += ` AND NOT EXISTS (SELECT 1 FROM event_index x WHERE x.key = ${add(p.exceptPlace, '::text')}
        AND x.sort_key = t.sort_key AND x.event_id = t.event_id)`;
    }
    for (const keys of p.others) {
      where += ` AND EXISTS (SELECT 1 FROM event_index x WHERE x.key = ANY(${add(keys, '::text[]')})
        AND x.sort_key = t.sort_key AND x.event_id = t.event_id)`;
    }
    return where;
  }

  /** Up to `limit` keys strictly older (or newer) than `cursor`, nearest to it first. */
  async function keys(
    sql: Queryable,
    p: Plan,
    direction: 'older' | 'newer',
    cursor: EventKey | undefined,
    limit: number,
  ): Promise<KeyRow[]> {
    const older = direction === 'older';
    const order = older ? 'DESC' : 'ASC';
    let low = { sort_key: p.from, event_id: '' };
    let high = { sort_key: p.until, event_id: '' };
    if (cursor) {
      const at = { sort_key: cursor.sortKey, event_id: cursor.id };
      if (older && compareKeys(at, high) < 0) high = at;
      if (!older && compareKeys(at, low) > 0) low = at;
    }
    const q = parameters();
    const drivers = q.add(p.driver, '::text[]');
    const range = `(t.sort_key, t.event_id) > (${q.add(low.sort_key, '::text')}, ${q.add(low.event_id, '::text')})
      AND (t.sort_key, t.event_id) < (${q.add(high.sort_key, '::text')}, ${q.add(high.event_id, '::text')})`;
    const where = filters(p, q.add);
    const n = q.add(limit, '::int');
    const text = `SELECT x.sort_key, x.event_id FROM unnest(${drivers}) AS d(key) CROSS JOIN LATERAL (
        SELECT t.sort_key, t.event_id FROM event_index t WHERE t.key = d.key AND ${range}${where}
        ORDER BY t.sort_key ${order}, t.event_id ${order} LIMIT ${n}
      ) x ORDER BY x.sort_key ${order}, x.event_id ${order} LIMIT ${n}`;
    return (await sql.unsafe(text, q.values as never[], PREPARED)) as unknown as KeyRow[];
  }

  async function countRows(sql: Queryable, p: Plan, from: string, until: string): Promise<number> {
    const q = parameters();
    const text = `SELECT count(*) AS n FROM event_index t WHERE t.key = ANY(${q.add(p.driver, '::text[]')})
      AND t.sort_key >= ${q.add(from, '::text')} AND t.sort_key < ${q.add(until, '::text')}${filters(p, q.add)}`;
    const [row] = (await sql.unsafe(text, q.values as never[], PREPARED)) as unknown as { n: number }[];
    return row?.n ?? 0;
  }

  async function casualtyRows(sql: Queryable, p: Plan, from: string, until: string): Promise<CasualtySum[]> {
    const q = parameters();
    const text = `SELECT c.grp, c.kind, sum(coalesce(c.count, 0)) AS total,
        count(*) FILTER (WHERE c.qualifier = 'at-least') AS at_least, count(*) FILTER (WHERE c.qualifier = 'unknown') AS unknown
      FROM event_index t JOIN event_casualties c ON c.event_id = t.event_id
      WHERE t.key = ANY(${q.add(p.driver, '::text[]')}) AND t.sort_key >= ${q.add(from, '::text')}
        AND t.sort_key < ${q.add(until, '::text')}${filters(p, q.add)}
      GROUP BY c.grp, c.kind`;
    return (await sql.unsafe(text, q.values as never[], PREPARED)) as unknown as CasualtySum[];
  }

  const confidenceFilter = (p: Plan, q: Parameters) =>
    p.confidences ? ` AND confidence = ANY(${q.add(p.confidences, '::text[]')})` : '';

  async function count(sql: Queryable, query: EventQuery, planned?: Plan): Promise<number> {
    return countOf(sql, planned ?? (await plan(sql, query)));
  }

  async function countOf(sql: Queryable, p: Plan): Promise<number> {
    if (p.parts) {
      const parts = await Promise.all(p.parts.map((part) => countOf(sql, part)));
      return parts.reduce((a, b) => a + b, 0);
    }
    const sum = async (table: string, where: (q: Parameters) => string) => {
      const q = parameters();
      const text = `SELECT coalesce(sum(events), 0) AS n FROM ${table} WHERE ${where(q)}${confidenceFilter(p, q)}`;
      const [row] = (await sql.unsafe(text, q.values as never[], PREPARED)) as unknown as { n: number }[];
      return row?.n ?? 0;
    };
    const { points, circle } = p;
    if (points && circle) return sum('point_totals', (q) => pointFilter(points, circle, q));
    if (p.byCategory) {
      const { keys, categories } = p.byCategory;
      return sum(
        'category_totals',
        (q) => `key = ANY(${q.add(keys, '::text[]')}) AND category = ANY(${q.add(categories, '::text[]')})`,
      );
    }
    const totalsKeys = p.totalsKeys;
    if (!totalsKeys) return countRows(sql, p, p.from, p.until);
    if (p.from === '' && p.until === END)
      return sum('event_totals', (q) => `key = ANY(${q.add(totalsKeys, '::text[]')})`);
    const { years, months, edges } = split(p);
    if (years) months.push([years[0] === '' ? '' : `${years[0]}-01`, years[1] === END ? END : `${years[1]}-01`]);
    // The parts are read at once (pipelined on the snapshot's connection).
    const parts = await Promise.all([
      ...months.map(([from, until]) =>
        sum(
          'event_counts',
          (q) =>
            `key = ANY(${q.add(totalsKeys, '::text[]')}) AND month >= ${q.add(from, '::text')} AND month < ${q.add(until, '::text')}`,
        ),
      ),
      ...edges.map(([from, until]) => countRows(sql, p, from, until)),
    ]);
    return parts.reduce((a, b) => a + b, 0);
  }

  async function casualtyTotals(sql: Queryable, query: EventQuery, planned?: Plan): Promise<CasualtyTotals> {
    return totalsOfSums(await casualtySumsOf(sql, planned ?? (await plan(sql, query))));
  }

  async function casualtySumsOf(sql: Queryable, p: Plan): Promise<CasualtySum[]> {
    if (p.parts) return (await Promise.all(p.parts.map((part) => casualtySumsOf(sql, part)))).flat();
    const sums: CasualtySum[] = [];
    const read = async (table: string, where: (q: Parameters) => string) => {
      const q = parameters();
      const text = `SELECT grp, kind, sum(total) AS total, sum(at_least) AS at_least, sum(unknown) AS unknown
        FROM ${table} WHERE ${where(q)}${confidenceFilter(p, q)} GROUP BY grp, kind`;
      sums.push(...((await sql.unsafe(text, q.values as never[], PREPARED)) as unknown as CasualtySum[]));
    };
    const keys = p.totalsKeys;
    const { points, circle } = p;
    if (points && circle) {
      await read('point_casualty_totals', (q) => pointFilter(points, circle, q));
    } else if (p.byCategory) {
      const { keys: setKeys, categories } = p.byCategory;
      await read(
        'category_casualty_totals',
        (q) => `key = ANY(${q.add(setKeys, '::text[]')}) AND category = ANY(${q.add(categories, '::text[]')})`,
      );
    } else if (keys && p.from === '' && p.until === END) {
      await read('casualty_totals', (q) => `key = ANY(${q.add(keys, '::text[]')})`);
    } else if (keys) {
      const { years, months, edges } = split(p);
      const range = (table: string, column: string, [from, until]: [string, string]) =>
        read(
          table,
          (q) =>
            `key = ANY(${q.add(keys, '::text[]')}) AND ${column} >= ${q.add(from, '::text')} AND ${column} < ${q.add(until, '::text')}`,
        );
      await Promise.all([
        ...(years ? [range('casualty_years', 'year', years)] : []),
        ...months.map((part) => range('casualty_counts', 'month', part)),
        ...edges.map(async ([from, until]) => sums.push(...(await casualtyRows(sql, p, from, until)))),
      ]);
    } else {
      sums.push(...(await casualtyRows(sql, p, p.from, p.until)));
    }
    return sums;
  }

  return { plan, planWithoutLookups, answersInOne, keys, count, casualtyTotals };
}
