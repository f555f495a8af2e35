/**
 * The Store contract: every implementation runs this suite. `makeStore` gets the test
 * gazetteer (tests/support/place-tree.ts) and returns a fresh, empty store.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Event, Indicator } from '../../src/core/schemas.ts';
import type { Store } from '../../src/core/store-port.ts';
import { makeEvent } from '../support/events.ts';
import { testPlaces } from '../support/place-tree.ts';
import { describeChanges } from './contract-changes.ts';
import { describeListing } from './contract-listing.ts';
import { describeQueries } from './contract-queries.ts';
import { describeSeeding } from './contract-seeding.ts';

export type MakeStore = (places: typeof testPlaces) => Store | Promise<Store>;

const meta = (at: string, author = 'tester', reason = 'test') => ({ author, reason, at });

export function describeStoreContract(name: string, makeStore: MakeStore): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore(testPlaces);
    });
    afterEach(() => store.close());

    describe('events and revisions', () => {
      it('stores a new event as revision 1 and returns it as given', async () => {
        const event = makeEvent({ casualties: [{ group: 'gang', kind: 'killed', count: 3, qualifier: 'exact' }] });
        expect(await store.putEvent(event, meta('2025-03-26T08:00:00-04:00'))).toEqual({ revision: 1, changed: true });
        const stored = await store.getEvent(event.id);
        expect(stored?.event).toEqual(event);
        expect(stored?.revision).toBe(1);
        expect(stored?.recordedAt).toBe('2025-03-26T12:00:00.000Z');
        expect(stored?.firstRecordedAt).toBe('2025-03-26T12:00:00.000Z');
        expect(await store.getEvent('no-such-event')).toBeUndefined();
      });

      it('treats an identical event as no change, whatever the order of its fields', async () => {
        const event = makeEvent();
        await store.putEvent(event, meta('2025-03-26T12:00:00Z'));
        const reordered = Object.fromEntries(Object.entries(event).reverse()) as Event;
        expect(await store.putEvent(reordered, meta('2025-03-27T12:00:00Z'))).toEqual({ revision: 1, changed: false });
        expect(await store.history(event.id)).toHaveLength(1);
        expect(await store.countRevisionsBetween('2025-03-27T00:00:00Z', '2025-03-28T00:00:00Z')).toBe(0);
      });

      it('keeps every revision, oldest first, with its author, reason and time', async () => {
        const first = makeEvent({ summary: 'First account.' });
        const second = { ...first, summary: 'Corrected account.', confidence: 'confirmed' as const };
        const third = { ...second, confidence: 'retracted' as const };
        await store.putEvent(first, meta('2025-03-26T12:00:00Z', 'ana', 'reported'));
        expect(await store.putEvent(second, meta('2025-03-27T12:00:00Z', 'ben', 'corrected'))).toEqual({
          revision: 2,
          changed: true,
        });
        expect(await store.putEvent(third, meta('2025-03-28T12:00:00Z', 'ana', 'false report'))).toEqual({
          revision: 3,
          changed: true,
        });
        const history = await store.history(first.id);
        expect(history.map((r) => [r.revision, r.author, r.reason, r.event.summary, r.event.confidence])).toEqual([
          [1, 'ana', 'reported', 'First account.', 'reported'],
          [2, 'ben', 'corrected', 'Corrected account.', 'confirmed'],
          [3, 'ana', 'false report', 'Corrected account.', 'retracted'],
        ]);
        const stored = await store.getEvent(first.id);
        expect(stored?.revision).toBe(3);
        expect(stored?.event.confidence).toBe('retracted');
        expect(stored?.recordedAt).toBe('2025-03-28T12:00:00.000Z');
        expect(stored?.firstRecordedAt).toBe('2025-03-26T12:00:00.000Z');
        expect(await store.history('no-such-event')).toEqual([]);
      });

      it('lists revisions recorded in [since, until), oldest first, up to the limit', async () => {
        const a = makeEvent();
        const b = makeEvent();
        await store.putEvent(a, meta('2025-03-26T10:00:00Z'));
        await store.putEvent(b, meta('2025-03-26T11:00:00Z'));
        await store.putEvent({ ...a, summary: 'Updated.' }, meta('2025-03-26T12:00:00Z'));
        await store.putEvent({ ...b, summary: 'Updated.' }, meta('2025-03-27T00:00:00Z'));
        const day = await store.revisionsBetween('2025-03-26T00:00:00Z', '2025-03-27T00:00:00Z', 10);
        expect(day.map((r) => [r.eventId, r.revision])).toEqual([
          [a.id, 1],
          [b.id, 1],
          [a.id, 2],
        ]);
        expect(day[2]?.event.summary).toBe('Updated.');
        expect(await store.countRevisionsBetween('2025-03-26T00:00:00Z', '2025-03-27T00:00:00Z')).toBe(3);
        // The same instants written with an offset select the same revisions.
        expect(await store.countRevisionsBetween('2025-03-25T20:00:00-04:00', '2025-03-26T20:00:00-04:00')).toBe(3);
        expect(await store.revisionsBetween('2025-03-26T00:00:00Z', '2025-03-28T00:00:00Z', 2)).toHaveLength(2);
        expect(
          (await store.revisionsBetween('2025-03-26T11:00:00Z', '2025-03-26T12:00:00Z', 10)).map((r) => r.eventId),
        ).toEqual([b.id]);
      });

      it('adds a batch of events as one call per event would, an event given twice as two revisions', async () => {
        const a = makeEvent({ casualties: [{ group: 'mss', kind: 'injured', count: 2, qualifier: 'exact' }] });
        const b = makeEvent();
        await store.putEvent(b, meta('2025-03-25T12:00:00Z'));
        const a2 = {
          ...a,
          casualties: [{ group: 'mss' as const, kind: 'injured' as const, count: 3, qualifier: 'exact' as const }],
        };
        const results = await store.putEvents([a, b, a2, a2], meta('2025-03-26T12:00:00Z', 'import', 'file.csv'));
        expect(results).toEqual([
          { revision: 1, changed: true },
          { revision: 1, changed: false },
          { revision: 2, changed: true },
          { revision: 2, changed: false },
        ]);
        expect((await store.history(a.id)).map((r) => [r.revision, r.author, r.event.casualties[0]?.count])).toEqual([
          [1, 'import', 2],
          [2, 'import', 3],
        ]);
        expect((await store.casualtyTotals({})).mss.injured.count).toBe(3);
        expect(await store.countEvents({ casualtyGroup: 'mss' })).toBe(1);
        expect(await store.putEvents([], meta('2025-03-26T12:00:00Z'))).toEqual([]);
      });

      it('rejects a record time that is not an ISO date-time, and writes nothing', async () => {
        const event = makeEvent();
        await expect(store.putEvent(event, meta('yesterday'))).rejects.toThrow(/yesterday/);
        expect(await store.getEvent(event.id)).toBeUndefined();
      });
    });

    describe('casualty totals', () => {
      it('sums counts per group and kind, flags "at least" and counts unknown reports', async () => {
        const at = meta('2025-04-01T00:00:00Z');
        await store.putEvent(
          makeEvent({
            occurredAt: '2025-03-10',
            casualties: [
              { group: 'mss', kind: 'killed', count: 1, qualifier: 'exact' },
              { group: 'gang', kind: 'injured', count: null, qualifier: 'unknown' },
            ],
          }),
          at,
        );
        await store.putEvent(
          makeEvent({
            occurredAt: '2025-03-25',
            place: { placeId: 'delmas', text: 'Delmas', geoPrecision: 'commune' },
            casualties: [
              { group: 'mss', kind: 'killed', count: 2, qualifier: 'at-least' },
              { group: 'civilian', kind: 'killed', count: 10, qualifier: 'about' },
            ],
          }),
          at,
        );
        await store.putEvent(
          makeEvent({
            confidence: 'retracted',
            casualties: [{ group: 'mss', kind: 'killed', count: 50, qualifier: 'exact' }],
          }),
          at,
        );
        const all = await store.casualtyTotals({});
        expect(all.mss.killed).toEqual({ count: 3, atLeast: true, unknownReports: 0 });
        expect(all.gang.injured).toEqual({ count: 0, atLeast: false, unknownReports: 1 });
        expect(all.civilian.killed).toEqual({ count: 10, atLeast: false, unknownReports: 0 });
        expect(all.police.missing).toEqual({ count: 0, atLeast: false, unknownReports: 0 });
        expect((await store.casualtyTotals({ placeId: 'artibonite' })).mss.killed).toEqual({
          count: 1,
          atLeast: false,
          unknownReports: 0,
        });
        expect((await store.casualtyTotals({ from: '2025-03-11' })).mss.killed).toEqual({
          count: 2,
          atLeast: true,
          unknownReports: 0,
        });
        expect((await store.casualtyTotals({ categories: ['attack'] })).mss.killed.count).toBe(0);
        expect((await store.casualtyTotals({ includeRetracted: true })).mss.killed.count).toBe(53);
        expect(
          (await store.casualtyTotals({ box: { minLat: 18, maxLat: 19, minLon: -73, maxLon: -72 } })).mss.killed.count,
        ).toBe(2);
      });

      it('follows an event through its revisions, counting only the current one', async () => {
        const event = makeEvent({
          occurredAt: '2024-05-05',
          casualties: [{ group: 'police', kind: 'killed', count: 4, qualifier: 'exact' }],
        });
        await store.putEvent(event, meta('2025-01-01T00:00:00Z'));
        await store.putEvent(
          {
            ...event,
            occurredAt: '2024-06-06',
            place: { placeId: 'kenscoff', text: 'Kenscoff', geoPrecision: 'commune' },
            casualties: [{ group: 'police', kind: 'killed', count: 5, qualifier: 'exact' }],
          },
          meta('2025-01-02T00:00:00Z'),
        );
        expect((await store.casualtyTotals({})).police.killed.count).toBe(5);
        expect((await store.casualtyTotals({ placeId: 'artibonite' })).police.killed.count).toBe(0);
        expect(
          (await store.casualtyTotals({ placeId: 'ouest', from: '2024-06', until: '2024-07' })).police.killed.count,
        ).toBe(5);
        expect(await store.countEvents({ placeId: 'artibonite' })).toBe(0);
        expect(await store.countEvents({ placeId: 'ouest', from: '2024-06-01' })).toBe(1);
      });
    });

    describe('indicators', () => {
      const figure = (overrides: Partial<Indicator> = {}): Indicator => ({
        key: 'kenya-police-deployed',
        label: 'Kenyan police deployed',
        group: 'personnel',
        value: 400,
        comparator: 'at-least',
        unit: 'people',
        asOf: '2024-07',
        source: { publisher: 'Test Wire' },
        reportedAt: '2024-07-20T12:00:00Z',
        ...overrides,
      });

      it('keeps each series oldest first and gives the latest of each', async () => {
        expect(await store.putIndicator(figure())).toBe(true);
        expect(await store.putIndicator(figure())).toBe(false);
        expect(
          await store.putIndicator(figure({ value: 800, asOf: '2025-03', reportedAt: '2025-03-26T12:00:00Z' })),
        ).toBe(true);
        expect(
          await store.putIndicator(figure({ value: 600, asOf: '2024-12', reportedAt: '2025-01-02T12:00:00Z' })),
        ).toBe(true);
        expect(
          await store.putIndicator(figure({ key: 'countries-pledged', value: 6, unit: 'countries', asOf: '2025-03' })),
        ).toBe(true);
        expect((await store.indicatorSeries('kenya-police-deployed')).map((i) => i.value)).toEqual([400, 600, 800]);
        expect((await store.latestIndicators()).map((i) => [i.key, i.value])).toEqual([
          ['countries-pledged', 6],
          ['kenya-police-deployed', 800],
        ]);
        expect(await store.indicatorSeries('no-such-key')).toEqual([]);
        // Every series at once: the same series, keys in order, each one's last the latest.
        const all = await store.allIndicatorSeries();
        expect([...all.keys()]).toEqual(['countries-pledged', 'kenya-police-deployed']);
        expect(all.get('kenya-police-deployed')).toEqual(await store.indicatorSeries('kenya-police-deployed'));
        expect([...all.values()].map((series) => series.at(-1))).toEqual(await store.latestIndicators());
      });

      it('replaces the wording of an observation with the same key, date, value and source', async () => {
        await store.putIndicator(figure());
        expect(await store.putIndicator(figure({ note: 'Second contingent arrived.' }))).toBe(true);
        expect(await store.indicatorSeries('kenya-police-deployed')).toEqual([
          figure({ note: 'Second contingent arrived.' }),
        ]);
        // Another source with the same date is another observation.
        expect(await store.putIndicator(figure({ value: 410, source: { publisher: 'Other Wire' } }))).toBe(true);
        expect(await store.indicatorSeries('kenya-police-deployed')).toHaveLength(2);
      });
    });

    describe('meta and transactions', () => {
      it('keeps named settings', async () => {
        expect(await store.getMeta('seed_version')).toBeUndefined();
        await store.setMeta('seed_version', '1');
        await store.setMeta('seed_version', '2');
        expect(await store.getMeta('seed_version')).toBe('2');
      });

      it('rolls back every write of a failed transaction', async () => {
        const kept = makeEvent();
        await store.putEvent(kept, meta('2025-03-26T12:00:00Z'));
        const lost = makeEvent();
        await expect(
          store.transaction(async (tx) => {
            await tx.putEvent(lost, meta('2025-03-26T12:00:00Z'));
            await tx.putEvent({ ...kept, summary: 'Changed.' }, meta('2025-03-27T12:00:00Z'));
            await tx.putIndicator({
              key: 'x',
              label: 'X',
              group: 'security',
              value: 1,
              comparator: 'exact',
              unit: 'people',
              asOf: '2025',
              source: { publisher: 'P' },
              reportedAt: '2025-03-26T12:00:00Z',
            });
            await tx.setMeta('k', 'v');
            throw new Error('boom');
          }),
        ).rejects.toThrow('boom');
        expect(await store.getEvent(lost.id)).toBeUndefined();
        expect(await store.history(kept.id)).toHaveLength(1);
        expect((await store.getEvent(kept.id))?.event.summary).toBe(kept.summary);
        expect(await store.countEvents({})).toBe(1);
        expect(await store.latestIndicators()).toEqual([]);
        expect(await store.getMeta('k')).toBeUndefined();
      });

      it('commits a transaction that resolves: it reads its own writes and returns what fn returns', async () => {
        const event = makeEvent();
        const result = await store.transaction(async (tx) => {
          await tx.putEvent(event, meta('2025-03-26T12:00:00Z'));
          expect((await tx.getEvent(event.id))?.revision).toBe(1);
          // A transaction started on `tx` joins this one.
          await tx.transaction(async (inner) => inner.setMeta('k', 'v'));
          return tx.countEvents({});
        });
        expect(result).toBe(1);
        expect((await store.getEvent(event.id))?.revision).toBe(1);
        expect(await store.getMeta('k')).toBe('v');
      });
    });

    describeListing(() => store);
    describeSeeding(() => store);
    describeQueries(() => store);
    describeChanges(() => store);
  });
}
