/** The seeding part of the Store contract: each seed record is applied once ever. */
import { describe, expect, it } from 'vitest';
import type { Indicator } from '../../src/core/schemas.ts';
import type { Store } from '../../src/core/store-port.ts';
import { seedStore } from '../../src/store/index.ts';
import { makeEvent } from '../support/events.ts';

const figure: Indicator = {
  key: 'mss-personnel-expected',
  label: 'MSS personnel expected',
  group: 'personnel',
  value: 2500,
  comparator: 'exact',
  unit: 'people',
  asOf: '2025-03',
  source: { publisher: 'Test Wire' },
  reportedAt: '2025-03-26T12:00:00Z',
};

export function describeSeeding(getStore: () => Store): void {
  describe('seeding', () => {
    it('applies seed records once, recorded by "seed" at the time they were reported', async () => {
      const store = getStore();
      const event = makeEvent({ reportedAt: '2024-06-25T15:00:00Z' });
      const seed = { events: [event], indicators: [figure] };
      expect(await seedStore(store, seed, '1')).toEqual({
        eventsAdded: 1,
        eventsUpdated: 0,
        eventsKept: [],
        indicatorsAdded: 1,
      });
      expect(await seedStore(store, seed, '1')).toEqual({
        eventsAdded: 0,
        eventsUpdated: 0,
        eventsKept: [],
        indicatorsAdded: 0,
      });
      const history = await store.history(event.id);
      expect(history.map((r) => [r.author, r.reason, r.recordedAt])).toEqual([
        ['seed', 'seed data', '2024-06-25T15:00:00.000Z'],
      ]);
      expect(
        (await store.revisionsBetween('2024-06-25T00:00:00Z', '2024-06-26T00:00:00Z', 10)).map((r) => r.eventId),
      ).toEqual([event.id]);
      expect(await store.indicatorSeries(figure.key)).toEqual([figure]);
      expect(await store.getMeta('seed_version')).toBe('1');
    });

    it('does not revert an event someone edited after it was seeded', async () => {
      const store = getStore();
      const event = makeEvent();
      await seedStore(store, { events: [event], indicators: [] }, '1');
      await store.putEvent(
        { ...event, summary: 'Edited by a desk.' },
        { author: 'desk', reason: 'fix', at: '2025-04-01T00:00:00Z' },
      );
      expect((await seedStore(store, { events: [event], indicators: [] }, '1')).eventsAdded).toBe(0);
      expect((await store.getEvent(event.id))?.event.summary).toBe('Edited by a desk.');
      // A later release that changes the record does not override the edit either.
      const report = await seedStore(
        store,
        { events: [{ ...event, summary: 'New seed wording.' }], indicators: [] },
        '2',
      );
      expect(report.eventsKept).toEqual([event.id]);
      expect((await store.getEvent(event.id))?.event.summary).toBe('Edited by a desk.');
      expect(await store.history(event.id)).toHaveLength(2);
    });

    it('writes a seed record changed in a new release as a new revision by "seed"', async () => {
      const store = getStore();
      const event = makeEvent({ reportedAt: '2025-03-26T12:00:00Z' });
      await seedStore(store, { events: [event], indicators: [figure] }, '1');
      const changed = { ...event, confidence: 'confirmed' as const };
      const report = await seedStore(store, { events: [changed], indicators: [{ ...figure, value: 2600 }] }, '2');
      expect(report).toEqual({ eventsAdded: 0, eventsUpdated: 1, eventsKept: [], indicatorsAdded: 1 });
      expect((await store.history(event.id)).map((r) => [r.revision, r.author, r.event.confidence])).toEqual([
        [1, 'seed', 'reported'],
        [2, 'seed', 'confirmed'],
      ]);
      expect((await store.latestIndicators()).map((i) => i.value)).toEqual([2600]);
      expect(
        (await seedStore(store, { events: [changed], indicators: [{ ...figure, value: 2600 }] }, '2')).eventsUpdated,
      ).toBe(0);
    });

    it('leaves an event that came from elsewhere before the seed alone', async () => {
      const store = getStore();
      const event = makeEvent();
      await store.putEvent(
        { ...event, summary: 'Imported first.' },
        { author: 'import', reason: 'acled', at: '2025-04-01T00:00:00Z' },
      );
      const report = await seedStore(store, { events: [event], indicators: [] }, '1');
      expect(report).toEqual({ eventsAdded: 0, eventsUpdated: 0, eventsKept: [event.id], indicatorsAdded: 0 });
      expect((await store.getEvent(event.id))?.event.summary).toBe('Imported first.');
    });
  });
}
