/**
 * Every answer's counts agree with each other, for random stores and queries: the place is within
 * any radius around it; "within N km (the place included)" is the place and the circle, each event
 * once (a disputed placement too); departments, less the events also placed in another one, sum to
 * the national count; parts (disputed) never exceed their totals. Checked against a plain oracle
 * over every event of the store. Seeded and bounded, so the suite stays quick.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { locationCounts } from '../../src/core/location-counts.ts';
import { isNear } from '../../src/core/near.ts';
import { isWithin, placementsOf } from '../../src/core/placements.ts';
import type { CasualtyGroup, CasualtyKind, Event } from '../../src/core/schemas.ts';
import type { Services } from '../../src/core/services.ts';
import type { CasualtyTotals, EventKey } from '../../src/core/store-port.ts';
import { casualtyTotalsOf, makeEvent } from '../support/events.ts';
import { createTestServices } from '../support/services.ts';

const PLACES = [
  'pont-sonde',
  'saint-marc',
  'belot',
  'kenscoff',
  'liancourt',
  'port-au-prince',
  'segur-savien',
  'mirebalais',
];
const ASKED = ['pont-sonde', 'liancourt', 'belot', 'saint-marc', 'kenscoff'];
const GROUPS: CasualtyGroup[] = ['mss', 'police', 'gang', 'civilian', 'military', 'other'];
const KINDS: CasualtyKind[] = ['killed', 'injured', 'missing', 'captured'];

const casualty = fc.record({
  group: fc.constantFrom(...GROUPS),
  kind: fc.constantFrom(...KINDS),
  count: fc.option(fc.integer({ min: 0, max: 9 }), { nil: null }),
});
const randomEvent = fc.record({
  place: fc.constantFrom(...PLACES),
  // Own coordinates a few km from the place's point, or none (the place's point).
  offset: fc.option(
    fc.tuple(fc.double({ min: -0.3, max: 0.3, noNaN: true }), fc.double({ min: -0.3, max: 0.3, noNaN: true })),
  ),
  disputedPlace: fc.option(fc.constantFrom(...PLACES)),
  casualties: fc.array(casualty, { maxLength: 3 }),
  day: fc.integer({ min: 0, max: 600 }),
});

async function everyEvent(services: Services): Promise<Event[]> {
  const out: Event[] = [];
  let after: EventKey | undefined;
  do {
    const page = await services.store.listEvents({}, { limit: 200, after });
    out.push(...page.events.map((s) => s.event));
    after = page.nextKey;
  } while (after);
  return out;
}

function atMost(part: CasualtyTotals, whole: CasualtyTotals, label: string) {
  for (const g of GROUPS)
    for (const k of KINDS) {
      expect(part[g][k].count, `${label} ${g} ${k}`).toBeLessThanOrEqual(whole[g][k].count);
      expect(part[g][k].unknownReports, `${label} ${g} ${k} unknown`).toBeLessThanOrEqual(whole[g][k].unknownReports);
    }
}

describe('one consistent count', () => {
  it('keeps every answer consistent for random stores and queries', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(randomEvent, { maxLength: 14 }),
        fc.array(fc.tuple(fc.constantFrom(...ASKED), fc.constantFrom(1, 5, 10, 25, 40)), {
          minLength: 4,
          maxLength: 8,
        }),
        async (generated, queries) => {
          const services = await createTestServices();
          const { gazetteer } = services;
          for (const g of generated) {
            const place = gazetteer.get(g.place);
            if (!place) throw new Error(`no ${g.place} in the gazetteer`);
            const claimPlace = g.disputedPlace && g.disputedPlace !== g.place ? g.disputedPlace : undefined;
            const event = makeEvent({
              id: `prop-${n++}`,
              occurredAt: new Date(Date.UTC(2024, 0, 1) + g.day * 86_400_000).toISOString().slice(0, 10),
              place: {
                placeId: g.place,
                text: g.place,
                geoPrecision: g.offset ? 'exact' : 'locality',
                ...(g.offset ? { lat: place.lat + g.offset[0], lon: place.lon + g.offset[1] } : {}),
              },
              casualties: g.casualties.map((c) => ({ ...c, qualifier: c.count === null ? 'unknown' : 'exact' })),
              confidence: claimPlace ? 'disputed' : 'reported',
              claims: claimPlace
                ? [
                    {
                      field: 'place',
                      value: claimPlace,
                      placeId: claimPlace,
                      standing: 'contested',
                      source: { publisher: 'Other' },
                    },
                  ]
                : [],
            });
            await services.store.putEvent(event, { author: 't', reason: 't', at: '2025-01-01T00:00:00Z' });
          }
          const events = (await everyEvent(services)).filter((e) => e.confidence !== 'retracted');
          const pointOf = (e: Event) =>
            e.place.lat !== undefined && e.place.lon !== undefined
              ? { lat: e.place.lat, lon: e.place.lon }
              : e.place.placeId
                ? gazetteer.get(e.place.placeId)
                : undefined;

          for (const [placeId, km] of queries) {
            const place = gazetteer.get(placeId);
            if (!place) throw new Error(`no ${placeId}`);
            const counts = await locationCounts(services, place, {}, km);
            const atPlace = events.filter((e) => placementsOf(e).some((id) => isWithin(gazetteer, id, place)));
            const union = events.filter((e) => {
              const point = pointOf(e);
              return atPlace.includes(e) || (point !== undefined && isNear(point, { ...place, km }));
            });
            const label = `${placeId} ${km} km`;
            expect(counts.hereCount, label).toBe(atPlace.length);
            expect(counts.near?.count, label).toBe(union.length);
            // Each event once, a disputed placement too: the totals are the plain sums over the union.
            expect(counts.near?.totals, label).toEqual(casualtyTotalsOf(union));
            expect(counts.near?.disputed, label).toEqual(
              casualtyTotalsOf(union.filter((e) => e.confidence === 'disputed')),
            );
            atMost(counts.totals, counts.near?.totals as CasualtyTotals, `${label}: the place within its radius`);
            atMost(counts.disputed, counts.totals, `${label}: disputed part of the place`);
            const elsewhere = atPlace.filter((e) => placementsOf(e).some((id) => !isWithin(gazetteer, id, place)));
            expect(counts.elsewhere.count, label).toBe(elsewhere.length);
          }

          // Departments: each counts its events; less those also placed in another department
          // (counted once, where their own record places them), they sum to the national count.
          const departments = gazetteer.places.filter((p) => p.kind === 'department');
          let summed = 0;
          let alsoElsewhere = 0;
          for (const department of departments) {
            const c = await locationCounts(services, department, {}, 0);
            summed += c.hereCount;
            alsoElsewhere += c.elsewhere.count;
          }
          const inHaiti = events.filter((e) =>
            placementsOf(e).some((id) => departments.some((d) => isWithin(gazetteer, id, d))),
          );
          const departmentsOf = (e: Event) =>
            departments.filter((d) => placementsOf(e).some((id) => isWithin(gazetteer, id, d)));
          const extra = inHaiti.reduce((sum, e) => sum + departmentsOf(e).length - 1, 0);
          expect(summed - extra).toBe(inHaiti.length);
          // An event in two departments is said to be placed elsewhere in both answers.
          expect(alsoElsewhere).toBe(
            inHaiti.filter((e) => departmentsOf(e).length > 1).length * 2 +
              inHaiti.filter(
                (e) =>
                  departmentsOf(e).length === 1 &&
                  placementsOf(e).some((id) => !departments.some((d) => isWithin(gazetteer, id, d))),
              ).length,
          );
          const national = await services.store.countEvents({ placeId: 'ht' });
          expect(national).toBe(inHaiti.length);
        },
      ),
      { numRuns: 30, seed: 20261202 },
    );
  }, 240_000);
});
