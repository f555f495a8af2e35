/** The listing part of the Store contract: order, paging in both directions, and each filter. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Event } from '../../src/core/schemas.ts';
import type { EventKey, EventQuery, Store } from '../../src/core/store-port.ts';
import { makeEvent } from '../support/events.ts';

const meta = (at: string) => ({ author: 'tester', reason: 'test', at });

/** Pages through every event of `query`, newest first, following nextKey. */
async function pageForward(
  store: Store,
  query: EventQuery,
  limit: number,
): Promise<{ ids: string[]; lastKey?: EventKey }> {
  const ids: string[] = [];
  let after: EventKey | undefined;
  for (let guard = 0; guard < 1000; guard++) {
    const page = await store.listEvents(query, { limit, after });
    if (guard === 0) expect(page.previousKey).toBeUndefined();
    else expect(page.previousKey).toBeDefined();
    ids.push(...page.events.map((e) => e.event.id));
    if (!page.nextKey) return { ids, lastKey: after };
    after = page.nextKey;
  }
  throw new Error('paging did not end');
}

export function describeListing(getStore: () => Store): void {
  let store: Store;
  beforeEach(async () => {
    store = getStore();
  });

  describe('listing and paging', () => {
    it('pages 300 events newest first without gaps or repeats, forwards and backwards', async () => {
      const events: Event[] = [];
      for (let i = 0; i < 300; i++) {
        // Several events share a day, so the id decides among them.
        const day = new Date(Date.UTC(2024, 0, 1) + (i % 97) * 86_400_000 * 3).toISOString().slice(0, 10);
        events.push(makeEvent({ id: `paging-${String((i * 37) % 300).padStart(3, '0')}`, occurredAt: day }));
      }
      await store.transaction(async (tx) => {
        for (const e of events) await tx.putEvent(e, meta('2025-01-01T00:00:00Z'));
      });
      const expected = [...events]
        .sort((x, y) => (x.occurredAt === y.occurredAt ? (x.id < y.id ? 1 : -1) : x.occurredAt < y.occurredAt ? 1 : -1))
        .map((e) => e.id);

      const forward = await pageForward(store, {}, 7);
      expect(forward.ids).toEqual(expected);

      // Backwards from the last page, following previousKey.
      const lastPage = await store.listEvents({}, { limit: 7, after: forward.lastKey });
      const backward = lastPage.events.map((e) => e.event.id);
      let before = lastPage.previousKey;
      while (before) {
        const page = await store.listEvents({}, { limit: 7, before });
        expect(page.events.length).toBeGreaterThan(0);
        expect(page.nextKey).toBeDefined();
        backward.unshift(...page.events.map((e) => e.event.id));
        before = page.previousKey;
      }
      expect(backward).toEqual(expected);
    });

    it('keeps paging without gaps or repeats while events are added', async () => {
      for (let i = 0; i < 40; i++) {
        await store.putEvent(
          makeEvent({ id: `steady-${i}`, occurredAt: `2024-02-${String(1 + (i % 28)).padStart(2, '0')}` }),
          meta('2025-01-01T00:00:00Z'),
        );
      }
      const seen: string[] = [];
      let page = await store.listEvents({}, { limit: 9 });
      seen.push(...page.events.map((e) => e.event.id));
      // Newer and older events arrive between page requests.
      await store.putEvent(makeEvent({ id: 'late-newer', occurredAt: '2024-12-01' }), meta('2025-01-02T00:00:00Z'));
      await store.putEvent(makeEvent({ id: 'late-older', occurredAt: '2023-01-01' }), meta('2025-01-02T00:00:00Z'));
      while (page.nextKey) {
        page = await store.listEvents({}, { limit: 9, after: page.nextKey });
        seen.push(...page.events.map((e) => e.event.id));
      }
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toContain('late-older');
      expect(seen).not.toContain('late-newer');
      for (let i = 0; i < 40; i++) expect(seen).toContain(`steady-${i}`);
      // The first page now has a newer event before it.
      const second = await store.listEvents({}, { limit: 9, after: { sortKey: '2024-02-28', id: 'steady-27' } });
      expect(second.previousKey).toBeDefined();
      expect(
        (await store.listEvents({}, { limit: 9, before: second.previousKey })).events.map((e) => e.event.id),
      ).toContain('late-newer');
    });

    it('orders timed events by the instant, whatever offset they were written with', async () => {
      await store.putEvent(
        makeEvent({ id: 'utc', occurredAt: '2025-03-25T20:00:00Z', timePrecision: 'datetime' }),
        meta('2025-03-26T00:00:00Z'),
      );
      await store.putEvent(
        makeEvent({ id: 'local', occurredAt: '2025-03-25T17:00:00-04:00', timePrecision: 'datetime' }),
        meta('2025-03-26T00:00:00Z'),
      );
      await store.putEvent(makeEvent({ id: 'day-only', occurredAt: '2025-03-25' }), meta('2025-03-26T00:00:00Z'));
      await store.putEvent(
        makeEvent({ id: 'month-only', occurredAt: '2025-02', timePrecision: 'month' }),
        meta('2025-03-26T00:00:00Z'),
      );
      const page = await store.listEvents({}, { limit: 10 });
      expect(page.events.map((e) => e.event.id)).toEqual(['local', 'utc', 'day-only', 'month-only']);
      expect(page.nextKey).toBeUndefined();
      expect(page.previousKey).toBeUndefined();
      // A local day selects timed and day-only events of that day.
      expect(await store.countEvents({ from: '2025-03-25', until: '2025-03-26' })).toBe(3);
      expect(await store.countEvents({ from: '2025-02', until: '2025-03' })).toBe(1);
    });

    it('rejects a limit out of range and a request with both after and before', async () => {
      await expect(store.listEvents({}, { limit: 0 })).rejects.toThrow(/limit/);
      const key = { sortKey: '2025-01-01', id: 'x' };
      await expect(store.listEvents({}, { limit: 5, after: key, before: key })).rejects.toThrow(/after.*before/);
    });
  });

  describe('filters', () => {
    const put = async (overrides: Parameters<typeof makeEvent>[0]) => {
      const event = makeEvent(overrides);
      await store.putEvent(event, meta('2025-04-01T00:00:00Z'));
      return event.id;
    };
    const ids = async (query: EventQuery) =>
      (await store.listEvents(query, { limit: 100 })).events.map((e) => e.event.id).sort();

    it('finds an event in every place that contains its place, and in the places its place claims name', async () => {
      const atPontSonde = await put({ place: { placeId: 'pont-sonde', text: 'Pont-Sondé', geoPrecision: 'locality' } });
      const atDelmas = await put({ place: { placeId: 'delmas', text: 'Delmas', geoPrecision: 'commune' } });
      const disputed = await put({
        place: { placeId: 'port-au-prince', text: 'Port-au-Prince', geoPrecision: 'commune' },
        confidence: 'disputed',
        claims: [
          {
            field: 'place',
            value: 'Pont-Sondé',
            placeId: 'pont-sonde',
            standing: 'contested',
            source: { publisher: 'Other Wire' },
          },
        ],
      });
      const unplaced = await put({ place: { text: 'somewhere in the hills', geoPrecision: 'unknown' } });
      expect(await ids({ placeId: 'artibonite' })).toEqual([atPontSonde, disputed].sort());
      expect(await ids({ placeId: 'saint-marc' })).toEqual([atPontSonde, disputed].sort());
      expect(await ids({ placeId: 'ouest' })).toEqual([atDelmas, disputed].sort());
      expect(await ids({ placeId: 'delmas' })).toEqual([atDelmas]);
      expect(await ids({ placeId: 'ht' })).toEqual([atPontSonde, atDelmas, disputed].sort());
      expect(await ids({})).toEqual([atPontSonde, atDelmas, disputed, unplaced].sort());
      expect(await store.countEvents({ placeId: 'artibonite' })).toBe(2);
      expect(await ids({ placeId: 'kenscoff' })).toEqual([]);
    });

    it('filters by a box, using the gazetteer point when the event has no coordinates', async () => {
      const own = await put({
        place: { text: 'a road near Kenscoff', lat: 18.46, lon: -72.28, geoPrecision: 'exact' },
      });
      const byPlace = await put({ place: { placeId: 'kenscoff', text: 'Kenscoff', geoPrecision: 'commune' } });
      await put({ place: { placeId: 'pont-sonde', text: 'Pont-Sondé', geoPrecision: 'locality' } });
      await put({ place: { text: 'unknown', geoPrecision: 'unknown' } });
      const box = { minLat: 18.4, maxLat: 18.5, minLon: -72.35, maxLon: -72.25 };
      expect(await ids({ box })).toEqual([own, byPlace].sort());
      expect(await store.countEvents({ box })).toBe(2);
      expect(await ids({ box, placeId: 'artibonite' })).toEqual([]);
    });

    it('filters by category, actor, confidence and date range', async () => {
      const clash = await put({ category: 'clash', actors: ['mss', 'gang-a'], occurredAt: '2025-01-10' });
      const attack = await put({ category: 'attack', actors: ['gang-a'], occurredAt: '2025-02-10' });
      const protest = await put({
        category: 'protest',
        actors: ['civilians'],
        occurredAt: '2025-03-10',
        confidence: 'confirmed',
      });
      expect(await ids({ categories: ['clash', 'attack'] })).toEqual([clash, attack].sort());
      expect(await ids({ categories: [] })).toEqual([clash, attack, protest].sort());
      expect(await ids({ actorIds: ['gang-a'] })).toEqual([clash, attack].sort());
      expect(await ids({ actorIds: ['gang-a'], categories: ['attack'] })).toEqual([attack]);
      expect(await ids({ actorIds: ['gang-a'], placeId: 'ouest' })).toEqual([]);
      expect(await ids({ actorIds: ['gang-a'], placeId: 'artibonite' })).toEqual([clash, attack].sort());
      expect(await ids({ confidences: ['confirmed'] })).toEqual([protest]);
      expect(await ids({ from: '2025-02-01' })).toEqual([attack, protest].sort());
      expect(await ids({ from: '2025-02-01', until: '2025-03-01' })).toEqual([attack]);
      expect(await ids({ until: '2025-01-11' })).toEqual([clash]);
      expect(await store.countEvents({ actorIds: ['gang-a'], from: '2025-02' })).toBe(1);
    });

    it('selects events naming any of several actors: a mission with its contingent', async () => {
      const mission = await put({ actors: ['mss'], occurredAt: '2025-03-01' });
      const contingent = await put({ actors: ['mss-kenya', 'gang-a'], occurredAt: '2025-03-02' });
      const both = await put({ actors: ['mss', 'mss-kenya'], occurredAt: '2025-03-03' });
      await put({ actors: ['gang-a'], occurredAt: '2025-03-04' });
      const family = ['mss', 'mss-kenya'];
      expect(await ids({ actorIds: ['mss'] })).toEqual([mission, both].sort());
      expect(await ids({ actorIds: family })).toEqual([mission, contingent, both].sort());
      // Counted once although it names both; totals and counts agree with the listing.
      expect(await store.countEvents({ actorIds: family })).toBe(3);
      expect(await store.countEvents({ actorIds: family, from: '2025-03-02' })).toBe(2);
      expect(await ids({ actorIds: family, categories: ['clash'] })).toEqual([mission, contingent, both].sort());
      expect(await ids({ actorIds: [...family, 'mss'] })).toEqual([mission, contingent, both].sort());
    });

    it('leaves retracted events out unless asked for', async () => {
      const live = await put({});
      const retracted = await put({ confidence: 'retracted' });
      expect(await ids({})).toEqual([live]);
      expect(await ids({ includeRetracted: true })).toEqual([live, retracted].sort());
      expect(await ids({ confidences: ['retracted'] })).toEqual([retracted]);
      expect(await store.countEvents({})).toBe(1);
      expect(await store.countEvents({ includeRetracted: true })).toBe(2);
    });

    it('counts match the listing for ranges that start and end inside months or span them', async () => {
      const dates = [
        '2024-01-31',
        '2024-02-01',
        '2024-02-15',
        '2024-03-01',
        '2024-03-31',
        '2024-04',
        '2024-06-15',
        '2025',
      ];
      const created: string[] = [];
      for (const occurredAt of dates) {
        created.push(
          await put({
            occurredAt,
            timePrecision: occurredAt.length === 10 ? 'day' : occurredAt.length === 7 ? 'month' : 'year',
          }),
        );
      }
      const bounds = [
        undefined,
        '2024-01-01',
        '2024-01-31',
        '2024-02',
        '2024-02-15',
        '2024-02-16',
        '2024-03-31T12',
        '2024-04-01',
        '2024-07',
        '2025-01-01',
        '2026',
      ];
      for (const from of bounds) {
        for (const until of bounds) {
          const listed = (await store.listEvents({ from, until, placeId: 'artibonite' }, { limit: 100 })).events.length;
          expect(await store.countEvents({ from, until, placeId: 'artibonite' }), `${from}..${until}`).toBe(listed);
        }
      }
      expect(created).toHaveLength(8);
    });
  });
}
