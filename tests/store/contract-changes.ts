/**
 * The changes part of the Store contract: random events revised over random days (category,
 * place, confidence and casualties changing), and each period's changes, counts and casualty
 * totals checked against a plain reading of every event's history.
 */
import { describe, expect, it } from 'vitest';
import { CasualtyGroup, CasualtyKind, type Event, type EventCategory } from '../../src/core/schemas.ts';
import type { ChangeFilter, EventRevision, Store } from '../../src/core/store-port.ts';
import { casualtyTotalsOf, makeEvent } from '../support/events.ts';
import { testPlaces } from '../support/place-tree.ts';

const PLACES = ['pont-sonde', 'saint-marc', 'delmas', 'kenscoff'];
const CATEGORIES: EventCategory[] = ['clash', 'attack', 'kidnapping'];
const CONFIDENCES = ['confirmed', 'reported', 'disputed', 'retracted'] as const;

function random(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  return { next, pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T };
}

type Random = ReturnType<typeof random>;

function variant(r: Random, id: string): Event {
  const placeId = r.pick(PLACES);
  const confidence = r.pick(CONFIDENCES);
  return makeEvent({
    id,
    occurredAt: `2024-0${1 + Math.floor(r.next() * 9)}-1${Math.floor(r.next() * 9)}`,
    place: { placeId, text: placeId, geoPrecision: 'locality' },
    category: r.pick(CATEGORIES),
    confidence,
    casualties: CasualtyGroup.options
      .filter(() => r.next() < 0.3)
      .map((group) => {
        const qualifier = r.pick(['exact', 'at-least', 'unknown'] as const);
        return {
          group,
          kind: r.pick(CasualtyKind.options),
          count: qualifier === 'unknown' ? null : Math.floor(r.next() * 9),
          qualifier,
        };
      }),
    // A disputed report carries a contested place; some others do too.
    claims:
      confidence === 'disputed' || r.next() < 0.2
        ? [
            {
              field: 'place',
              value: 'Kenscoff',
              placeId: 'kenscoff',
              standing: 'contested',
              source: { publisher: 'X' },
            },
          ]
        : [],
  });
}

const day = (d: number) => `2025-05-${String(d).padStart(2, '0')}T00:00:00.000Z`;

const inPlace = (event: Event, placeId: string) =>
  [event.place.placeId, ...event.claims.map((c) => c.placeId)].some(
    (id) => id !== undefined && testPlaces.placePath(id).includes(placeId),
  );

export function describeChanges(getStore: () => Store): void {
  describe('changes in a period against every history', () => {
    it('lists, counts and sums the latest revision of each event changed in a period', async () => {
      const store = getStore();
      const r = random(11);
      const ids = Array.from({ length: 60 }, (_, i) => `c-${String(i).padStart(2, '0')}`);
      // Eight days; each day a random third of the events gets a new version (the first one is new).
      for (let d = 1; d <= 8; d++) {
        const batch = ids.filter(() => r.next() < 0.35).map((id) => variant(r, id));
        for (const [i, event] of batch.entries()) {
          await store.putEvent(event, { author: 't', reason: `day ${d}`, at: `2025-05-0${d}T0${i % 10}:00:00.000Z` });
        }
      }
      const histories = (await Promise.all(ids.map((id) => store.history(id)))).filter((h) => h.length > 0);
      let nonEmpty = 0;
      for (let n = 0; n < 40; n++) {
        const from = 1 + Math.floor(r.next() * 8);
        const until = Math.min(9, from + 1 + Math.floor(r.next() * 3));
        const filter: ChangeFilter = {};
        if (r.next() < 0.4) filter.category = r.pick(CATEGORIES);
        if (r.next() < 0.4) filter.placeId = r.pick(['artibonite', 'saint-marc', 'ouest', 'kenscoff']);
        const expected: Array<EventRevision & { first: number }> = [];
        for (const history of histories) {
          const inPeriod = history.filter((v) => v.recordedAt >= day(from) && v.recordedAt < day(until));
          const latest = inPeriod[inPeriod.length - 1];
          if (!latest) continue;
          if (filter.category && latest.event.category !== filter.category) continue;
          if (filter.placeId && !inPlace(latest.event, filter.placeId)) continue;
          expected.push({ ...latest, first: (inPeriod[0] as EventRevision).revision });
        }
        expected.sort((a, b) =>
          a.recordedAt === b.recordedAt ? (a.eventId < b.eventId ? 1 : -1) : a.recordedAt < b.recordedAt ? 1 : -1,
        );
        if (expected.length > 0) nonEmpty += 1;
        const label = JSON.stringify({ from, until, filter });
        const list = await store.changesBetween(day(from), day(until), filter, 5);
        expect(list.total, label).toBe(expected.length);
        expect(
          list.changes.map((c) => [c.eventId, c.revision, c.firstRevisionInPeriod, c.event]),
          label,
        ).toEqual(expected.slice(0, 5).map((e) => [e.eventId, e.revision, e.first, e.event]));
        const added = expected.filter((e) => e.first === 1 && e.event.confidence !== 'retracted').map((e) => e.event);
        expect(list.added, label).toEqual(casualtyTotalsOf(added));
        expect((await store.changesBetween(day(from), day(until), filter, 0)).total, label).toBe(expected.length);
      }
      expect(nonEmpty).toBeGreaterThan(20);

      // Counts and totals over all time, and per place, after all those revisions.
      const current = histories.map((h) => (h[h.length - 1] as EventRevision).event);
      const live = current.filter((e) => e.confidence !== 'retracted');
      expect(await store.countEvents({})).toBe(live.length);
      expect(await store.casualtyTotals({})).toEqual(casualtyTotalsOf(live));
      for (const placeId of ['artibonite', 'saint-marc', 'kenscoff']) {
        const here = live.filter((e) => inPlace(e, placeId));
        expect(await store.countEvents({ placeId }), placeId).toBe(here.length);
        expect(await store.casualtyTotals({ placeId }), placeId).toEqual(casualtyTotalsOf(here));
        const disputed = here.filter((e) => e.confidence === 'disputed');
        expect(await store.casualtyTotals({ placeId, confidences: ['disputed'] }), placeId).toEqual(
          casualtyTotalsOf(disputed),
        );
      }
    });

    it('refuses an unknown category or a bad limit', async () => {
      const store = getStore();
      await expect(store.changesBetween(day(1), day(2), { category: 'picnic' as EventCategory }, 5)).rejects.toThrow(
        /unknown category "picnic"/,
      );
      await expect(store.changesBetween(day(1), day(2), {}, -1)).rejects.toThrow(/limit/);
    });
  });
}
