/** The vocabulary of the data is built once per content, and never kept past a change. */
import { describe, expect, it } from 'vitest';
import { vocabularyOf } from '../../src/core/question-vocabulary.ts';
import type { Actor, Indicator } from '../../src/core/schemas.ts';

const actor: Actor = { id: 'mss', name: 'Multinational Security Support', kind: 'mission', aliases: ['MSS'] };
const figure = (aliases: string[]): Indicator =>
  Object.freeze({
    key: 'people-displaced',
    label: 'People displaced',
    group: 'humanitarian',
    value: 1_000_000,
    comparator: 'more-than',
    unit: 'people',
    asOf: '2025-03',
    source: { publisher: 'IOM' },
    reportedAt: '2025-03-26T12:00:00Z',
    aliases,
  });

const aliasesOf = (indicators: Indicator[], people: string[] = []) =>
  vocabularyOf({ actors: [actor], indicators, people: people.map((name) => ({ name })) }).figures.flatMap((f) =>
    f.phrases.map((p) => p.concepts.join(' ')),
  );

describe('vocabularyOf', () => {
  it('gives the same vocabulary for the same data, and a new one when a figure or a name changes', () => {
    const displaced = [figure(['homeless'])];
    const first = vocabularyOf({ actors: [actor], indicators: displaced, people: [] });
    expect(vocabularyOf({ actors: [actor], indicators: displaced, people: [] })).toBe(first);
    expect(aliasesOf([figure(['homeless'])])).toEqual(aliasesOf(displaced));
    expect(aliasesOf([figure(['refugees'])])).not.toEqual(aliasesOf(displaced));
    const named = vocabularyOf({ actors: [actor], indicators: displaced, people: [{ name: 'Garry Conille' }] });
    expect(named).not.toBe(first);
    expect(named.known.has('conille')).toBe(true);
    expect(first.known.has('conille')).toBe(false);
  });
});
