/** Dates of records as shown: as precise as stored, timestamps on the zone's wall clock. */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { messagesFor } from '../../src/core/i18n/messages.ts';
import { dayAfter, formatDay, formatInstant, formatOccurred, startOfLocalDay } from '../../src/core/time.ts';

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

describe('dayAfter and startOfLocalDay', () => {
  it('give the next year, month or day as luxon does, and leave what it refuses as written', () => {
    const byLuxon = (date: string) => {
      const [y, m = 1, d = 1] = date.split('-').map(Number);
      const unit = date.length === 4 ? 'year' : date.length === 7 ? 'month' : 'day';
      return (
        DateTime.utc(y ?? 1970, m, d)
          .plus({ [unit]: 1 })
          .toISODate() ?? date
      );
    };
    const dates = ['', 'abcd', '2025-3-1', '2025-03-26T10:00', '0999-12-31', '9999-12-31', '2025-1'];
    for (const year of [1000, 2023, 2024, 2100]) {
      dates.push(String(year));
      for (let month = 0; month <= 13; month++) {
        const mm = String(month).padStart(2, '0');
        dates.push(`${year}-${mm}`);
        for (let day = 0; day <= 32; day++) dates.push(`${year}-${mm}-${String(day).padStart(2, '0')}`);
      }
    }
    expect(dates.filter((date) => dayAfter(date) !== byLuxon(date))).toEqual([]);
    expect([dayAfter('2024-02-28'), dayAfter('2024-12'), dayAfter('2025')]).toEqual([
      '2024-02-29',
      '2025-01-01',
      '2026-01-01',
    ]);
  });

  it('gives local midnight in each zone, the same when asked again', () => {
    for (let i = 0; i < 2; i++) {
      expect(startOfLocalDay('2025-03-25', 'America/Port-au-Prince')).toBe('2025-03-25T04:00:00.000Z');
      expect(startOfLocalDay('2025-03-25', 'Africa/Nairobi')).toBe('2025-03-24T21:00:00.000Z');
      expect(() => startOfLocalDay('2025-02-30', 'Africa/Nairobi')).toThrow();
    }
  });
});
