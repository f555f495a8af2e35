/**
 * The ACLED mapper's own check of a record stands in for zod only where zod would agree: it
 * never passes a record that Event refuses, and it passes the records ACLED files give.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Event, type EventInput } from '../../src/core/schemas.ts';
import { createAcledMapper, passesEventChecks } from '../../src/import/acled.ts';
import { readCsv } from '../../src/import/csv-table.ts';
import { canonicalJson } from '../../src/store/canonical-json.ts';
import { acledCsv } from '../support/acled-file.ts';
import { createTestServices } from '../support/services.ts';

/** Mostly a valid value, so that most records reach every check; else anything of the type. */
const mostly = <T>(valid: fc.Arbitrary<T>, any: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: valid, weight: 4 }, { arbitrary: any, weight: 1 });
const text = (max: number) =>
  mostly(
    fc.string({ minLength: 1, maxLength: max }),
    fc.oneof(fc.string({ maxLength: max + 20 }), fc.constantFrom('', 'x'.repeat(max + 1))),
  );
const number = mostly(
  fc.double({ min: -90, max: 90, noNaN: true }),
  fc.oneof(fc.double(), fc.integer({ min: -200, max: 200 }), fc.constantFrom(Number.NaN, 90.0001, -180.5)),
);

const record: fc.Arbitrary<EventInput> = fc
  .record({
    id: mostly(
      fc.stringMatching(/^[a-z0-9][a-z0-9._:-]{0,20}$/),
      fc.oneof(text(130), fc.constantFrom('HTI1', '-x', 'a b', `a${'b'.repeat(119)}`, `a${'b'.repeat(120)}`)),
    ),
    reportedAt: fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.constantFrom('2025-01-01T00:00:00.000Z', '+010000-01-01T00:00:00.000Z', ''),
    ),
    placeText: text(210),
    lat: fc.option(number, { nil: undefined }),
    lon: fc.option(number, { nil: undefined }),
    summary: text(1010),
    details: fc.option(text(4010), { nil: undefined }),
    publishers: fc.array(text(210), { maxLength: 3 }),
    count: fc.option(
      mostly(fc.integer({ min: 0, max: 100_000 }), fc.oneof(fc.integer({ min: -5, max: 200_000 }), fc.double())),
      { nil: undefined },
    ),
  })
  .map((r) => ({
    actors: ['gangs'],
    casualties: r.count === undefined ? [] : [{ count: r.count, group: 'other', kind: 'killed', qualifier: 'exact' }],
    category: 'attack',
    claims: [],
    confidence: 'reported',
    ...(r.details !== undefined ? { details: r.details } : {}),
    id: r.id,
    occurredAt: '2025-03-25',
    place: {
      geoPrecision: 'locality',
      ...(r.lat !== undefined ? { lat: r.lat } : {}),
      ...(r.lon !== undefined ? { lon: r.lon } : {}),
      text: r.placeText,
    },
    reportedAt: r.reportedAt,
    sources: r.publishers.map((publisher) => ({ publisher })),
    subCategory: 'Attack',
    summary: r.summary,
    timePrecision: 'day',
  }));

describe('passesEventChecks', () => {
  it('never passes a record that Event refuses', async () => {
    let passed = 0;
    fc.assert(
      fc.property(record, (r) => {
        if (!passesEventChecks(r)) return;
        passed++;
        expect(Event.safeParse(r).success).toBe(true);
      }),
      { numRuns: 2000 },
    );
    expect(passed).toBeGreaterThan(100);
  });

  it('passes every row of a generated ACLED file, and the event is what zod gives', async () => {
    const services = await createTestServices();
    const map = createAcledMapper(services);
    for (const row of readCsv(acledCsv({ rows: 300, seed: 11 }), 'a.csv').rows) {
      const result = map(row);
      if (!result.ok) throw new Error(result.reason);
      expect(passesEventChecks(result.event)).toBe(true);
      expect(canonicalJson(result.event)).toBe(canonicalJson(Event.parse(result.event)));
    }
  });
});
