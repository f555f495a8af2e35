/**
 * Dates as users and sources give them: partial ("2024-04"), local ("2025-03-25T16:30-04:00"),
 * shown in the mission's time zone. Luxon does the zone arithmetic; nothing here reads the clock.
 */
import { DateTime } from 'luxon';
import { UserError } from './errors.ts';
import { type Messages, messagesFor } from './i18n/messages.ts';
import { lastDayOfMonth } from './question-span.ts';

const PLAIN_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** The day after a date ("2025-03-31" → "2025-04-01"), for inclusive "to" filters. */
export function dayAfter(date: string): string {
  // A plain date of years 1000–9999 on the calendar alone (every answer with a period asks);
  // anything else through luxon, whose reading (and refusal) of it is the rule.
  const plain = PLAIN_DATE.exec(date);
  const year = Number(plain?.[1]);
  if (plain && year >= 1000) {
    const month = plain[2] === undefined ? 1 : Number(plain[2]);
    const day = plain[3] === undefined ? 1 : Number(plain[3]);
    if (month < 1 || month > 12 || day < 1 || day > lastDayOfMonth(year, month)) return date;
    const next =
      plain[2] === undefined
        ? Date.UTC(year + 1, 0, 1)
        : plain[3] === undefined
          ? Date.UTC(year, month, 1)
          : Date.UTC(year, month - 1, day + 1);
    const iso = new Date(next).toISOString();
    if (iso.length === 24) return iso.slice(0, 10);
  }
  const [y, m = 1, d = 1] = date.split('-').map(Number);
  const unit = date.length === 4 ? 'year' : date.length === 7 ? 'month' : 'day';
  return (
    DateTime.utc(y ?? 1970, m, d)
      .plus({ [unit]: 1 })
      .toISODate() ?? date
  );
}

/** Local midnights already worked out, by zone and date: digests ask for the same days again and again. */
const midnights = new Map<string, string>();

/** Local midnight of a date in a zone, as ISO UTC ("2025-03-25" in Haiti → "2025-03-25T04:00:00.000Z"). */
export function startOfLocalDay(date: string, timeZone: string): string {
  const key = `${timeZone}|${date}`;
  const known = midnights.get(key);
  if (known !== undefined) return known;
  const dt = DateTime.fromISO(date, { zone: timeZone }).startOf('day');
  if (!dt.isValid) throw new UserError('bad-date', { date });
  const midnight = dt.toUTC().toISO() ?? '';
  if (midnights.size >= 1_000) midnights.clear();
  midnights.set(key, midnight);
  return midnight;
}

/** An ISO instant as Date.toISOString() writes it, for comparing stored instants as strings. */
export function toUtcIso(instant: string | Date): string {
  return (instant instanceof Date ? instant : new Date(instant)).toISOString();
}

const formatters = new Map<string, Intl.DateTimeFormat>();

interface LocalTime {
  year: number;
  month: number;
  day: number;
  /** "16:30" */
  time: string;
}

/**
 * The zone's wall clock at instants already seen: records are read again and again, and
 * Intl's formatToParts is most of what writing their dates costs. Emptied when full.
 */
const wallClocks = new Map<string, Map<number, LocalTime | undefined>>();
const WALL_CLOCKS_KEPT = 5_000;

function localTime(ms: number, timeZone: string): LocalTime | undefined {
  let zone = wallClocks.get(timeZone);
  if (!zone) {
    // A zone is a setting; a few are in use, but none is kept past a few dozen.
    if (wallClocks.size >= 50) wallClocks.clear();
    zone = new Map();
    wallClocks.set(timeZone, zone);
  }
  if (zone.has(ms)) return zone.get(ms);
  const local = formatLocalTime(ms, timeZone);
  if (zone.size >= WALL_CLOCKS_KEPT) zone.clear();
  zone.set(ms, local);
  return local;
}

function formatLocalTime(ms: number, timeZone: string): LocalTime | undefined {
  let format = formatters.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-GB', {
        timeZone,
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
    } catch {
      return undefined;
    }
    formatters.set(timeZone, format);
  }
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(ms)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    time: `${parts.hour}:${parts.minute}`,
  };
}

/** The wall clock of an instant in a zone; undefined for a bad instant or zone. Intl, cached per zone: many times faster than luxon here. */
function wallClock(ms: number, timeZone: string, m: Messages) {
  if (Number.isNaN(ms)) return undefined;
  const local = localTime(ms, timeZone);
  return local && { text: m.day(local.year, local.month, local.day), time: local.time };
}

const english = messagesFor('en');

/** "25 Mar 2025, 16:30", "Apr 2024", "2023" (French "25 mars 2025", Creole "25 mas 2025"): as precise as the source. */
export function formatOccurred(occurredAt: string, precision: string, timeZone: string, m: Messages = english): string {
  if (precision === 'year' || /^\d{4}$/.test(occurredAt)) return occurredAt.slice(0, 4);
  const [y, mo, d] = occurredAt.slice(0, 10).split('-').map(Number);
  if (!y || !mo) return occurredAt;
  if (precision === 'month' || d === undefined) return m.monthYear(y, mo);
  if (precision === 'day' || occurredAt.length <= 10) return m.day(y, mo, d);
  const local = wallClock(Date.parse(occurredAt), timeZone, m);
  return local ? m.dayTime(local.text, local.time) : occurredAt;
}

/** A human date of an instant in a zone: "26 Mar 2025". */
export function formatDay(instant: string, timeZone: string, m: Messages = english): string {
  return wallClock(Date.parse(instant), timeZone, m)?.text ?? instant;
}

/** A human instant: "26 Mar 2025, 08:00". */
export function formatInstant(instant: string, timeZone: string, m: Messages = english): string {
  const local = wallClock(Date.parse(instant), timeZone, m);
  return local ? m.dayTime(local.text, local.time) : instant;
}
