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
    it('applies seed records once, recorded by "seed" at the time they were reported', () => {
      const store = getStore();
      const event = makeEvent({ reportedAt: '2024-06-25T15:00:00Z' });
      const seed = { events: [event], indicators: [figure] };
      expect(seedStore(store, seed, '1')).toEqual({
        eventsAdded: 1,
        eventsUpdated: 0,
        eventsKept: [],
        indicatorsAdded: 1,
      });
      expect(seedStore(store, seed, '1')).toEqual({
        eventsAdded: 0,
        eventsUpdated: 0,
        eventsKept: [],
        indicatorsAdded: 0,
      });
      const history = store.history(event.id);
      expect(history.map((r) => [r.author, r.reason, r.recordedAt])).toEqual([
        ['seed', 'seed data', '2024-06-25T15:00:00.000Z'],
      ]);
      expect(store.revisionsBetween('2024-06-25T00:00:00Z', '2024-06-26T00:00:00Z', 10).map((r) => r.eventId)).toEqual([
        event.id,
      ]);
      expect(store.indicatorSeries(figure.key)).toEqual([figure]);
      expect(store.getMeta('seed_version')).toBe('1');
    });

    it('does not revert an event someone edited after it was seeded', () => {
      const store = getStore();
      const event = makeEvent();
      seedStore(store, { events: [event], indicators: [] }, '1');
      store.putEvent(
        { ...event, summary: 'Edited by a desk.' },
        { author: 'desk', reason: 'fix', at: '2025-04-01T00:00:00Z' },
      );
      expect(seedStore(store, { events: [event], indicators: [] }, '1').eventsAdded).toBe(0);
      expect(store.getEvent(event.id)?.event.summary).toBe('Edited by a desk.');
      // A later release that changes the record does not override the edit either.
      const report = seedStore(store, { events: [{ ...event, summary: 'New seed wording.' }], indicators: [] }, '2');
      expect(report.eventsKept).toEqual([event.id]);
      expect(store.getEvent(event.id)?.event.summary).toBe('Edited by a desk.');
      expect(store.history(event.id)).toHaveLength(2);
    });

    it('writes a seed record changed in a new release as a new revision by "seed"', () => {
      const store = getStore();
      const event = makeEvent({ reportedAt: '2025-03-26T12:00:00Z' });
      seedStore(store, { events: [event], indicators: [figure] }, '1');
      const changed = { ...event, confidence: 'confirmed' as const };
      const report = seedStore(store, { events: [changed], indicators: [{ ...figure, value: 2600 }] }, '2');
      expect(report).toEqual({ eventsAdded: 0, eventsUpdated: 1, eventsKept: [], indicatorsAdded: 1 });
      expect(store.history(event.id).map((r) => [r.revision, r.author, r.event.confidence])).toEqual([
        [1, 'seed', 'reported'],
        [2, 'seed', 'confirmed'],
      ]);
      expect(store.latestIndicators().map((i) => i.value)).toEqual([2600]);
      expect(seedStore(store, { events: [changed], indicators: [{ ...figure, value: 2600 }] }, '2').eventsUpdated).toBe(
        0,
      );
    });

    it('leaves an event that came from elsewhere before the seed alone', () => {
      const store = getStore();
      const event = makeEvent();
      store.putEvent(
        { ...event, summary: 'Imported first.' },
        { author: 'import', reason: 'acled', at: '2025-04-01T00:00:00Z' },
      );
      const report = seedStore(store, { events: [event], indicators: [] }, '1');
      expect(report).toEqual({ eventsAdded: 0, eventsUpdated: 0, eventsKept: [event.id], indicatorsAdded: 0 });
      expect(store.getEvent(event.id)?.event.summary).toBe('Imported first.');
    });
  });
}
