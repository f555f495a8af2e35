import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { Actor, Casualty, Claim, Event, Indicator, Place, Source } from '../../src/core/schemas.ts';
import { makeEvent } from '../support/events.ts';

function firstIssue(schema: z.ZodType, value: unknown): string {
  const result = schema.safeParse(value);
  expect(result.success).toBe(false);
  if (result.success) return '';
  const issue = result.error.issues[0];
  return `${issue?.path.join('.')}: ${issue?.message}`;
}

const source = { publisher: 'Test Wire', date: '2025-03-26' };

describe('schemas reject bad records with a readable message', () => {
  it('Source: publisher required, URL must be a URL', () => {
    expect(firstIssue(Source, { title: 'x' })).toMatch(/^publisher: /);
    expect(firstIssue(Source, { publisher: 'A', url: 'not a url' })).toMatch(/^url: /);
    expect(firstIssue(Source, { publisher: 'A', date: '26/03/2025' })).toMatch(
      /^date: expected a date like 2025-03-25/,
    );
  });

  it('Claim: field and standing from a fixed list', () => {
    expect(firstIssue(Claim, { field: 'weather', value: 'x', source, standing: 'contested' })).toMatch(/^field: /);
    expect(firstIssue(Claim, { field: 'place', value: 'x', source, standing: 'maybe' })).toMatch(/^standing: /);
  });

  it('Casualty: a count needs a qualifier, an unknown count has none', () => {
    expect(firstIssue(Casualty, { group: 'mss', kind: 'killed', count: null, qualifier: 'exact' })).toBe(
      'count: count is null exactly when qualifier is "unknown"',
    );
    expect(firstIssue(Casualty, { group: 'mss', kind: 'killed', count: -1, qualifier: 'exact' })).toMatch(/^count: /);
    expect(firstIssue(Casualty, { group: 'aliens', kind: 'killed', count: 1, qualifier: 'exact' })).toMatch(/^group: /);
  });

  it('Actor: lowercase id', () => {
    expect(firstIssue(Actor, { id: 'MSS', name: 'x', kind: 'mission' })).toMatch(/^id: expected a lowercase id/);
  });

  it('Place: coordinates in range, known kind', () => {
    const place = {
      id: 'x',
      name: 'X',
      kind: 'commune',
      parentId: null,
      lat: 18,
      lon: -72,
      coordPrecision: 'exact',
      coordSource: 's',
    };
    expect(Place.safeParse(place).success).toBe(true);
    expect(firstIssue(Place, { ...place, lat: 95 })).toMatch(/^lat: /);
    expect(firstIssue(Place, { ...place, kind: 'planet' })).toMatch(/^kind: /);
  });

  it('Event: needs a source, a real category, a parsable date; disputed needs a contested claim', () => {
    const good = makeEvent();
    expect(firstIssue(Event, { ...good, sources: [] })).toBe('sources: an event needs at least one source');
    expect(firstIssue(Event, { ...good, category: 'picnic' })).toMatch(/^category: /);
    expect(firstIssue(Event, { ...good, occurredAt: 'yesterday' })).toMatch(/^occurredAt: expected a date/);
    expect(firstIssue(Event, { ...good, reportedAt: '2025-03-26' })).toMatch(/^reportedAt: expected an ISO date-time/);
    expect(firstIssue(Event, { ...good, confidence: 'disputed', claims: [] })).toBe(
      'claims: a disputed event needs at least one contested claim',
    );
  });

  it('Indicator: comparator and unit from fixed lists', () => {
    const good = {
      key: 'k',
      label: 'K',
      group: 'personnel',
      value: 1,
      comparator: 'exact',
      unit: 'people',
      asOf: '2025-03',
      source,
      reportedAt: '2025-03-26T12:00:00Z',
    };
    expect(Indicator.safeParse(good).success).toBe(true);
    expect(firstIssue(Indicator, { ...good, comparator: 'roughly' })).toMatch(/^comparator: /);
    expect(firstIssue(Indicator, { ...good, unit: 'furlongs' })).toMatch(/^unit: /);
  });
});
