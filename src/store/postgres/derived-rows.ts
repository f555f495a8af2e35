/**
 * The rows derived from an event's current revision, as SQLite keeps them (src/store/event-index.ts
 * and its totals tables), worked out here rather than by triggers: a batch adds up every event's
 * share of each totals table (+1 for a revision written, -1 for the one it replaces) and writes
 * each table with one statement. An event's share is worked out from what its `events` row and
 * revision hold, so a share taken back is exactly the share once added.
 */
import type { Casualty } from '../../core/schemas.ts';

/** What an event's derived rows are made of. */
export interface DerivedSource {
  id: string;
  sortKey: string;
  category: string;
  confidence: string;
  /** Its event_index keys. */
  keys: readonly string[];
  lat: number | null;
  lon: number | null;
  casualties: readonly Casualty[];
}

/** A totals table: the columns that name a row and the numbers summed into it. */
export interface TotalsTable {
  name: string;
  keyColumns: readonly string[];
  sumColumns: readonly string[];
  /** The sum that is 0 exactly when the row counts nothing (the row is then deleted). */
  emptyWhen: string;
}

const casualtySums = ['total', 'at_least', 'unknown', 'reports'] as const;

export const TOTALS_TABLES = {
  eventCounts: { name: 'event_counts', keyColumns: ['key', 'month', 'confidence'], sumColumns: ['events'] },
  eventTotals: { name: 'event_totals', keyColumns: ['key', 'confidence'], sumColumns: ['events'] },
  casualtyCounts: {
    name: 'casualty_counts',
    keyColumns: ['key', 'month', 'grp', 'kind', 'confidence'],
    sumColumns: casualtySums,
  },
  casualtyYears: {
    name: 'casualty_years',
    keyColumns: ['key', 'year', 'grp', 'kind', 'confidence'],
    sumColumns: casualtySums,
  },
  casualtyTotals: {
    name: 'casualty_totals',
    keyColumns: ['key', 'grp', 'kind', 'confidence'],
    sumColumns: casualtySums,
  },
  categoryTotals: { name: 'category_totals', keyColumns: ['key', 'category', 'confidence'], sumColumns: ['events'] },
  categoryCasualtyTotals: {
    name: 'category_casualty_totals',
    keyColumns: ['key', 'category', 'grp', 'kind', 'confidence'],
    sumColumns: casualtySums,
  },
  pointTotals: {
    name: 'point_totals',
    keyColumns: ['key', 'lat', 'lon', 'category', 'confidence'],
    sumColumns: ['events'],
  },
  pointCasualtyTotals: {
    name: 'point_casualty_totals',
    keyColumns: ['key', 'lat', 'lon', 'category', 'grp', 'kind', 'confidence'],
    sumColumns: casualtySums,
  },
} as const;

/** The Postgres type of a totals table's key column: a point's coordinates, else text. */
export const keyColumnType = (column: string) => (column === 'lat' || column === 'lon' ? 'float8' : 'text');

export type TotalsName = keyof typeof TOTALS_TABLES;

export function tableOf(name: TotalsName): TotalsTable {
  const table = TOTALS_TABLES[name];
  return { ...table, emptyWhen: table.sumColumns.includes('events' as never) ? 'events' : 'reports' };
}

/** Per totals table: the rows' names (joined) to their key values and the sums to add. */
export type TotalsDelta = Record<TotalsName, Map<string, { keys: (string | number)[]; sums: number[] }>>;

export function emptyDelta(): TotalsDelta {
  return {
    eventCounts: new Map(),
    eventTotals: new Map(),
    casualtyCounts: new Map(),
    casualtyYears: new Map(),
    casualtyTotals: new Map(),
    categoryTotals: new Map(),
    categoryCasualtyTotals: new Map(),
    pointTotals: new Map(),
    pointCasualtyTotals: new Map(),
  };
}

function add(delta: TotalsDelta, table: TotalsName, keys: (string | number)[], sums: number[]): void {
  const name = keys.join('\u0000');
  const row = delta[table].get(name);
  if (!row) delta[table].set(name, { keys, sums: [...sums] });
  else
    sums.forEach((n, i) => {
      row.sums[i] = (row.sums[i] ?? 0) + n;
    });
}

/** Casualty totals leave out grid cells: a box is answered from the rows. */
const countsCasualties = (key: string) => !key.startsWith('cell:');
/** Per-category totals are kept for places and squares: "attacks in Artibonite", "attacks near Pont-Sondé". */
const countsByCategory = (key: string) => key.startsWith('place:') || key.startsWith('square:');

/** Per-point totals are kept for squares and places: the squares a circle's edge cuts, and a place's events within a circle, are read point by point. */
const countsByPoint = (key: string) => key.startsWith('square:') || key.startsWith('place:');

/** Adds the event's share of every totals table, times `sign` (+1 adds it, -1 takes it back). */
export function addShare(delta: TotalsDelta, e: DerivedSource, sign: 1 | -1): void {
  const month = e.sortKey.slice(0, 7);
  const year = month.slice(0, 4);
  for (const key of e.keys) {
    add(delta, 'eventCounts', [key, month, e.confidence], [sign]);
    add(delta, 'eventTotals', [key, e.confidence], [sign]);
    const byCategory = countsByCategory(key);
    if (byCategory) add(delta, 'categoryTotals', [key, e.category, e.confidence], [sign]);
    const point = countsByPoint(key) && e.lat !== null && e.lon !== null ? [key, e.lat, e.lon, e.category] : undefined;
    if (point) add(delta, 'pointTotals', [...point, e.confidence], [sign]);
    if (!countsCasualties(key)) continue;
    for (const c of e.casualties) {
      const sums = [
        sign * (c.count ?? 0),
        sign * (c.qualifier === 'at-least' ? 1 : 0),
        sign * (c.qualifier === 'unknown' ? 1 : 0),
        sign,
      ];
      add(delta, 'casualtyCounts', [key, month, c.group, c.kind, e.confidence], sums);
      add(delta, 'casualtyYears', [key, year, c.group, c.kind, e.confidence], sums);
      add(delta, 'casualtyTotals', [key, c.group, c.kind, e.confidence], sums);
      if (byCategory) add(delta, 'categoryCasualtyTotals', [key, e.category, c.group, c.kind, e.confidence], sums);
      if (point) add(delta, 'pointCasualtyTotals', [...point, c.group, c.kind, e.confidence], sums);
    }
  }
}
