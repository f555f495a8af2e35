/** Valid Events for tests: `makeEvent({ ... })` fills every required field and checks the result. */
import { Event, type EventInput } from '../../src/core/schemas.ts';

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
