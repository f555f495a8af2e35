/**
 * How an event query is read: which set drives (the smallest, by its totals), which sets each
 * row must also be in, and which totals tables can answer its counts. Planning reads only
 * totals and cell bounds, never event rows.
 */
import type { Database, Statement } from 'better-sqlite3';
import { circleSquares, type Neighbourhood, SQUARE_DEGREES, squaresNear } from '../core/near.ts';
import { CasualtyGroup, Confidence, EventCategory } from '../core/schemas.ts';
import type { EventQuery } from '../core/store-port.ts';
import {
  ALL,
  actorKey,
  casualtyKey,
  categoryKey,
  cellIndex,
  cellKey,
  outsideKey,
  personKey,
  placeKey,
  squareKey,
} from './event-index.ts';
import { deepFreeze } from './parsed-revisions.ts';
import { boundKeyOf } from './sort-key.ts';

/** Sorts after every sort key (they start with a digit). */
export const END = '~';
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
  /** The exact circle: a row is kept when its point lies at most `km` from the centre. */
  circle: Neighbourhood | undefined;
  /**
   * Set when counts over a circle come from square totals: they are the sums over these plans,
   * the squares wholly inside the circle (read from their totals) and the squares its edge cuts
   * (their rows checked against the distance).
   */
  parts: Plan[] | undefined;
  /**
   * Set when counts come from per-point totals (all time): the points of these keys (the squares
   * a circle's edge cuts, or a place) inside `box` (around the circle) are each checked against
   * `circle`, with these categories if any.
   */
  points: { keys: string[]; categories: string[] | undefined; box: Box } | undefined;
  /** A place key whose events are left out. */
  exceptPlace: string | undefined;
  from: string;
  until: string;
  /** Keys and categories whose all-time category totals answer counts (a place or squares, with categories). */
  byCategory: { keys: string[]; categories: string[] } | undefined;
  /** The keys whose monthly totals answer counts, when the query is one set without a box. */
  totalsKeys: string[] | undefined;
}

/** `?, ?, ?` for n parameters. */
export const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** Prepares a statement once per SQL text (and per copy: a statement runs one iteration at a time). */
export type PreparedStatements = (sql: string, copy?: number) => Statement;

export function createPreparedStatements(db: Database): PreparedStatements {
  const statements = new Map<string, Statement>();
  return (sql, copy = 0) => {
    const name = `${copy}:${sql}`;
    let statement = statements.get(name);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(name, statement);
    }
    return statement;
  };
}

/**
 * What the planner asks of the totals while it plans: the cells that hold a point inside a box,
 * the squares that hold any event, and how many events some keys hold in a range. Each store
 * answers them with its own reads (planQuery yields them).
 */
export type PlanLookup =
  | { kind: 'cellsMeeting'; cells: string[]; box: Box }
  | { kind: 'squaresHolding'; squares: string[] }
  | { kind: 'estimate'; keys: string[]; from: string; until: string };

/** What a lookup is answered with: keys for cells and squares, a number for an estimate. */
export type PlanAnswer = string[] | number;

/** How many lookups' answers a planner keeps for the version it read them at. */
const KEPT_ANSWERS = 1_000;

/**
 * `version` (when given) changes whenever the totals may have: a planner then keeps each lookup's
 * answer until it does; undefined keeps nothing for this plan. It is read inside the read's
 * transaction, as its first statement, so it is the version of what that read sees.
 */
export function createEventPlanner(timeZone: string, prepared: PreparedStatements, version?: () => string | undefined) {
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

  const answer = (lookup: PlanLookup): PlanAnswer =>
    lookup.kind === 'cellsMeeting'
      ? cellsMeeting(lookup.cells, lookup.box)
      : lookup.kind === 'squaresHolding'
        ? squaresHolding(lookup.squares)
        : estimate(lookup.keys, lookup.from, lookup.until);

  // The same questions come back with every answer about a place (its size beside a category's,
  // the squares around it that hold events): their answers are kept while nothing is written.
  const kept = new Map<string, PlanAnswer>();
  let keptAt: string | undefined;
  const keptAnswer = (lookup: PlanLookup): PlanAnswer => {
    const key = JSON.stringify(lookup);
    let known = kept.get(key);
    if (known === undefined) {
      known = answer(lookup);
      // Plans share it: frozen, so that none can change another's.
      if (Array.isArray(known)) Object.freeze(known);
      if (kept.size >= KEPT_ANSWERS) kept.clear();
      kept.set(key, known);
    }
    return known;
  };

  // A plan that looks nothing up follows from the query alone: kept by the query's JSON (its
  // fields are strings, numbers and lists of them), frozen since later reads share it.
  const plainPlans = new Map<string, Plan>();
  // A plan that looks things up follows from the query and the totals: kept while they stay.
  const lookedUpPlans = new Map<string, Plan>();

  return function plan(query: EventQuery): Plan {
    const text = JSON.stringify(query);
    const plain = plainPlans.get(text);
    if (plain) return plain;
    const current = version?.();
    if (current !== undefined && current !== keptAt) {
      kept.clear();
      lookedUpPlans.clear();
      keptAt = current;
    }
    const known = current !== undefined ? lookedUpPlans.get(text) : undefined;
    if (known) return known;
    const steps = planQuery(query, timeZone);
    let step = steps.next();
    if (step.done) {
      if (plainPlans.size >= KEPT_ANSWERS) plainPlans.clear();
      plainPlans.set(text, deepFreeze(step.value));
      return step.value;
    }
    while (!step.done) step = steps.next(current !== undefined ? keptAnswer(step.value) : answer(step.value));
    if (current !== undefined) {
      if (lookedUpPlans.size >= KEPT_ANSWERS) lookedUpPlans.clear();
      lookedUpPlans.set(text, deepFreeze(step.value));
    }
    return step.value;
  };
}

/** Plans a query, yielding each lookup of the totals it needs and taking its answer. */
export function* planQuery(query: EventQuery, timeZone: string): Generator<PlanLookup, Plan, PlanAnswer> {
  type Asked<T> = Generator<PlanLookup, T, PlanAnswer>;
  const cellsMeeting = function* (cells: string[], box: Box): Asked<string[]> {
    return (yield { kind: 'cellsMeeting', cells, box }) as string[];
  };
  const squaresHolding = function* (squares: string[]): Asked<string[]> {
    return (yield { kind: 'squaresHolding', squares }) as string[];
  };
  const estimate = function* (keys: string[], from: string, until: string): Asked<number> {
    return (yield { kind: 'estimate', keys, from, until }) as number;
  };
  const from = query.from === undefined ? '' : boundKeyOf(query.from, timeZone);
  const until = query.until === undefined ? END : boundKeyOf(query.until, timeZone);
  const terms: string[][] = [];
  // "Outside P" sets are written only for events counted at P (event-index.ts), so "at P and
  // placed outside P" is the outside set alone: one set, whose totals answer its counts.
  const outsideOfPlace = query.placedOutside !== undefined && query.placedOutside.placeId === query.placeId;
  if (query.placeId !== undefined && !outsideOfPlace) terms.push([placeKey(query.placeId)]);
  // An event can name several of the actors asked for (the mission and its contingent), so
  // their keys overlap: they filter rows, but never drive a listing or sum totals (both would
  // count such an event twice). A single actor's key drives as any other.
  const actorKeys = [...new Set(query.actorIds ?? [])].map(actorKey);
  const overlapping = actorKeys.length > 1 ? actorKeys : undefined;
  if (actorKeys.length) terms.push(actorKeys);
  if (query.personName !== undefined) terms.push([personKey(query.personName)]);
  if (query.placedOutside) terms.push([outsideKey(query.placedOutside.placeId, query.placedOutside.at)]);
  if (query.casualtyGroup !== undefined) {
    if (!CasualtyGroup.options.includes(query.casualtyGroup))
      throw new Error(`unknown casualty group "${query.casualtyGroup}"`);
    terms.push([casualtyKey(query.casualtyGroup)]);
  }
  const categories = [...new Set(query.categories ?? [])];
  for (const c of categories) if (!EventCategory.options.includes(c)) throw new Error(`unknown category "${c}"`);
  const categoryKeys =
    categories.length > 0 && categories.length < EventCategory.options.length ? categories.map(categoryKey) : undefined;
  if (categoryKeys) terms.push(categoryKeys);
  const split = query.near ? circleSquares(query.near) : undefined;
  const squares = split
    ? yield* squaresHolding([...split.inside, ...split.edge].map(([i, j]) => squareKey(i, j)))
    : undefined;
  const exceptPlace = query.exceptPlaceId === undefined ? undefined : placeKey(query.exceptPlaceId);
  // A neighbourhood alone is its squares' totals; with other conditions it is a filter on rows.
  const totalsKeys =
    query.box || exceptPlace || overlapping || terms.length + (squares ? 1 : 0) > 1
      ? undefined
      : (squares ?? terms[0] ?? [ALL]);

  const box = query.box;
  const candidates = terms.filter((keys) => keys !== overlapping);
  /** The grid cells over the box, if few enough, as a set that can drive. */
  const cellsOver = function* (area: Box): Asked<void> {
    const { minLat, maxLat, minLon, maxLon } = area;
    const cells: string[] = [];
    const [lat0, lat1, lon0, lon1] = [cellIndex(minLat), cellIndex(maxLat), cellIndex(minLon), cellIndex(maxLon)];
    if ((lat1 - lat0 + 1) * (lon1 - lon0 + 1) > MAX_BOX_CELLS) return;
    for (let i = lat0; i <= lat1; i++) for (let j = lon0; j <= lon1; j++) cells.push(cellKey(i, j));
    candidates.push(yield* cellsMeeting(cells, area));
  };
  if (box) {
    const { minLat, maxLat, minLon, maxLon } = box;
    if (![minLat, maxLat, minLon, maxLon].every(Number.isFinite) || minLat > maxLat || minLon > maxLon) {
      throw new Error('a box needs finite bounds with minLat <= maxLat and minLon <= maxLon');
    }
    yield* cellsOver(box);
  }
  if (squares && query.near) {
    if (squares.length <= MAX_NEAR_SQUARES) candidates.push(squares);
    else {
      // A wide neighbourhood is listed from the coarser cells under its squares (a square's width
      // of margin around them), each row kept when its square is one of the neighbourhood's.
      const indexes = squaresNear(query.near);
      const lats = indexes.map(([i]) => i);
      const lons = indexes.map(([, j]) => j);
      yield* cellsOver({
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
    const sizes: number[] = [];
    for (const keys of candidates) sizes.push(yield* estimate(keys, from, until));
    driver = candidates[sizes.indexOf(Math.min(...sizes))] as string[];
  }
  // One place or neighbourhood with some categories, over all time: the category totals answer counts.
  const setKeys = squares ?? (query.placeId !== undefined && !outsideOfPlace ? [placeKey(query.placeId)] : undefined);
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
  const confidences = confidencesOf(query);
  // Counts from square totals: the squares wholly inside from their totals, the edge's points
  // (all time) or rows (a period) one by one.
  let parts: Plan[] | undefined;
  const around = query.near ? boxAroundCircle(query.near) : undefined;
  if (split && squares && (totalsKeys === squares || byCategory?.keys === squares)) {
    const insideKeys = new Set(split.inside.map(([i, j]) => squareKey(i, j)));
    const inside = squares.filter((key) => insideKeys.has(key));
    const edge = squares.filter((key) => !insideKeys.has(key));
    const common = {
      confidences,
      box: undefined,
      squares: undefined,
      exceptPlace: undefined,
      from,
      until,
      parts: undefined,
    };
    parts = [
      {
        ...common,
        driver: inside,
        others: terms,
        circle: undefined,
        byCategory: byCategory ? { keys: inside, categories: byCategory.categories } : undefined,
        totalsKeys: byCategory ? undefined : inside,
        points: undefined,
      },
      {
        ...common,
        driver: edge,
        others: terms,
        circle: query.near,
        byCategory: undefined,
        totalsKeys: undefined,
        points:
          around && from === '' && until === END
            ? { keys: edge, categories: byCategory?.categories, box: around }
            : undefined,
      },
    ];
  }
  return {
    driver,
    byCategory,
    circle: query.near,
    parts,
    // The box is checked on the row's own coordinates, so its cells never become a lookup.
    others: terms.filter((keys) => keys !== driver),
    confidences,
    box,
    // Rows read from the squares themselves need no check of their square.
    squares: driver === squares ? undefined : squares,
    exceptPlace,
    from,
    until,
    totalsKeys,
    // A place within a circle ("Saint-Marc's events within 25 km of it"), all time: its points.
    points:
      around &&
      query.placeId !== undefined &&
      !outsideOfPlace &&
      terms.length === (categoryKeys ? 2 : 1) &&
      !box &&
      !exceptPlace &&
      from === '' &&
      until === END
        ? { keys: [placeKey(query.placeId)], categories: categoryKeys?.map(withoutCategoryPrefix), box: around }
        : undefined,
  };
}

const withoutCategoryPrefix = (key: string) => key.slice('category:'.length);

/**
 * A box that holds the whole circle, with a margin: the distance is haversine on a sphere of
 * 6371 km (src/core/geo.ts), and a degree of longitude shrinks toward the pole.
 */
export function boxAroundCircle(near: Neighbourhood): Box {
  const dLat = (near.km / 6371) * (180 / Math.PI) * 1.01 + 1e-6;
  const farthest = Math.min(89, Math.abs(near.lat) + dLat);
  const dLon = Math.min(180, (dLat / Math.max(0.01, Math.cos((farthest * Math.PI) / 180))) * 1.01);
  return { minLat: near.lat - dLat, maxLat: near.lat + dLat, minLon: near.lon - dLon, maxLon: near.lon + dLon };
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
