/**
 * The counts of a place's answer, consistent with each other: the place (its events, by their
 * place or a source's claim), how many of them another source places elsewhere, and "within N km
 * (the place included)", which holds everything counted at the place, each event once.
 */
import { emptyTotals } from './format.ts';
import { type PlacedElsewhere, placedElsewhere } from './placements.ts';
import type { CasualtyGroup, CasualtyKind, Place } from './schemas.ts';
import type { Services } from './services.ts';
import type { CasualtyTotals, EventQuery } from './store-port.ts';

const GROUPS: CasualtyGroup[] = ['mss', 'police', 'gang', 'civilian', 'military', 'other'];
const KINDS: CasualtyKind[] = ['killed', 'injured', 'missing', 'captured'];

/**
 * The totals of two sets of events together, each event once: a + b − (a ∩ b). A lower bound
 * ("at least") in either set is one in the union.
 */
export function unionTotals(a: CasualtyTotals, b: CasualtyTotals, both: CasualtyTotals): CasualtyTotals {
  const out = emptyTotals();
  for (const group of GROUPS) {
    for (const kind of KINDS) {
      const [x, y, z] = [a[group][kind], b[group][kind], both[group][kind]];
      out[group][kind] = {
        count: x.count + y.count - z.count,
        atLeast: x.atLeast || y.atLeast,
        unknownReports: x.unknownReports + y.unknownReports - z.unknownReports,
      };
    }
  }
  return out;
}

/** What a place's answer counts: the place, the events also placed elsewhere, and the circle with the place. */
export interface LocationCounts {
  hereCount: number;
  totals: CasualtyTotals;
  disputed: CasualtyTotals;
  elsewhere: PlacedElsewhere;
  /** Within the radius, the place included, each event once; absent for a radius of 0. */
  near: { count: number; totals: CasualtyTotals; disputed: CasualtyTotals } | undefined;
}

export async function locationCounts(
  services: Services,
  place: Place,
  window: EventQuery,
  radiusKm: number,
): Promise<LocationCounts> {
  const { store, gazetteer } = services;
  const inside: EventQuery = { ...window, placeId: place.id };
  const disputedOnly: EventQuery = { confidences: ['disputed'] };
  // Independent reads, sent at once: on a shared store each is a round trip.
  const [hereCount, totals, disputed, elsewhere] = await Promise.all([
    store.countEvents(inside),
    store.casualtyTotals(inside),
    store.casualtyTotals({ ...inside, ...disputedOnly }),
    placedElsewhere(store, gazetteer, inside, place),
  ]);
  if (!(radiusKm > 0)) return { hereCount, totals, disputed, elsewhere, near: undefined };
  // "Within N km (the place included)": the circle and the place, each event once. An event is
  // counted at the place by its place or a source's claim (a disputed placement), which may lie
  // outside the circle, so the union is the circle plus the place less what is in both.
  const around: EventQuery = { ...window, near: { lat: place.lat, lon: place.lon, km: radiusKm } };
  const both: EventQuery = { ...inside, near: around.near };
  const [aroundCount, bothCount, aroundTotals, bothTotals, aroundDisputed, bothDisputed] = await Promise.all([
    store.countEvents(around),
    store.countEvents(both),
    store.casualtyTotals(around),
    store.casualtyTotals(both),
    store.casualtyTotals({ ...around, ...disputedOnly }),
    store.casualtyTotals({ ...both, ...disputedOnly }),
  ]);
  const near = {
    count: aroundCount + hereCount - bothCount,
    totals: unionTotals(totals, aroundTotals, bothTotals),
    disputed: unionTotals(disputed, aroundDisputed, bothDisputed),
  };
  return { hereCount, totals, disputed, elsewhere, near };
}
