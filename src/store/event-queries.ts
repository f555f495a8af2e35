/**
 * Event queries on event_index. A query is an intersection of sets (place, actor, casualty
 * group, categories, box); the smallest set by the monthly totals drives, read newest first as
 * one index range per key with LIMIT n + 1 and merged, and every other set is a primary-key
 * lookup per row. Counts and casualty totals of one set come from the all-time totals when the
 * range is open at both ends, else from the yearly and monthly totals for whole years and months,
 * and from the rows only for the partial months at the ends of the range.
 */
import type { Database, Statement } from 'better-sqlite3';
import { SQUARE_DEGREES, squareIndex, squaresNear } from '../core/near.ts';
import { CasualtyGroup, CasualtyKind, Confidence, EventCategory } from '../core/schemas.ts';
import type { CasualtyTotals, EventKey, EventQuery } from '../core/store-port.ts';
import { ALL, actorKey, casualtyKey, categoryKey, cellIndex, cellKey, placeKey, squareKey } from './event-index.ts';
import { boundKeyOf, nextMonth } from './sort-key.ts';

/** Sorts after every sort key (they start with a digit). */
const END = '~';
/** A box over more grid cells than this is read as a filter on the driving set instead. */
const MAX_BOX_CELLS = 25;
/** A neighbourhood of up to this many squares is listed one range per square (every row of which is in it). */
const MAX_NEAR_SQUARES = 120;

type Box = NonNullable<EventQuery['box']>;

export interface Plan {
  /** The keys whose rows are read; an event is in at most one of them. */
  driver: string[];
  /** Sets the event must also be in: each a list of keys, any of which will do. */
  others: string[][];
  /** Undefined: no condition on confidence. */
  confidences: readonly string[] | undefined;
  box: Box | undefined;
  /** The neighbourhood's square keys: a row is kept when the square of its point is one of them. */
  squares: string[] | undefined;
  /** A place key whose events are left out. */
  exceptPlace: string | undefined;
  from: string;
  until: string;
  /** Keys and categories whose all-time category totals answer counts (a place or squares, with categories). */
  byCategory: { keys: string[]; categories: string[] } | undefined;
  /** The keys whose monthly totals answer counts, when the query is one set without a box. */
  totalsKeys: string[] | undefined;
}

export interface KeyRow {
  sort_key: string;
  event_id: string;
}

interface CasualtySum {
  grp: string;
  kind: string;
  total: number;
  at_least: number;
  unknown: number;
}

export function createEventQueries(db: Database, timeZone: string) {
  const statements = new Map<string, Statement>();
  /** Statements are prepared once per shape (and per copy: a statement runs one iteration at a time). */
  function prepared(sql: string, copy = 0): Statement {
    const name = `${copy}:${sql}`;
    let statement = statements.get(name);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(name, statement);
    }
    return statement;
  }
  const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');
  db.function('square_of', { deterministic: true }, (lat: unknown, lon: unknown) =>
    typeof lat === 'number' && typeof lon === 'number' ? squareKey(squareIndex(lat), squareIndex(lon)) : null,
  );

  /** The cells that hold a point inside the box, by the bounds of the points each has held. */
  function cellsMeeting(cells: string[], box: Box): string[] {
    const sql = `SELECT key FROM cell_bounds WHERE key IN (${marks(cells.length)})
      AND max_lat >= ? AND min_lat <= ? AND max_lon >= ? AND min_lon <= ?`;
    const meeting = prepared(sql)
      .pluck()
      .all(...cells, box.minLat, box.maxLat, box.minLon, box.maxLon) as string[];
    return cells.filter((cell) => meeting.includes(cell));
  }

  /** The squares that hold any event (most of a neighbourhood can be sea or empty hills). */
  function squaresHolding(squares: string[]): string[] {
    if (squares.length === 0) return squares;
    const sql = `SELECT DISTINCT key FROM event_totals WHERE key IN (${marks(squares.length)})`;
    const holding = new Set(
      prepared(sql)
        .pluck()
        .all(...squares) as string[],
    );
    return squares.filter((key) => holding.has(key));
  }

  function estimate(keys: string[], from: string, until: string): number {
    if (keys.length === 0) return 0;
    if (from === '' && until === END) {
      const all = `SELECT coalesce(sum(events), 0) AS n FROM event_totals WHERE key IN (${marks(keys.length)})`;
      return (prepared(all).get(...keys) as { n: number }).n;
    }
    const sql = `SELECT coalesce(sum(events), 0) AS n FROM event_counts WHERE key IN (${marks(keys.length)})
      AND month >= ? AND month <= ?`;
    return (prepared(sql).get(...keys, from.slice(0, 7), until === END ? END : until.slice(0, 7)) as { n: number }).n;
  }

  function plan(query: EventQuery): Plan {
    const from = query.from === undefined ? '' : boundKeyOf(query.from, timeZone);
    const until = query.until === undefined ? END : boundKeyOf(query.until, timeZone);
    const terms: string[][] = [];
    if (query.placeId !== undefined) terms.push([placeKey(query.placeId)]);
    if (query.actorId !== undefined) terms.push([actorKey(query.actorId)]);
    if (query.casualtyGroup !== undefined) {
      if (!CasualtyGroup.options.includes(query.casualtyGroup))
        throw new Error(`unknown casualty group "${query.casualtyGroup}"`);
      terms.push([casualtyKey(query.casualtyGroup)]);
    }
    const categories = [...new Set(query.categories ?? [])];
    for (const c of categories) if (!EventCategory.options.includes(c)) throw new Error(`unknown category "${c}"`);
    const categoryKeys =
      categories.length > 0 && categories.length < EventCategory.options.length
        ? categories.map(categoryKey)
        : undefined;
    if (categoryKeys) terms.push(categoryKeys);
    const squares = query.near ? squaresHolding(squaresNear(query.near).map(([i, j]) => squareKey(i, j))) : undefined;
    const exceptPlace = query.exceptPlaceId === undefined ? undefined : placeKey(query.exceptPlaceId);
    // A neighbourhood alone is its squares' totals; with other conditions it is a filter on rows.
    const totalsKeys =
      query.box || exceptPlace || terms.length + (squares ? 1 : 0) > 1 ? undefined : (squares ?? terms[0] ?? [ALL]);

    const box = query.box;
    const candidates = [...terms];
    /** The grid cells over the box, if few enough, as a set that can drive. */
    const cellsOver = (area: Box) => {
      const { minLat, maxLat, minLon, maxLon } = area;
      const cells: string[] = [];
      const [lat0, lat1, lon0, lon1] = [cellIndex(minLat), cellIndex(maxLat), cellIndex(minLon), cellIndex(maxLon)];
      if ((lat1 - lat0 + 1) * (lon1 - lon0 + 1) > MAX_BOX_CELLS) return;
      for (let i = lat0; i <= lat1; i++) for (let j = lon0; j <= lon1; j++) cells.push(cellKey(i, j));
      candidates.push(cellsMeeting(cells, area));
    };
    if (box) {
      const { minLat, maxLat, minLon, maxLon } = box;
      if (![minLat, maxLat, minLon, maxLon].every(Number.isFinite) || minLat > maxLat || minLon > maxLon) {
        throw new Error('a box needs finite bounds with minLat <= maxLat and minLon <= maxLon');
      }
      cellsOver(box);
    }
    if (squares && query.near) {
      if (squares.length <= MAX_NEAR_SQUARES) candidates.push(squares);
      else {
        // A wide neighbourhood is listed from the coarser cells under its squares (a square's width
        // of margin around them), each row kept when its square is one of the neighbourhood's.
        const indexes = squaresNear(query.near);
        const lats = indexes.map(([i]) => i);
        const lons = indexes.map(([, j]) => j);
        cellsOver({
          minLat: (Math.min(...lats) - 1) * SQUARE_DEGREES,
          maxLat: (Math.max(...lats) + 2) * SQUARE_DEGREES,
          minLon: (Math.min(...lons) - 1) * SQUARE_DEGREES,
          maxLon: (Math.max(...lons) + 2) * SQUARE_DEGREES,
        });
      }
    }
    let driver = [ALL];
    if (candidates.length === 1) driver = candidates[0] as string[];
    else if (candidates.length > 1) {
      const sizes = candidates.map((keys) => estimate(keys, from, until));
      driver = candidates[sizes.indexOf(Math.min(...sizes))] as string[];
    }
    // One place or neighbourhood with some categories, over all time: the category totals answer counts.
    const setKeys = squares ?? (query.placeId !== undefined ? [placeKey(query.placeId)] : undefined);
    const byCategory =
      setKeys &&
      categoryKeys &&
      terms.length === (squares ? 1 : 2) &&
      !box &&
      !exceptPlace &&
      from === '' &&
      until === END
        ? { keys: setKeys, categories: categoryKeys.map((key) => key.slice('category:'.length)) }
        : undefined;
    return {
      driver,
      byCategory,
      // The box is checked on the row's own coordinates, so its cells never become a lookup.
      others: terms.filter((keys) => keys !== driver),
      confidences: confidencesOf(query),
      box,
      // Rows read from the squares themselves need no check of their square.
      squares: driver === squares ? undefined : squares,
      exceptPlace,
      from,
      until,
      totalsKeys,
    };
  }

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

  /** Up to `limit` keys strictly older (or newer) than `cursor`, nearest to it first. */
  function keys(p: Plan, direction: 'older' | 'newer', cursor: EventKey | undefined, limit: number): KeyRow[] {
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

  /**
   * Splits [from, until) into whole years and whole months (read from the totals) and the
   * partial months at the ends (read from the rows).
   */
  function split(p: Plan): { years?: [string, string]; months: [string, string][]; edges: [string, string][] } {
    const firstMonth = p.from.slice(0, 7);
    const fullFrom = p.from === '' || p.from <= `${firstMonth}-01` ? firstMonth : nextMonth(firstMonth);
    const fullUntil = p.until === END ? END : p.until.slice(0, 7);
    if (fullFrom >= fullUntil) return { months: [], edges: [[p.from, p.until]] };
    const edges: [string, string][] = [];
    if (fullFrom !== firstMonth) edges.push([p.from, `${fullFrom}-01`]);
    if (p.until !== END && p.until > `${fullUntil}-01`) edges.push([`${fullUntil}-01`, p.until]);
    const firstYear = fullFrom.slice(0, 4);
    const yearFrom =
      fullFrom === '' || fullFrom.endsWith('-01') ? firstYear : String(Number(firstYear) + 1).padStart(4, '0');
    const yearUntil = fullUntil === END ? END : fullUntil.slice(0, 4);
    if (yearFrom >= yearUntil) return { months: [[fullFrom, fullUntil]], edges };
    const months: [string, string][] = [];
    if (yearFrom !== firstYear) months.push([fullFrom, `${yearFrom}-01`]);
    if (yearUntil !== END && fullUntil > `${yearUntil}-01`) months.push([`${yearUntil}-01`, fullUntil]);
    return { years: [yearFrom, yearUntil], months, edges };
  }

  return {
    plan,
    keys,
    count(query: EventQuery): number {
      const p = plan(query);
      if (p.byCategory) {
        const { keys, categories } = p.byCategory;
        const sql = `SELECT coalesce(sum(events), 0) AS n FROM category_totals WHERE key IN (${marks(keys.length)})
          AND category IN (${marks(categories.length)})${confidenceFilter(p)}`;
        return (prepared(sql).get(...keys, ...categories) as { n: number }).n;
      }
      if (!p.totalsKeys) return countRows(p, p.from, p.until);
      if (p.from === '' && p.until === END) {
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
    },
    casualtyTotals(query: EventQuery): CasualtyTotals {
      const p = plan(query);
      const sums: CasualtySum[] = [];
      const keys = p.totalsKeys;
      if (p.byCategory) {
        const { keys: setKeys, categories } = p.byCategory;
        const sql = `SELECT grp, kind, sum(total) AS total, sum(at_least) AS at_least, sum(unknown) AS unknown
          FROM category_casualty_totals WHERE key IN (${marks(setKeys.length)}) AND category IN (${marks(categories.length)})
            ${confidenceFilter(p)} GROUP BY grp, kind`;
        sums.push(...(prepared(sql).all(...setKeys, ...categories) as CasualtySum[]));
      } else if (keys && p.from === '' && p.until === END) {
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
      const totals = emptyTotals();
      for (const s of sums) {
        const cell = totals[s.grp as CasualtyGroup]?.[s.kind as CasualtyKind];
        if (!cell) continue;
        cell.count += s.total;
        cell.atLeast ||= s.at_least > 0;
        cell.unknownReports += s.unknown;
      }
      return totals;
    },
  };
}

/** The confidences asked for, without 'retracted' unless asked for; undefined when all four. */
function confidencesOf(query: EventQuery): string[] | undefined {
  let confidences: string[] | undefined = query.confidences ? [...new Set(query.confidences)] : undefined;
  for (const c of confidences ?? []) {
    if (!Confidence.options.includes(c as Confidence)) throw new Error(`unknown confidence "${c}"`);
  }
  if (!query.includeRetracted && !confidences?.includes('retracted')) {
    confidences = (confidences ?? Confidence.options).filter((c) => c !== 'retracted');
  }
  return confidences && confidences.length === Confidence.options.length ? undefined : confidences;
}

export function compareKeys(a: KeyRow, b: KeyRow): number {
  if (a.sort_key !== b.sort_key) return a.sort_key < b.sort_key ? -1 : 1;
  return a.event_id < b.event_id ? -1 : a.event_id > b.event_id ? 1 : 0;
}

function emptyTotals(): CasualtyTotals {
  const totals = {} as CasualtyTotals;
  for (const group of CasualtyGroup.options) {
    totals[group] = {} as CasualtyTotals[CasualtyGroup];
    for (const kind of CasualtyKind.options) totals[group][kind] = { count: 0, atLeast: false, unknownReports: 0 };
  }
  return totals;
}
