import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../src/core/cursor.ts';

describe('page cursors', () => {
  it('round-trip day and timed keys', () => {
    for (const sortKey of ['2025-03-25', '2025-03-25T16:30:00.000', '2025-03-25T16:30:00.250']) {
      const cursor = { direction: 'after' as const, page: 12, key: { sortKey, id: 'acled:hti1234' } };
      expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    }
    expect(encodeCursor({ direction: 'before', page: 2, key: { sortKey: '2025-03-25T16:30:00.000', id: 'x' } })).toBe(
      'b2~20250325T163000~x',
    );
  });

  it('carry how many events to pass over, after a key or from the newest', () => {
    const key = { sortKey: '2025-03-25T16:30:00.000', id: 'acled:hti1234' };
    for (const cursor of [
      { direction: 'after' as const, page: 3, key, skip: 4 },
      { direction: 'after' as const, page: 2, skip: 6 },
    ]) {
      expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    }
    expect(encodeCursor({ direction: 'after', page: 2, skip: 6 })).toBe('a2s6');
    // Nothing to pass over is the plain cursor.
    expect(encodeCursor({ direction: 'after', page: 2, key, skip: 0 })).toBe('a2~20250325T163000~acled:hti1234');
  });

  it('reject anything else with a clear message', () => {
    for (const bad of [
      '',
      'a1',
      'c1~20250325~x',
      'a0~20250325~x',
      'a1~2025~x',
      'a1~20250325~X Y',
      'a1~20250325~x;drop',
      'b2s3~20250325~x',
      'b2s3',
      'a2s',
      'a2s1234',
    ]) {
      expect(() => decodeCursor(bad)).toThrow(/page position is not valid/);
    }
  });
});
