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

  it('reject anything else with a clear message', () => {
    for (const bad of [
      '',
      'a1',
      'c1~20250325~x',
      'a0~20250325~x',
      'a1~2025~x',
      'a1~20250325~X Y',
      'a1~20250325~x;drop',
    ]) {
      expect(() => decodeCursor(bad)).toThrow(/page position is not valid/);
    }
  });
});
