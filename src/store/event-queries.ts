/**
 * Event queries on the derived tables. A listing runs one index range per category (the key is
 * place or actor, category, sort key, id) with LIMIT n + 1 and merges them, so a page costs the
 * same whatever the filters; counts and casualty totals read the monthly totals for whole
 * months and the rows themselves only for the partial months at the ends of the range.
 */
import type { Database, Statement } from 'better-sqlite3';
import { CasualtyGroup, CasualtyKind, Confidence, EventCategory } from '../core/schemas.ts';
import type { CasualtyTotals, EventKey, EventQuery } from '../core/store-port.ts';
import { ALL_PLACES } from './event-index.ts';
import { boundKeyOf, nextMonth } from './sort-key.ts';

/** Sorts after every sort key (they start with a digit). */
const END = '~';

interface Plan {
  table: 'event_places' | 'event_actors';
  keyColumn: 'place_id' | 'actor_id';
  key: string;
  /** When driving by actor: the place the event must also be in. */
  placeId: string | undefined;
  categories: readonly string[];
  /** Undefined: no condition on confidence. */
  confidences: readonly string[] | undefined;
  box: EventQuery['box'];
  from: string;
  until: string;
}

interface KeyRow {
  sort_key: string;
  event_id: string;
}

export function createEventQueries(db: Database, timeZone: string) {
  const statements = new Map<string, Statement>();
  /** Statements are prepared once per distinct shape and reused. */
  function prepared(sql: string): Statement {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  }

  function plan(query: EventQuery): Plan {
    const categories = query.categories && query.categories.length > 0 ? [...new Set(query.categories)] : EventCategory.options;
    for (const c of categories) if (!EventCategory.options.includes(c)) throw new Error(`unknown category "${c}"`);
    let confidences: string[] | undefined = query.confidences ? [...new Set(query.confidences)] : undefined;
    for (const c of confidences ?? []) if (!Confidence.options.includes(c as Confidence)) throw new Error(`unknown confidence "${c}"`);
    if (!query.includeRetracted && !confidences?.includes('retracted')) {
      confidences = (confidences ?? Confidence.options).filter((c) => c !== 'retracted');
    }
    if (confidences && confidences.length === Confidence.options.length) confidences = undefined;
    const box = query.box;
    if (box && ![box.minLat, box.maxLat, box.minLon, box.maxLon].every(Number.isFinite)) {
      throw new Error('box bounds must be finite numbers');
    }
    const byActor = query.actorId !== undefined;
    return {
      table: byActor ? 'event_actors' : 'event_places',
      keyColumn: byActor ? 'actor_id' : 'place_id',
      key: query.actorId ?? query.placeId ?? ALL_PLACES,
      placeId: byActor ? query.placeId : undefined,
      categories,
      confidences,
      box,
      from: query.from === undefined ? '' : boundKeyOf(query.from, timeZone),
      until: query.until === undefined ? END : boundKeyOf(query.until, timeZone),
    };
  }

  /** Conditions after the key, category and sort-key range, with their parameters. */
  function filters(p: Plan, alias: string): { sql: string; params: unknown[] } {
    let sql = '';
    const params: unknown[] = [];
    if (p.confidences) sql += ` AND ${alias}.confidence IN (${p.confidences.map((c) => `'${c}'`).join(', ')})`;
    if (p.box) {
      sql += ` AND ${alias}.lat BETWEEN ? AND ? AND ${alias}.lon BETWEEN ? AND ?`;
      params.push(p.box.minLat, p.box.maxLat, p.box.minLon, p.box.maxLon);
    }
    if (p.placeId !== undefined) {
      sql += ` AND EXISTS (SELECT 1 FROM event_places ep WHERE ep.place_id = ? AND ep.category = ${alias}.category
        AND ep.sort_key = ${alias}.sort_key AND ep.event_id = ${alias}.event_id)`;
      params.push(p.placeId);
    }
    return { sql, params };
  }

  /**
   * Up to `limit` keys strictly older (or newer) than `cursor`, nearest to it first, merged over
   * the categories.
   */
  function keys(p: Plan, direction: 'older' | 'newer', cursor: EventKey | undefined, limit: number): KeyRow[] {
    const older = direction === 'older';
    const f = filters(p, 't');
    const sql = `SELECT t.sort_key, t.event_id FROM ${p.table} t
      WHERE t.${p.keyColumn} = ? AND t.category = ? AND t.sort_key >= ? AND t.sort_key < ?
        AND (t.sort_key, t.event_id) ${older ? '<' : '>'} (?, ?)${f.sql}
      ORDER BY t.sort_key ${older ? 'DESC' : 'ASC'}, t.event_id ${older ? 'DESC' : 'ASC'} LIMIT ?`;
    const statement = prepared(sql);
    const start = cursor ?? (older ? { sortKey: END, id: '' } : { sortKey: '', id: '' });
    const rows: KeyRow[] = [];
    for (const category of p.categories) {
      rows.push(...(statement.all(p.key, category, p.from, p.until, start.sortKey, start.id, ...f.params, limit) as KeyRow[]));
    }
    rows.sort((a, b) => compareKeys(a, b) * (older ? -1 : 1));
    return rows.slice(0, limit);
  }

  /** Count of events whose sort key is in [from, until), straight from the rows. */
  function countRows(p: Plan, from: string, until: string): number {
    const f = filters(p, 't');
    const sql = `SELECT count(*) AS n FROM ${p.table} t
      WHERE t.${p.keyColumn} = ? AND t.category IN (${p.categories.map((c) => `'${c}'`).join(', ')})
        AND t.sort_key >= ? AND t.sort_key < ?${f.sql}`;
    return (prepared(sql).get(p.key, from, until, ...f.params) as { n: number }).n;
  }

  function casualtyRows(p: Plan, from: string, until: string): CasualtySum[] {
    const f = filters(p, 't');
    const sql = `SELECT c.grp, c.kind, sum(coalesce(c.count, 0)) AS total, sum(c.qualifier = 'at-least') AS at_least,
        sum(c.qualifier = 'unknown') AS unknown
      FROM ${p.table} t JOIN event_casualties c ON c.event_id = t.event_id
      WHERE t.${p.keyColumn} = ? AND t.category IN (${p.categories.map((c) => `'${c}'`).join(', ')})
        AND t.sort_key >= ? AND t.sort_key < ?${f.sql}
      GROUP BY c.grp, c.kind`;
    return prepared(sql).all(p.key, from, until, ...f.params) as CasualtySum[];
  }

  function confidenceFilter(p: Plan): string {
    return p.confidences ? ` AND confidence IN (${p.confidences.map((c) => `'${c}'`).join(', ')})` : '';
  }

  /** Splits [from, until) into whole months (read from the totals) and the partial ends (read from the rows). */
  function split(p: Plan): { months?: [string, string]; edges: [string, string][] } {
    const firstMonth = p.from === '' ? '' : p.from.slice(0, 7);
    const fullFrom = p.from === '' || p.from <= `${firstMonth}-01` ? firstMonth : nextMonth(firstMonth);
    const fullUntil = p.until === END ? END : p.until.slice(0, 7);
    if (fullFrom >= fullUntil) return { edges: [[p.from, p.until]] };
    const edges: [string, string][] = [];
    if (p.from !== '' && fullFrom !== firstMonth) edges.push([p.from, `${fullFrom}-01`]);
    if (p.until !== END && p.until > `${fullUntil}-01`) edges.push([`${fullUntil}-01`, p.until]);
    return { months: [fullFrom, fullUntil], edges };
  }

  /** Whether the monthly totals can answer: they know place, category, month and confidence only. */
  function totalsServe(p: Plan): boolean {
    return p.table === 'event_places' && !p.box;
  }

  return {
    keys,
    plan,
    count(query: EventQuery): number {
      const p = plan(query);
      if (!totalsServe(p)) return countRows(p, p.from, p.until);
      const { months, edges } = split(p);
      let n = 0;
      if (months) {
        const sql = `SELECT coalesce(sum(events), 0) AS n FROM event_counts
          WHERE place_id = ? AND category IN (${p.categories.map((c) => `'${c}'`).join(', ')})
            AND month >= ? AND month < ?${confidenceFilter(p)}`;
        n += (prepared(sql).get(p.key, months[0], months[1]) as { n: number }).n;
      }
      for (const [from, until] of edges) n += countRows(p, from, until);
      return n;
    },
    casualtyTotals(query: EventQuery): CasualtyTotals {
      const p = plan(query);
      const totals = emptyTotals();
      const every = p.categories.length === EventCategory.options.length;
      const { months, edges } = every && totalsServe(p) ? split(p) : { months: undefined, edges: [[p.from, p.until]] };
      const sums: CasualtySum[] = [];
      if (months) {
        const sql = `SELECT grp, kind, sum(total) AS total, sum(at_least) AS at_least, sum(unknown) AS unknown
          FROM casualty_counts WHERE place_id = ? AND month >= ? AND month < ?${confidenceFilter(p)}
          GROUP BY grp, kind`;
        sums.push(...(prepared(sql).all(p.key, months[0], months[1]) as CasualtySum[]));
      }
      for (const [from, until] of edges) sums.push(...casualtyRows(p, from as string, until as string));
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

interface CasualtySum {
  grp: string;
  kind: string;
  total: number;
  at_least: number;
  unknown: number;
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
