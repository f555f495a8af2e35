import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { dataAgeLine } from '../../src/core/data-age.ts';
import { messagesFor } from '../../src/core/i18n/messages.ts';

// The age line counts calendar days by hand; luxon's zone arithmetic is the reference it must
// agree with, across zones with daylight saving, half-hour offsets and the date line.
const zones = ['America/Port-au-Prince', 'UTC', 'America/St_Johns', 'Asia/Kathmandu', 'Pacific/Kiritimati'];

function luxonAge(newest: string, now: Date, timeZone: string, threshold: number) {
  const last = /^\d{4}$/.test(newest)
    ? DateTime.fromISO(newest, { zone: timeZone }).endOf('year').startOf('day')
    : /^\d{4}-\d{2}$/.test(newest)
      ? DateTime.fromISO(newest, { zone: timeZone }).endOf('month').startOf('day')
      : /^\d{4}-\d{2}-\d{2}$/.test(newest)
        ? DateTime.fromISO(newest, { zone: timeZone })
        : DateTime.fromISO(newest).setZone(timeZone).startOf('day');
  const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day');
  const days = Math.floor(today.diff(last, 'days').days);
  if (!(days > threshold)) return undefined;
  return {
    days,
    months: Math.floor(today.diff(last, 'months').months),
    years: Math.floor(today.diff(last, 'years').years),
  };
}

const instant = fc.date({
  min: new Date('2019-01-01T00:00:00Z'),
  max: new Date('2027-12-31T23:59:59Z'),
  noInvalidDate: true,
});
const stored = fc.oneof(
  instant.map((d) => d.toISOString()),
  instant.map((d) => d.toISOString().slice(0, 10)),
  instant.map((d) => d.toISOString().slice(0, 7)),
  instant.map((d) => d.toISOString().slice(0, 4)),
  // Month ends and leap days, where adding months is cut to the month's length.
  fc.constantFrom('2024-02-29', '2023-01-31', '2024-01-31', '2025-08-31', '2024-12-31T23:30:00-05:00'),
);

describe('the age line against luxon', () => {
  it('counts the same days, months and years in every zone', () => {
    const en = messagesFor('en');
    fc.assert(
      fc.property(
        stored,
        instant,
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 40 }),
        (newest, now, zone, n) => {
          const want = luxonAge(newest, now, zone, n);
          const line = dataAgeLine(newest, now, en, { timeZone: zone, staleAfterDays: n });
          if (!want) {
            expect(line).toBeUndefined();
            return;
          }
          const age =
            want.months < 2
              ? en.t('data-age.ago', { unit: 'day', n: want.days })
              : want.years < 2
                ? en.t('data-age.ago', { unit: 'month', n: want.months })
                : en.t('data-age.ago', { unit: 'year', n: want.years });
          expect(line).toMatch(new RegExp(`\\(${age}\\)$`));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('reads a stored date that is no calendar day as unknown', () => {
    const en = messagesFor('en');
    const now = new Date('2026-12-02T13:40:00Z');
    for (const bad of ['2025-13', '2025-02-30', '2025-00-10', '2025-03-31T25:00:00Z']) {
      expect(dataAgeLine(bad, now, en, { timeZone: 'UTC' })).toBeUndefined();
    }
    expect(dataAgeLine('2025-03-30', now, en, { timeZone: 'Not/AZone' })).toBeUndefined();
  });
});
