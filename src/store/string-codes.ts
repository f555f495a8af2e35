/**
 * Small numbers for the few strings that rows kept in memory repeat (categories, confidences,
 * casualty groups and kinds), so that a scan compares numbers and sums into arrays.
 */
import type { CasualtySum } from './casualty-sums.ts';

export interface StringCodes {
  code(name: string): number;
  name(code: number): string;
  /** A table by code: 1 for the names wanted; undefined (every name) when none are given. */
  mask(wanted: readonly string[] | undefined): Uint8Array | undefined;
  /** How many codes there are. */
  size(): number;
  /** The name of a code cut at its "|": a casualty group and kind. */
  parts(code: number): [string, string];
}

export function createStringCodes(): StringCodes {
  const codes = new Map<string, number>();
  const names: string[] = [];
  const code = (name: string) => {
    let c = codes.get(name);
    if (c === undefined) {
      c = names.push(name) - 1;
      codes.set(name, c);
    }
    return c;
  };
  const parted: Array<[string, string]> = [];
  return {
    code,
    name: (c) => names[c] as string,
    parts(c) {
      let known = parted[c];
      if (!known) {
        known = (names[c] as string).split('|') as [string, string];
        parted[c] = known;
      }
      return known;
    },
    mask(wanted) {
      if (!wanted) return undefined;
      const table = new Uint8Array(names.length + wanted.length);
      for (const name of wanted) table[code(name)] = 1;
      return table;
    },
    size: () => names.length,
  };
}

/** Casualty sums gathered by a code for "group|kind", as the totals statements return them. */
export function casualtySumsByCode(codes: StringCodes) {
  const n = codes.size();
  const total = new Float64Array(n);
  const atLeast = new Float64Array(n);
  const unknown = new Float64Array(n);
  const seen = new Uint8Array(n);
  return {
    add(grpKind: number, t: number, a: number, u: number) {
      total[grpKind] = (total[grpKind] as number) + t;
      atLeast[grpKind] = (atLeast[grpKind] as number) + a;
      unknown[grpKind] = (unknown[grpKind] as number) + u;
      seen[grpKind] = 1;
    },
    sums(): CasualtySum[] {
      const out: CasualtySum[] = [];
      for (let c = 0; c < n; c++) {
        if (seen[c] === 0) continue;
        const [grp, kind] = codes.parts(c);
        out.push({
          grp,
          kind,
          total: total[c] as number,
          at_least: atLeast[c] as number,
          unknown: unknown[c] as number,
        });
      }
      return out;
    },
  };
}
