/** Canonical JSON: the same text for equal records whatever their key order, whether or not they come sorted. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/store/canonical-json.ts';

/** The definition: every object's keys sorted, undefined members left out. */
function reference(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map((item) => (item === undefined ? null : sort(item)));
    if (v === null || typeof v !== 'object') return v;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v).sort()) {
      const member = (v as Record<string, unknown>)[key];
      if (member !== undefined) out[key] = sort(member);
    }
    return out;
  };
  return JSON.stringify(sort(value));
}

/** The same value with every object's keys inserted in sorted order (what the importers build). */
function presorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(presorted);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = presorted((value as Record<string, unknown>)[key]);
  return out;
}

const values = fc.anything({
  withObjectString: false,
  withBoxedValues: true,
  withNullPrototype: true,
  withDate: true,
  withSparseArray: true,
  values: [
    fc.string(),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
  ],
});

describe('canonicalJson', () => {
  it('is the sorted-keys JSON of any value, given in any order or already sorted', () => {
    fc.assert(
      fc.property(values, (value) => {
        expect(canonicalJson(value)).toBe(reference(value));
        expect(canonicalJson(presorted(value))).toBe(reference(value));
      }),
      { numRuns: 500 },
    );
  });

  it('sorts keys, drops undefined members and keeps array positions', () => {
    expect(canonicalJson({ b: 1, a: { d: [undefined, 2], c: undefined } })).toBe('{"a":{"d":[null,2]},"b":1}');
    expect(canonicalJson({ a: 1, b: { c: 2, d: 3 } })).toBe('{"a":1,"b":{"c":2,"d":3}}');
    expect(canonicalJson({ 10: 'x', 9: 'y' })).toBe('{"9":"y","10":"x"}');
    expect(canonicalJson({ at: new Date(0) })).toBe('{"at":{}}');
  });
});
