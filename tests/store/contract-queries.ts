/**
 * The query part of the Store contract: random events and random queries, each answer checked
 * against a plain filter over the same events (listing, paging, count, casualty totals).
 */
import { describe, expect, it } from 'vitest';
import { isNear } from '../../src/core/near.ts';
import { CasualtyGroup, CasualtyKind, type Event, EventCategory } from '../../src/core/schemas.ts';
import type { EventKey, EventQuery, Store } from '../../src/core/store-port.ts';
import { casualtyTotalsOf, makeEvent } from '../support/events.ts';
import { testPlaces } from '../support/place-tree.ts';

const PLACES = ['pont-sonde', 'saint-marc', 'delmas', 'port-au-prince', 'kenscoff', undefined] as const;
const ACTORS = ['mss', 'hnp', 'gang-a', 'gang-b'];
const CONFIDENCES = ['confirmed', 'reported', 'reported', 'disputed', 'retracted'] as const;

function random(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  return { next, pick };
}

function randomEvent(r: ReturnType<typeof random>, i: number): Event {
  const placeId = r.pick(PLACES);
  const confidence = r.pick(CONFIDENCES);
  const day = new Date(Date.UTC(2023, 0, 1) + Math.floor(r.next() * 700) * 86_400_000).toISOString().slice(0, 10);
  const ownPoint = r.next() < 0.2 ? { lat: 18 + r.next() * 1.5, lon: -73 + r.next() * 1 } : {};
  return makeEvent({
    id: `q-${String(i).padStart(3, '0')}`,
    occurredAt: day,
    place: placeId
      ? { placeId, text: placeId, geoPrecision: 'locality', ...ownPoint }
      : { text: 'somewhere', geoPrecision: 'unknown', ...ownPoint },
    category: r.pick(EventCategory.options.slice(0, 4)),
    actors: ACTORS.filter(() => r.next() < 0.35),
    casualties: CasualtyGroup.options
      .filter(() => r.next() < 0.15)
      .map((group) => {
        const qualifier = r.pick(['exact', 'at-least', 'about', 'unknown'] as const);
        return {
          group,
          kind: r.pick(CasualtyKind.options),
          count: qualifier === 'unknown' ? null : Math.floor(r.next() * 9),
          qualifier,
        };
      }),
    confidence,
    claims:
      confidence === 'disputed'
        ? [
            {
              field: 'place',
              value: 'Kenscoff',
              placeId: 'kenscoff',
              standing: 'contested',
              source: { publisher: 'Other' },
            },
          ]
        : [],
  });
}

function randomQuery(r: ReturnType<typeof random>): EventQuery {
  const query: EventQuery = {};
  if (r.next() < 0.4) query.placeId = r.pick(['ht', 'artibonite', 'ouest', 'saint-marc', 'delmas', 'kenscoff']);
  if (r.next() < 0.3) query.actorIds = ACTORS.filter(() => r.next() < 0.4);
  if (r.next() < 0.3) query.casualtyGroup = r.pick(CasualtyGroup.options.slice(0, 4));
  if (r.next() < 0.3) query.categories = EventCategory.options.slice(0, 4).filter(() => r.next() < 0.5);
  if (r.next() < 0.2) query.confidences = (['confirmed', 'reported', 'disputed'] as const).filter(() => r.next() < 0.6);
  if (r.next() < 0.2) query.includeRetracted = true;
  if (r.next() < 0.3) {
    const lat = 18.2 + r.next() * 1.2;
    const lon = -72.9 + r.next() * 0.8;
    const d = 0.05 + r.next() * 0.5;
    query.box = { minLat: lat - d, maxLat: lat + d, minLon: lon - d, maxLon: lon + d };
  }
  if (r.next() < 0.25) {
    const km = 1 + r.next() * 60;
    query.near = { lat: 18.3 + r.next() * 1.1, lon: -72.9 + r.next() * 0.7, km };
  }
  if (r.next() < 0.15) query.exceptPlaceId = r.pick(['artibonite', 'saint-marc', 'ouest', 'kenscoff']);
  const bound = () =>
    new Date(Date.UTC(2023, 0, 1) + Math.floor(r.next() * 700) * 86_400_000).toISOString().slice(0, r.pick([7, 10]));
  if (r.next() < 0.4) query.from = bound();
  if (r.next() < 0.4) query.until = bound();
  return query;
}

/** The plain reading of an EventQuery over day-dated events. */
function matches(event: Event, q: EventQuery): boolean {
  const inPlace = (id: string) =>
    [event.place.placeId, ...event.claims.map((c) => c.placeId)].some(
      (p) => p !== undefined && testPlaces.placePath(p).includes(id),
    );
  const point =
    event.place.lat !== undefined
      ? event.place
      : event.place.placeId
        ? testPlaces.placePoint(event.place.placeId)
        : undefined;
  const retractedAsked = q.includeRetracted || q.confidences?.includes('retracted');
  if (event.confidence === 'retracted' && !retractedAsked) return false;
  if (q.confidences && !q.confidences.includes(event.confidence)) return false;
  if (q.placeId && !inPlace(q.placeId)) return false;
  if (q.actorIds?.length && !q.actorIds.some((a) => event.actors.includes(a))) return false;
  if (q.casualtyGroup && !event.casualties.some((c) => c.group === q.casualtyGroup)) return false;
  if (q.categories?.length && !q.categories.includes(event.category)) return false;
  if (q.from && event.occurredAt < q.from.padEnd(10, '-01').slice(0, 10)) return false;
  if (q.until && event.occurredAt >= q.until.padEnd(10, '-01').slice(0, 10)) return false;
  if (q.exceptPlaceId && inPlace(q.exceptPlaceId)) return false;
  if (
    q.near &&
    (point?.lat === undefined || point.lon === undefined || !isNear({ lat: point.lat, lon: point.lon }, q.near))
  )
    return false;
  if (q.box) {
    if (point?.lat === undefined || point.lon === undefined) return false;
    if (point.lat < q.box.minLat || point.lat > q.box.maxLat || point.lon < q.box.minLon || point.lon > q.box.maxLon)
      return false;
  }
  return true;
}

export function describeQueries(getStore: () => Store): void {
  describe('queries against a plain filter', () => {
    it('answers 160 random queries like a plain filter over 400 random events', async () => {
      const store = getStore();
      const r = random(7);
      const events = Array.from({ length: 400 }, (_, i) => randomEvent(r, i));
      await store.transaction(async (tx) => {
        for (const e of events) await tx.putEvent(e, { author: 't', reason: 't', at: '2025-01-01T00:00:00Z' });
      });
      const newestFirst = (a: Event, b: Event) =>
        a.occurredAt === b.occurredAt ? (a.id < b.id ? 1 : -1) : a.occurredAt < b.occurredAt ? 1 : -1;
      let nonEmpty = 0;
      let nearFound = 0;
      for (let n = 0; n < 160; n++) {
        const query = randomQuery(r);
        const expected = events.filter((e) => matches(e, query)).sort(newestFirst);
        if (expected.length > 0) nonEmpty += 1;
        if (expected.length > 0 && query.near) nearFound += 1;
        const listed: string[] = [];
        let after: EventKey | undefined;
        do {
          const page = await store.listEvents(query, { limit: 13, after });
          listed.push(...page.events.map((s) => s.event.id));
          after = page.nextKey;
        } while (after);
        const label = JSON.stringify(query);
        expect(listed, label).toEqual(expected.map((e) => e.id));
        expect(await store.countEvents(query), label).toBe(expected.length);
        expect(await store.casualtyTotals(query), label).toEqual(casualtyTotalsOf(expected));
      }
      // The random queries must not all be trivially empty.
      expect(nonEmpty).toBeGreaterThan(80);
      // Neighbourhoods alone are answered from per-square totals: check those on their own.
      for (let n = 0; n < 30; n++) {
        const query: EventQuery = {
          near: { lat: 18.4 + r.next() * 0.9, lon: -72.8 + r.next() * 0.6, km: 2 + r.next() * 50 },
        };
        if (n % 3 === 1) query.from = '2023-03-10';
        if (n % 3 === 2) query.confidences = ['disputed'];
        const expected = events.filter((e) => matches(e, query));
        if (expected.length > 0) nearFound += 1;
        const label = JSON.stringify(query);
        // Listed from the squares inside first, then the edge squares' rows before the last of those.
        const pages: string[][] = [];
        let after: EventKey | undefined;
        let page: Awaited<ReturnType<Store['listEvents']>>;
        do {
          page = await store.listEvents(query, { limit: 7, after });
          pages.push(page.events.map((s) => s.event.id));
          after = page.nextKey;
        } while (after);
        expect(pages.flat(), label).toEqual([...expected].sort(newestFirst).map((e) => e.id));
        // And back again, a page at a time, from the last page.
        if (pages.length > 1 && page.previousKey) {
          const back = await store.listEvents(query, { limit: 7, before: page.previousKey });
          expect(
            back.events.map((s) => s.event.id),
            label,
          ).toEqual(pages[pages.length - 2]);
        }
        expect(await store.countEvents(query), label).toBe(expected.length);
        expect(await store.casualtyTotals(query), label).toEqual(casualtyTotalsOf(expected));
      }
      // Neighbourhoods and left-out places must have been asked, and found something.
      expect(nearFound).toBeGreaterThan(20);
    });

    it('finds the events naming a person by name, however it is written, among 600 newer events', async () => {
      const store = getStore();
      const meta = { author: 't', reason: 't', at: '2025-03-21T00:00:00Z' };
      const naming = makeEvent({
        id: 'names-wilson',
        occurredAt: '2024-01-05',
        people: [{ name: 'Wilson Jean-Baptiste', role: 'witness' }],
      });
      const retracted = makeEvent({
        id: 'names-retracted',
        occurredAt: '2024-01-06',
        confidence: 'retracted',
        people: [{ name: 'Ti Pyè Élysée' }],
      });
      await store.putEvents([naming, retracted], meta);
      const newer = Array.from({ length: 600 }, (_, i) =>
        makeEvent({ id: `newer-${String(i).padStart(3, '0')}`, occurredAt: '2025-02-01' }),
      );
      await store.putEvents(newer, meta);
      for (const written of ['Wilson Jean-Baptiste', 'wilson jean baptiste', 'WILSON  JEAN–BAPTISTE.']) {
        const page = await store.listEvents({ personName: written }, { limit: 5 });
        expect(
          page.events.map((s) => s.event.id),
          written,
        ).toEqual(['names-wilson']);
        expect(await store.countEvents({ personName: written }), written).toBe(1);
      }
      expect((await store.listEvents({ personName: 'Wilson' }, { limit: 5 })).events).toEqual([]);
      // Named only in a retracted record: not among the people to ask about, and not found unless asked.
      expect(await store.namedPeople()).toContain('wilson jean baptiste');
      expect(await store.namedPeople()).not.toContain('ti pye elysee');
      expect(await store.countEvents({ personName: 'Ti Pyè Élysée' })).toBe(0);
      expect(await store.countEvents({ personName: 'Ti Pyè Élysée', includeRetracted: true })).toBe(1);
      // A revision that drops the name takes the event out of the person's set.
      await store.putEvent({ ...naming, people: [] }, { ...meta, at: '2025-03-22T00:00:00Z' });
      expect(await store.countEvents({ personName: 'Wilson Jean-Baptiste' })).toBe(0);
      expect(await store.namedPeople()).not.toContain('wilson jean baptiste');
    });

    it('counts the events a place shares with another placement, of any confidence, and says where', async () => {
      const store = getStore();
      const meta = { author: 't', reason: 't', at: '2025-03-21T00:00:00Z' };
      const claim = (placeId: string, standing: 'contested' | 'superseded') => ({
        field: 'place' as const,
        value: placeId,
        standing,
        placeId,
        source: { publisher: 'Other outlet', title: 'Another account' },
      });
      const at = (id: string, placeId: string, claims: ReturnType<typeof claim>[], confidence = 'reported' as const) =>
        makeEvent({
          id,
          occurredAt: '2024-06-10',
          place: { placeId, text: placeId, geoPrecision: 'locality' },
          confidence: claims.some((c) => c.standing === 'contested') ? 'disputed' : confidence,
          claims,
        });
      await store.putEvents(
        [
          // Placed at Pont-Sondé, a source says Kenscoff (disputed); another at Delmas, corrected from Kenscoff.
          at('split-disputed', 'pont-sonde', [claim('kenscoff', 'contested')]),
          at('split-corrected', 'delmas', [claim('kenscoff', 'superseded')]),
          // Both placements inside Artibonite: shared with nothing outside it.
          at('split-inside', 'pont-sonde', [claim('saint-marc', 'contested')]),
          at('plain', 'kenscoff', []),
        ],
        meta,
      );
      const outside = (placeId: string, extra: EventQuery = {}) =>
        store.countEvents({ placeId, ...extra, placedOutside: { placeId } });
      expect(await outside('artibonite')).toBe(1);
      expect(await outside('ouest')).toBe(1);
      expect(await outside('kenscoff')).toBe(2);
      expect(await outside('saint-marc')).toBe(1);
      // The commune a source gives for a Pont-Sondé event is not inside Pont-Sondé.
      expect(await outside('pont-sonde')).toBe(2);
      expect(await outside('ht')).toBe(0);
      expect(await outside('kenscoff', { confidences: ['disputed'] })).toBe(1);
      expect(await outside('kenscoff', { from: '2025-01-01' })).toBe(0);
      // With a category or a circle, still only the shared events ('plain' is at Kenscoff alone).
      expect(await store.countEvents({ placeId: 'kenscoff', categories: ['clash'] })).toBe(3);
      expect(await outside('kenscoff', { categories: ['clash'] })).toBe(2);
      expect(await outside('kenscoff', { categories: ['protest'] })).toBe(0);
      expect(await outside('kenscoff', { near: { lat: 18.8, lon: -72.5, km: 300 } })).toBe(2);
      expect(await outside('kenscoff', { near: { lat: 0, lon: 0, km: 1 } })).toBe(0);
      expect(
        (await store.listEvents({ placeId: 'kenscoff', placedOutside: { placeId: 'kenscoff' } }, { limit: 5 })).events
          .map((e) => e.event.id)
          .sort(),
      ).toEqual(['split-corrected', 'split-disputed']);
      // With a period or categories, as whole: the place's events placed outside it, no other.
      expect(await outside('kenscoff', { from: '2024-06-01', until: '2024-06-11' })).toBe(2);
      expect(await outside('kenscoff', { categories: ['clash'] })).toBe(2);
      expect(await outside('kenscoff', { categories: ['attack'] })).toBe(0);
      expect(await outside('pont-sonde', { categories: ['clash', 'attack'], confidences: ['disputed'] })).toBe(2);
      expect((await store.placementsOutside('kenscoff')).sort()).toEqual(['delmas', 'pont-sonde']);
      expect(await store.placementsOutside('artibonite')).toEqual(['kenscoff']);
      expect(await store.placementsOutside('ouest')).toEqual(['pont-sonde']);
      expect(await store.placementsOutside('port-au-prince')).toEqual(['kenscoff']);
      expect(
        await store.countEvents({ placeId: 'kenscoff', placedOutside: { placeId: 'kenscoff', at: 'delmas' } }),
      ).toBe(1);
      // Retracted: no longer shared.
      const [retracting] = (await store.listEvents({ placeId: 'delmas' }, { limit: 5 })).events;
      await store.putEvent({ ...(retracting?.event as Event), confidence: 'retracted' }, meta);
      expect(await outside('kenscoff')).toBe(1);
      expect(await store.placementsOutside('kenscoff')).toEqual(['pont-sonde']);
    });

    it('counts "within 25 km" exactly: an event 24.9 km away is in, one 25.1 km away is out', async () => {
      const store = getStore();
      const centre = { lat: 19.15, lon: -72.62 };
      // Kilometres along a meridian: 6371 km of Earth radius, as src/core/geo.ts measures.
      const north = (km: number) => ({ lat: centre.lat + (km / 6371) * (180 / Math.PI), lon: centre.lon });
      const east = (km: number) => ({
        lat: centre.lat,
        lon:
          centre.lon +
          (2 * Math.asin(Math.sin(km / 6371 / 2) / Math.cos((centre.lat * Math.PI) / 180)) * 180) / Math.PI,
      });
      const south = (km: number) => ({ lat: centre.lat - (km / 6371) * (180 / Math.PI), lon: centre.lon });
      const west = (km: number) => {
        const { lat, lon } = east(km);
        return { lat, lon: centre.lon - (lon - centre.lon) };
      };
      const at = (id: string, point: { lat: number; lon: number }, killed: number, category: Event['category']) =>
        makeEvent({
          id,
          occurredAt: '2025-03-20',
          place: { text: id, geoPrecision: 'exact', ...point },
          category,
          casualties: [{ group: 'civilian', kind: 'killed', count: killed, qualifier: 'exact' }],
        });
      const events = [
        at('radius-centre', centre, 1, 'clash'),
        at('radius-north-24.9', north(24.9), 2, 'attack'),
        at('radius-north-25.1', north(25.1), 4, 'attack'),
        at('radius-east-24.9', east(24.9), 8, 'clash'),
        at('radius-east-25.1', east(25.1), 16, 'attack'),
      ];
      for (const e of events) await store.putEvent(e, { author: 't', reason: 't', at: '2025-03-21T00:00:00Z' });
      const inside = ['radius-north-24.9', 'radius-east-24.9', 'radius-centre'];
      const near = { ...centre, km: 25 };
      const ids = async (query: EventQuery) =>
        (await store.listEvents(query, { limit: 20 })).events.map((s) => s.event.id).sort();
      expect(await ids({ near })).toEqual([...inside].sort());
      expect(await store.countEvents({ near })).toBe(3);
      expect((await store.casualtyTotals({ near })).civilian.killed.count).toBe(1 + 2 + 8);
      // The same circle through the other ways a count is answered: a period, categories, a confidence.
      expect(await store.countEvents({ near, from: '2025-03-15', until: '2025-03-25' })).toBe(3);
      expect(await store.countEvents({ near, categories: ['attack'] })).toBe(1);
      expect((await store.casualtyTotals({ near, categories: ['attack'] })).civilian.killed.count).toBe(2);
      expect(await store.countEvents({ near, confidences: ['reported'] })).toBe(3);
      expect(await store.countEvents({ near: { ...centre, km: 25.2 } })).toBe(5);
      expect(await store.countEvents({ near: { ...centre, km: 24.8 } })).toBe(1);
      // A place's events within the circle (a place asked "within N km" of itself), counted from the place's points.
      const atPlace = (
        id: string,
        point: { lat: number; lon: number },
        killed: number,
        category: Event['category'],
      ) => {
        const event = at(id, point, killed, category);
        return { ...event, place: { ...event.place, placeId: 'saint-marc' } };
      };
      const placed = [
        atPlace('placed-west-24.9', west(24.9), 32, 'attack'),
        atPlace('placed-west-25.1', west(25.1), 64, 'attack'),
        atPlace('placed-south-24.9', south(24.9), 128, 'clash'),
        atPlace('placed-south-25.1', south(25.1), 256, 'clash'),
      ];
      for (const e of placed) await store.putEvent(e, { author: 't', reason: 't', at: '2025-03-21T00:00:00Z' });
      const ofPlace = { placeId: 'saint-marc', near };
      expect(await store.countEvents(ofPlace)).toBe(2);
      expect((await store.casualtyTotals(ofPlace)).civilian.killed.count).toBe(32 + 128);
      expect(await store.countEvents({ ...ofPlace, categories: ['attack'] })).toBe(1);
      expect((await store.casualtyTotals({ ...ofPlace, categories: ['clash'] })).civilian.killed.count).toBe(128);
      expect(await store.countEvents({ ...ofPlace, confidences: ['disputed'] })).toBe(0);
      expect(await ids({ ...ofPlace })).toEqual(['placed-south-24.9', 'placed-west-24.9']);
    });
  });
}
