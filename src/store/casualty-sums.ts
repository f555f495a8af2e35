/** Casualty sums as the totals statements return them (one row per group and kind), and their fold. */
import { emptyTotals } from '../core/format.ts';
import type { CasualtyGroup, CasualtyKind } from '../core/schemas.ts';
import type { CasualtyTotals } from '../core/store-port.ts';

export interface CasualtySum {
  grp: string;
  kind: string;
  total: number;
  at_least: number;
  unknown: number;
}

/** Adds up sums into totals; a group or kind the schema does not know is left out. */
export function totalsOfSums(sums: Iterable<CasualtySum>): CasualtyTotals {
  const totals = emptyTotals();
  for (const s of sums) {
    const cell = totals[s.grp as CasualtyGroup]?.[s.kind as CasualtyKind];
    if (!cell) continue;
    cell.count += s.total;
    cell.atLeast ||= s.at_least > 0;
    cell.unknownReports += s.unknown;
  }
  return totals;
}
