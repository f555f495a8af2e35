/** The first page of a circle merged from the newest rows kept of each square: the rows the index would give, or none. */
import { describe, expect, it } from 'vitest';
import { createNewestKeys, NEWEST_KEPT, type NewestRow } from '../../src/store/newest-keys.ts';

function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const newestFirst = (a: NewestRow, b: NewestRow) =>
  a.sort_key !== b.sort_key ? (a.sort_key > b.sort_key ? -1 : 1) : a.event_id > b.event_id ? -1 : 1;

describe('newest keys', () => {
  it('give the newest rows kept by the filter, or nothing when a key kept in part runs out first', () => {
    const next = random(3);
    let answered = 0;
    for (let round = 0; round < 200; round++) {
      const keys = Array.from({ length: 1 + Math.floor(next() * 6) }, (_, k) => `square:${round}:${k}`);
      const rows = new Map<string, NewestRow[]>();
      let id = 0;
      for (const key of keys) {
        const n = Math.floor(next() * NEWEST_KEPT * 2);
        const list = Array.from({ length: n }, () => ({
          sort_key: `2025-0${1 + Math.floor(next() * 9)}-1${Math.floor(next() * 10)}`,
          event_id: `e${id++}`,
          confidence: next() < 0.8 ? 'reported' : 'retracted',
          lat: next(),
          lon: 0,
        }));
        rows.set(key, list.sort(newestFirst));
      }
      const kept = createNewestKeys(
        (key, limit) => (rows.get(key) ?? []).slice(0, limit),
        () => 'v1',
        () => 0,
      );
      const limit = 1 + Math.floor(next() * 30);
      // A filter that keeps few rows, so that pages reach the end of what is kept of a key.
      const strict = next() < 0.5;
      const keep = (row: NewestRow) => row.confidence !== 'retracted' && (row.lat ?? 1) < (strict ? 0.1 : 0.7);
      const expected = [...rows.values()].flat().filter(keep).sort(newestFirst).slice(0, limit);
      const page = kept.newest(keys, keep, limit);
      if (page === undefined) continue;
      answered++;
      expect(page).toEqual(expected.map((r) => ({ sort_key: r.sort_key, event_id: r.event_id })));
    }
    // Most pages are answered from what is kept.
    expect(answered).toBeGreaterThan(60);
  });
});
