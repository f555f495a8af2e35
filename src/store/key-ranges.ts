/**
 * Index keys, (sort key, event id), as both stores order them, and a date range split into the
 * parts their totals answer.
 */
import { END, type Plan } from './event-plan.ts';
import { nextMonth } from './sort-key.ts';

export interface KeyRow {
  sort_key: string;
  event_id: string;
}

export function compareKeys(a: KeyRow, b: KeyRow): number {
  if (a.sort_key !== b.sort_key) return a.sort_key < b.sort_key ? -1 : 1;
  return a.event_id < b.event_id ? -1 : a.event_id > b.event_id ? 1 : 0;
}

/**
 * Splits [from, until) into whole years and whole months (read from the totals) and the
 * partial months at the ends (read from the rows).
 */
export function split(p: Pick<Plan, 'from' | 'until'>): {
  years?: [string, string];
  months: [string, string][];
  edges: [string, string][];
} {
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
