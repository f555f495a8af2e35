/**
 * The all-time totals of a set (event_totals, casualty_totals) kept in memory while the store
 * stays at one version (see versioned-memory.ts): a circle's answer sums them over every square
 * wholly inside it, some fifty at 25 km, several times (its count, its casualties, their
 * disputed part), and SQLite sorts the rows of each such sum to group them.
 */
import type { CasualtySum } from './casualty-sums.ts';
import { casualtySumsByCode, createStringCodes } from './string-codes.ts';
import { createVersionedMemory } from './versioned-memory.ts';

/** About 30 rows a set. */
const MAX_ROWS = 200_000;

export interface SetTotals {
  /** [confidence, events] */
  events: Array<[string, number]>;
  /** [grp, kind, confidence, total, at_least, unknown] */
  casualties: Array<[string, string, string, number, number, number]>;
}

export interface KeptTotals {
  /** Events of `keys` with these confidences (all when undefined); undefined when nothing may be kept. */
  count(keys: readonly string[], confidences: readonly string[] | undefined): number | undefined;
  casualtySums(keys: readonly string[], confidences: readonly string[] | undefined): CasualtySum[] | undefined;
}

/** A set's rows with their strings as codes (see string-codes.ts). */
interface CodedTotals {
  /** confidence, events; by pairs */
  events: Float64Array;
  /** grp|kind, confidence, total, at_least, unknown; by fives */
  casualties: Float64Array;
}

export function createKeptTotals(
  load: (key: string) => SetTotals,
  version: () => string | undefined,
  keyVersion: (key: string) => number,
): KeptTotals {
  const codes = createStringCodes();
  const memory = createVersionedMemory<CodedTotals>({
    version,
    keyVersion,
    load: (key) => {
      const rows = load(key);
      return {
        events: Float64Array.from(rows.events.flatMap(([confidence, n]) => [codes.code(confidence), n])),
        casualties: Float64Array.from(
          rows.casualties.flatMap(([grp, kind, confidence, total, atLeast, unknown]) => [
            codes.code(`${grp}|${kind}`),
            codes.code(confidence),
            total,
            atLeast,
            unknown,
          ]),
        ),
      };
    },
    rows: (totals) => totals.events.length / 2 + totals.casualties.length / 5,
    maxRows: MAX_ROWS,
  });
  const totalsOf = (keys: readonly string[]) => {
    const get = memory.at();
    return get && keys.map((key) => get(key) as CodedTotals);
  };
  return {
    count(keys, confidences) {
      const all = totalsOf(keys);
      if (!all) return undefined;
      const wanted = codes.mask(confidences);
      let n = 0;
      for (const { events } of all) {
        for (let i = 0; i < events.length; i += 2) {
          if (!wanted || wanted[events[i] as number] === 1) n += events[i + 1] as number;
        }
      }
      return n;
    },
    casualtySums(keys, confidences) {
      const all = totalsOf(keys);
      if (!all) return undefined;
      const wanted = codes.mask(confidences);
      const sums = casualtySumsByCode(codes);
      for (const { casualties: c } of all) {
        for (let i = 0; i < c.length; i += 5) {
          if (wanted && wanted[c[i + 1] as number] !== 1) continue;
          sums.add(c[i] as number, c[i + 2] as number, c[i + 3] as number, c[i + 4] as number);
        }
      }
      return sums.sums();
    },
  };
}
