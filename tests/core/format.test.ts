/** Records as list items: written once per revision the store keeps, and the same as written afresh. */
import { describe, expect, it } from 'vitest';
import { eventItem } from '../../src/core/format.ts';
import { messagesFor } from '../../src/core/i18n/messages.ts';
import { Gazetteer } from '../../src/core/places.ts';
import { loadSeedData } from '../../src/data/load.ts';
import { makeEvent } from '../support/events.ts';

const gazetteer = new Gazetteer(loadSeedData().places);
const zone = 'America/Port-au-Prince';

/** Frozen all the way down, as the store keeps a parsed revision. */
function frozen<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) frozen(child);
    Object.freeze(value);
  }
  return value;
}

describe('eventItem', () => {
  const event = () =>
    makeEvent({
      occurredAt: '2025-03-26T02:30:00Z',
      timePrecision: 'datetime',
      casualties: [{ group: 'mss', kind: 'injured', count: 2, qualifier: 'exact' }],
    });
  const stored = (e = event()) => ({ event: e, revision: 1, recordedAt: e.reportedAt, firstRecordedAt: e.reportedAt });

  it('writes a revision the store keeps once per language, zone and badges, as it writes any record', () => {
    const record = event();
    const kept = stored(frozen(structuredClone(record)));
    const first = eventItem(kept, gazetteer, zone, [], messagesFor('fr'));
    expect(eventItem(kept, gazetteer, zone, [], messagesFor('fr'))).toBe(first);
    expect(first).toEqual(eventItem(stored(record), gazetteer, zone, [], messagesFor('fr')));
    expect(first.when).toBe('25 mars 2025, 22:30');
    expect(Object.isFrozen(first) && Object.isFrozen(first.sources)).toBe(true);
    // Another language, zone or badge is another item.
    expect(eventItem(kept, gazetteer, zone, [], messagesFor('en')).when).toBe('25 Mar 2025, 22:30');
    expect(eventItem(kept, gazetteer, 'Africa/Nairobi', [], messagesFor('fr')).when).toBe('26 mars 2025, 05:30');
    expect(eventItem(kept, gazetteer, zone, ['new'], messagesFor('fr')).badges).toEqual(['new']);
  });

  it('writes a record that may still change afresh each time', () => {
    const open = stored();
    const first = eventItem(open, gazetteer, zone);
    expect(eventItem(open, gazetteer, zone)).not.toBe(first);
    expect(Object.isFrozen(first)).toBe(false);
  });
});
