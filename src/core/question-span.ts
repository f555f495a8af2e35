/**
 * Periods as local calendar days, in plain numbers: what a parsed date stands for (its day,
 * month or year), how a period is written ("18–25 March 2025"), and today's local date in a
 * zone. Plain arithmetic: a question is understood many times faster than with zoned objects.
 */
import type * as chrono from 'chrono-node';

export interface Day {
  year: number;
  month: number;
  day: number;
}

/** Inclusive first and last days. */
export interface Span {
  from: Day;
  until: Day;
}

/** A number that orders days: 20250326. */
export const dayKey = (d: Day) => d.year * 10_000 + d.month * 100 + d.day;
const pad = (n: number) => String(n).padStart(2, '0');
export const isoDay = (d: Day) => `${String(d.year).padStart(4, '0')}-${pad(d.month)}-${pad(d.day)}`;
export const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** The local period a parsed date stands for: its day, its month or its year. */
export function periodOf(c: chrono.ParsedComponents, today: Day): Span {
  const unit = c.isCertain('day') || c.isCertain('weekday') ? 'day' : c.isCertain('month') ? 'month' : 'year';
  let year = c.get('year') ?? today.year;
  const month = unit === 'year' ? 1 : (c.get('month') ?? 1);
  const day = unit === 'day' ? (c.get('day') ?? 1) : 1;
  // "in December" asked in March: last December.
  if (!c.isCertain('year') && dayKey({ year, month, day }) > dayKey(today)) year -= 1;
  const from = { year, month, day: Math.min(day, lastDayOfMonth(year, month)) };
  if (unit === 'day') return { from, until: from };
  if (unit === 'month') return { from, until: { year, month, day: lastDayOfMonth(year, month) } };
  return { from, until: { year, month: 12, day: 31 } };
}

/** "18–25 March 2025", "28 February – 3 March 2025", "March 2025", "2024", "23 February 2025". */
export function formatSpan({ from, until }: Span): string {
  const month = (d: Day) => MONTH_NAMES[d.month - 1] ?? '';
  const sameMonth = from.year === until.year && from.month === until.month;
  if (sameMonth && from.day === until.day) return `${from.day} ${month(from)} ${from.year}`;
  if (from.day === 1 && from.month === 1 && until.month === 12 && until.day === 31 && from.year === until.year)
    return `${from.year}`;
  if (sameMonth && from.day === 1 && until.day === lastDayOfMonth(until.year, until.month))
    return `${month(from)} ${from.year}`;
  if (sameMonth) return `${from.day}–${until.day} ${month(from)} ${from.year}`;
  if (from.year === until.year) return `${from.day} ${month(from)} – ${until.day} ${month(until)} ${from.year}`;
  return `${from.day} ${month(from)} ${from.year} – ${until.day} ${month(until)} ${until.year}`;
}

const clocks = new Map<string, Intl.DateTimeFormat>();
let lastClock: { key: string; value: Day & { offsetMinutes: number } } | undefined;

/** The local date of an instant in a zone, and the zone's offset then (minutes east of UTC). */
export function localClock(now: Date, timeZone: string): Day & { offsetMinutes: number } {
  const minute = Math.floor(now.getTime() / 60_000);
  const key = `${timeZone} ${minute}`;
  if (lastClock?.key === key) return lastClock.value;
  let format = clocks.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
      });
    } catch {
      throw new Error(`unknown time zone ${timeZone}`);
    }
    clocks.set(timeZone, format);
  }
  const part: Record<string, number> = {};
  for (const p of format.formatToParts(now)) if (p.type !== 'literal') part[p.type] = Number(p.value);
  const { year = 1970, month = 1, day = 1, hour = 0, minute: m = 0 } = part;
  const offsetMinutes = Math.round((Date.UTC(year, month - 1, day, hour, m) - minute * 60_000) / 60_000);
  const value = { year, month, day, offsetMinutes };
  lastClock = { key, value };
  return value;
}
