/**
 * The newest rows of a key in event_index, kept in memory (see versioned-memory.ts), so that
 * the first page of a circle's events is merged from memory: a 25 km circle meets some ninety
 * squares, and starting a read of each costs more than the page itself.
 */
import { compareKeys, type KeyRow } from './key-ranges.ts';
import { createVersionedMemory } from './versioned-memory.ts';

/** Rows kept a key, newest first: enough for a page even when half of them lie outside a circle. */
export const NEWEST_KEPT = 64;
/** A thousand squares' worth: about 10 MB of rows. */
const MAX_ROWS = 64_000;

export interface NewestRow extends KeyRow {
  confidence: string;
  lat: number | null;
  lon: number | null;
}

export interface NewestKeys {
  /**
   * The `limit` newest rows of these keys (which hold no event twice) that `keep` keeps, newest
   * first; or undefined when what is kept cannot tell (a key kept in part ran out first).
   */
  newest(keys: string[], keep: (row: NewestRow, key: string) => boolean, limit: number): KeyRow[] | undefined;
}

/** `load` reads a key's NEWEST_KEPT newest rows, newest first. */
export function createNewestKeys(
  load: (key: string, limit: number) => NewestRow[],
  version: () => string | undefined,
  keyVersion: (key: string) => number,
): NewestKeys {
  const memory = createVersionedMemory<NewestRow[]>({
    version,
    keyVersion,
    load: (key) => load(key, NEWEST_KEPT),
    rows: (rows) => Math.max(1, rows.length),
    maxRows: MAX_ROWS,
  });
  return {
    newest(keys, keep, limit) {
      const get = memory.at();
      if (!get || limit > NEWEST_KEPT) return undefined;
      const lists = keys.map((key) => get(key) as NewestRow[]);
      // Merged newest first, a row kept or not as it is reached: a page reads a few rows of each.
      const next = new Array<number>(lists.length).fill(0);
      const page: KeyRow[] = [];
      while (page.length < limit) {
        let best = -1;
        for (let i = 0; i < lists.length; i++) {
          const head = (lists[i] as NewestRow[])[next[i] as number];
          const current = best < 0 ? undefined : (lists[best] as NewestRow[])[next[best] as number];
          if (head && (!current || newerFirst(head, current) < 0)) best = i;
        }
        if (best < 0) return page;
        const list = lists[best] as NewestRow[];
        const row = list[next[best] as number] as NewestRow;
        next[best] = (next[best] as number) + 1;
        if (keep(row, keys[best] as string)) page.push({ sort_key: row.sort_key, event_id: row.event_id });
        // A list kept in part ran out before the page was full: what follows it is not known here.
        if (page.length < limit && next[best] === NEWEST_KEPT && list.length === NEWEST_KEPT) return undefined;
      }
      return page;
    },
  };
}

/** Newest first, as the index orders keys, reversed. */
const newerFirst = (a: KeyRow, b: KeyRow) => compareKeys(b, a);
