/** Valid Events for tests: `makeEvent({ ... })` fills every required field and checks the result. */
import { CasualtyGroup, CasualtyKind, Event, type EventInput } from '../../src/core/schemas.ts';
import type { CasualtyTotals } from '../../src/core/store-port.ts';

let counter = 0;

export function makeEvent(overrides: Partial<EventInput> = {}): Event {
  counter += 1;
  return Event.parse({
    id: `test-event-${String(counter).padStart(5, '0')}`,
    occurredAt: '2025-03-25',
    timePrecision: 'day',
    reportedAt: '2025-03-26T12:00:00Z',
    place: { placeId: 'pont-sonde', text: 'Pont-Sondé', geoPrecision: 'locality' },
    category: 'clash',
    actors: ['mss'],
    casualties: [],
    summary: 'A test event.',
    sources: [{ publisher: 'Test Wire', url: 'https://example.org/report' }],
    confidence: 'reported',
    claims: [],
    ...overrides,
  });
}

/** The casualty totals of these events, added up plainly: the oracle the store's totals are checked against. */
export function casualtyTotalsOf(events: Event[]): CasualtyTotals {
  const totals = Object.fromEntries(
    CasualtyGroup.options.map((g) => [
      g,
      Object.fromEntries(CasualtyKind.options.map((k) => [k, { count: 0, atLeast: false, unknownReports: 0 }])),
    ]),
  ) as CasualtyTotals;
  for (const c of events.flatMap((e) => e.casualties)) {
    const cell = totals[c.group][c.kind];
    cell.count += c.count ?? 0;
    cell.atLeast ||= c.qualifier === 'at-least';
    cell.unknownReports += c.qualifier === 'unknown' ? 1 : 0;
  }
  return totals;
}
