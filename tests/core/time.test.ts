/** Dates of records as shown: as precise as stored, timestamps on the zone's wall clock. */
import { describe, expect, it } from 'vitest';
import { messagesFor } from '../../src/core/i18n/messages.ts';
import { formatDay, formatInstant, formatOccurred } from '../../src/core/time.ts';

describe('formatOccurred', () => {
  it('writes a timestamp on each zone’s wall clock, the same each time it is asked', () => {
    const at = '2025-03-26T02:30:00Z';
    for (let i = 0; i < 2; i++) {
      expect(formatOccurred(at, 'datetime', 'America/Port-au-Prince')).toBe('25 Mar 2025, 22:30');
      expect(formatOccurred(at, 'datetime', 'Africa/Nairobi')).toBe('26 Mar 2025, 05:30');
      expect(formatOccurred(at, 'datetime', 'America/Port-au-Prince', messagesFor('fr'))).toBe('25 mars 2025, 22:30');
    }
    expect(formatDay(at, 'Africa/Nairobi')).toBe('26 Mar 2025');
    expect(formatInstant('2025-03-26T02:31:00Z', 'America/Port-au-Prince')).toBe('25 Mar 2025, 22:31');
  });

  it('keeps stored precision, and leaves what it cannot read as written', () => {
    expect(formatOccurred('2025-03', 'month', 'America/Port-au-Prince')).toBe('Mar 2025');
    expect(formatOccurred('2025', 'year', 'America/Port-au-Prince')).toBe('2025');
    expect(formatOccurred('2025-03-26T02:30:00Z', 'datetime', 'Not/AZone')).toBe('2025-03-26T02:30:00Z');
    expect(formatOccurred('2025-03-26T02:30:00Z', 'datetime', 'Not/AZone')).toBe('2025-03-26T02:30:00Z');
  });
});
