import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { duePeriods, nextSendInstant, parseLocalTime, sendInstant } from '../../src/scheduler/schedule.ts';

const HOUR = 3_600_000;
const MINUTE = 60_000;

/**
 * Runs the due decision once a minute from `from` to `to`, as the scheduler's tick does, keeping
 * the last period it returned; gives the instants it would send at.
 */
function simulate(localTime: string, timeZone: string, from: string, to: string) {
  const sends: Array<{ period: string; at: string }> = [];
  let last: string | undefined;
  const schedule = { localTime, timeZone, activeSince: from };
  for (let t = new Date(from).getTime(); t <= new Date(to).getTime(); t += MINUTE) {
    for (const due of duePeriods(schedule, last, new Date(t), { catchUpMs: 12 * HOUR })) {
      last = due.period;
      if (due.action !== 'skip') sends.push({ period: due.period, at: new Date(t).toISOString() });
    }
  }
  return sends;
}

describe('the send instant across summer-time changes', () => {
  // Each case: zone, local time, the days around a change, and the UTC instants expected per day.
  const cases = [
    {
      name: 'Port-au-Prince, spring forward (02:00 → 03:00): 02:30 does not exist, sent at 03:30 EDT',
      zone: 'America/Port-au-Prince',
      time: '02:30',
      from: '2026-03-07T00:00:00Z',
      to: '2026-03-10T00:00:00Z',
      expected: ['2026-03-07T07:30:00.000Z', '2026-03-08T07:30:00.000Z', '2026-03-09T06:30:00.000Z'],
    },
    {
      name: 'Port-au-Prince, fall back (02:00 → 01:00): 01:30 happens twice, sent the first time',
      zone: 'America/Port-au-Prince',
      time: '01:30',
      from: '2026-10-31T00:00:00Z',
      to: '2026-11-03T00:00:00Z',
      expected: ['2026-10-31T05:30:00.000Z', '2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z'],
    },
    {
      name: 'Paris, spring forward (02:00 → 03:00): 02:30 sent at 03:30 CEST',
      zone: 'Europe/Paris',
      time: '02:30',
      from: '2026-03-28T00:00:00Z',
      to: '2026-03-31T00:00:00Z',
      expected: ['2026-03-28T01:30:00.000Z', '2026-03-29T01:30:00.000Z', '2026-03-30T00:30:00.000Z'],
    },
    {
      name: 'Paris, fall back (03:00 → 02:00): 02:30 happens twice, sent the first time',
      zone: 'Europe/Paris',
      time: '02:30',
      from: '2026-10-24T00:00:00Z',
      to: '2026-10-27T00:00:00Z',
      expected: ['2026-10-24T00:30:00.000Z', '2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z'],
    },
    {
      name: 'Sydney, spring forward in October (02:00 → 03:00): 02:30 sent at 03:30 AEDT',
      zone: 'Australia/Sydney',
      time: '02:30',
      from: '2026-10-02T12:00:00Z',
      to: '2026-10-05T12:00:00Z',
      expected: ['2026-10-02T16:30:00.000Z', '2026-10-03T16:30:00.000Z', '2026-10-04T15:30:00.000Z'],
    },
    {
      name: 'Sydney, fall back in April (03:00 → 02:00): 02:30 happens twice, sent the first time',
      zone: 'Australia/Sydney',
      time: '02:30',
      from: '2026-04-03T12:00:00Z',
      to: '2026-04-06T12:00:00Z',
      expected: ['2026-04-03T15:30:00.000Z', '2026-04-04T15:30:00.000Z', '2026-04-05T16:30:00.000Z'],
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const sends = simulate(c.time, c.zone, c.from, c.to);
      expect(sends.map((s) => s.at)).toEqual(c.expected);
      // One send per local day, each on a different local date.
      expect(new Set(sends.map((s) => s.period)).size).toBe(sends.length);
      for (const s of sends) {
        expect(DateTime.fromISO(s.at, { zone: c.zone }).toISODate()).toBe(s.period);
      }
    });
  }

  it('sends an ordinary hour at the same local time on both sides of a change', () => {
    const sends = simulate('07:00', 'America/Port-au-Prince', '2026-03-06T12:01:00Z', '2026-03-10T12:00:00Z');
    const local = sends.map((s) =>
      DateTime.fromISO(s.at, { zone: 'America/Port-au-Prince' }).toFormat('yyyy-MM-dd HH:mm'),
    );
    expect(local).toEqual(['2026-03-07 07:00', '2026-03-08 07:00', '2026-03-09 07:00', '2026-03-10 07:00']);
  });

  it('gives each local date exactly one instant, also for times inside the hour that repeats', () => {
    expect(sendInstant('2026-11-01', '01:00', 'America/Port-au-Prince').toISOString()).toBe('2026-11-01T05:00:00.000Z');
    expect(sendInstant('2026-11-01', '01:59', 'America/Port-au-Prince').toISOString()).toBe('2026-11-01T05:59:00.000Z');
    expect(sendInstant('2026-11-01', '02:00', 'America/Port-au-Prince').toISOString()).toBe('2026-11-01T07:00:00.000Z');
    expect(sendInstant('2026-03-08', '02:00', 'America/Port-au-Prince').toISOString()).toBe('2026-03-08T07:00:00.000Z');
  });
});

describe('catch-up', () => {
  const schedule = { localTime: '07:00', timeZone: 'America/Port-au-Prince', activeSince: '2026-06-01T00:00:00Z' };

  it('sends a digest missed by a few hours once, marked late', () => {
    // 07:00 EDT is 11:00Z; the bot comes back at 15:10Z.
    const due = duePeriods(schedule, '2026-06-09', new Date('2026-06-10T15:10:00Z'), { catchUpMs: 12 * HOUR });
    expect(due).toEqual([{ period: '2026-06-10', scheduledAt: new Date('2026-06-10T11:00:00Z'), action: 'send-late' }]);
  });

  it('skips a digest missed by more than the window', () => {
    const due = duePeriods(schedule, '2026-06-09', new Date('2026-06-11T01:00:00Z'), { catchUpMs: 12 * HOUR });
    expect(due.map((d) => [d.period, d.action])).toEqual([['2026-06-10', 'skip']]);
  });

  it('after days down, skips the older days and sends only the newest within the window', () => {
    const due = duePeriods(schedule, '2026-06-05', new Date('2026-06-10T12:00:00Z'), { catchUpMs: 48 * HOUR });
    expect(due.map((d) => [d.period, d.action])).toEqual([
      ['2026-06-06', 'skip'],
      ['2026-06-07', 'skip'],
      ['2026-06-08', 'skip'],
      ['2026-06-09', 'skip'],
      ['2026-06-10', 'send-late'],
    ]);
  });

  it('does not send a period scheduled before the subscription began', () => {
    const fresh = { ...schedule, activeSince: '2026-06-10T12:00:00Z' };
    expect(duePeriods(fresh, undefined, new Date('2026-06-10T12:00:30Z'), { catchUpMs: 12 * HOUR })).toEqual([]);
    const next = duePeriods(fresh, undefined, new Date('2026-06-11T11:00:20Z'), { catchUpMs: 12 * HOUR });
    expect(next.map((d) => [d.period, d.action])).toEqual([['2026-06-11', 'send']]);
  });

  it('names the next send for a channel that just subscribed after today’s hour', () => {
    const fresh = { ...schedule, activeSince: '2026-06-10T12:00:00Z' };
    expect(nextSendInstant(fresh, undefined, new Date('2026-06-10T12:00:00Z')).toISOString()).toBe(
      '2026-06-11T11:00:00.000Z',
    );
  });
});

describe('parseLocalTime', () => {
  it('reads 24-hour times and refuses anything else', () => {
    expect(parseLocalTime('07:30')).toEqual({ hour: 7, minute: 30 });
    expect(parseLocalTime('7:05')).toEqual({ hour: 7, minute: 5 });
    expect(parseLocalTime('23:59')).toEqual({ hour: 23, minute: 59 });
    for (const bad of ['24:00', '7', '7:5', '07:60', '7am', '', 'noon', '-1:00'])
      expect(parseLocalTime(bad)).toBeUndefined();
  });
});
