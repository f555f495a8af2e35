/**
 * The age of the data behind an answer. Sitrep's records can be months old while the answer is
 * dated today; when the newest record that matches is older than a threshold, the answer says
 * so with that record's date: "Newest record here: 30 Mar 2025 (20 months ago)".
 *
 * Every answer asks for this line, so it is worked out on plain calendar days (y, m, d): the
 * zone is consulted once per instant through a kept Intl formatter, and the differences are
 * counted as luxon counts them (a month from 31 January ends on the last day of February), for
 * a few microseconds where luxon's zone arithmetic took about a millisecond.
 */
import { DateTime } from 'luxon';
import type { Messages } from './i18n/messages.ts';
import { lastDayOfMonth } from './question-span.ts';
import type { Services } from './services.ts';
import type { EventQuery } from './store-port.ts';

/** Records older than this (in days) are called old when no setting says otherwise. */
export const DEFAULT_STALE_AFTER_DAYS = 14;

export interface DataAgeOptions {
  /** Days after which the newest record is called old (a setting; default 14). */
  staleAfterDays?: number | undefined;
  /** The zone whose calendar days are counted (the mission's). */
  timeZone: string;
  /** "here" for an answer about a place; "all" for the mission as a whole or a period. */
  scope?: 'here' | 'all';
}

/** A day on the zone's calendar. */
interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

/** Days from `a` to `b`, on the calendar (a zone's short or long days count as one). */
function daysBetween(a: CalendarDay, b: CalendarDay): number {
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
}

const order = (d: CalendarDay) => d.year * 10_000 + d.month * 100 + d.day;

/** `d` plus whole months, its day cut to the new month's length (as luxon adds months). */
function plusMonths(d: CalendarDay, months: number): CalendarDay {
  const index = d.year * 12 + (d.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return { year, month, day: Math.min(d.day, lastDayOfMonth(year, month)) };
}

/** Whole months from `a` to `b` (b not before a): the most that can be added to a without passing b. */
function wholeMonths(a: CalendarDay, b: CalendarDay): number {
  const months = (b.year - a.year) * 12 + (b.month - a.month);
  return order(plusMonths(a, months)) > order(b) ? months - 1 : months;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
const minuteDays = new Map<string, CalendarDay | undefined>();

/**
 * The zone's calendar day at an instant; undefined for an unknown zone. Kept per UTC minute:
 * zone offsets and their changes fall on whole minutes, so a minute is all on one local day.
 */
function localDay(instant: number, timeZone: string): CalendarDay | undefined {
  const key = `${Math.floor(instant / 60_000)}|${timeZone}`;
  if (minuteDays.has(key)) return minuteDays.get(key);
  const day = formatLocalDay(instant, timeZone);
  if (minuteDays.size >= 2_000) minuteDays.clear();
  minuteDays.set(key, day);
  return day;
}

function formatLocalDay(instant: number, timeZone: string): CalendarDay | undefined {
  let format = dayFormats.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
    } catch {
      return undefined;
    }
    dayFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  // Years before 1 come back as "1 BC" era parts; no record is that old, so they read as unknown.
  const day = { year: part('year'), month: part('month'), day: part('day') };
  return Number.isInteger(day.year + day.month + day.day) ? day : undefined;
}

/** A stored timestamp with its offset, the shape the store writes; others go through luxon. */
const PLAIN_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The last calendar day a stored date can stand for, in the zone: "2025-03" may be 31 March, so
 * a month or year is as fresh as its last day; a timestamp counts from its local day.
 */
function lastLocalDay(date: string, timeZone: string): CalendarDay | undefined {
  const plain = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date);
  if (plain) {
    const year = Number(plain[1]);
    const month = plain[2] === undefined ? 12 : Number(plain[2]);
    if (month < 1 || month > 12) return undefined;
    const last = lastDayOfMonth(year, month);
    const day = plain[3] === undefined ? last : Number(plain[3]);
    return day >= 1 && day <= last ? { year, month, day } : undefined;
  }
  const instant = PLAIN_TIMESTAMP.test(date) ? Date.parse(date) : DateTime.fromISO(date).toMillis();
  return Number.isFinite(instant) ? localDay(instant, timeZone) : undefined;
}

/** How a stored date is shown: as precise as stored, a timestamp as its local day. */
function shownDate(date: string, day: CalendarDay, m: Messages): string {
  return date.length <= 10 ? m.date(date) : m.day(day.year, day.month, day.day);
}

/**
 * The line that says the newest matching record is old, in the answer's language; undefined when
 * it is fresh, in the future, unknown or unreadable (nothing to warn about).
 */
export function dataAgeLine(
  newest: string | undefined,
  now: Date,
  m: Messages,
  options: DataAgeOptions,
): string | undefined {
  if (!newest) return undefined;
  const threshold = options.staleAfterDays ?? DEFAULT_STALE_AFTER_DAYS;
  const last = lastLocalDay(newest, options.timeZone);
  const today = last && localDay(now.getTime(), options.timeZone);
  if (!last || !today) return undefined;
  const days = daysBetween(last, today);
  if (!(days > threshold)) return undefined;
  // The same record seen on the same day reads the same; plural rules cost more than the rest.
  const key = `${newest}|${order(today)}|${m.language}|${options.timeZone}|${options.scope ?? 'all'}`;
  const kept = lines.get(key);
  if (kept !== undefined) return kept;
  const line = ageText(newest, last, days, wholeMonths(last, today), m, options.scope ?? 'all');
  if (lines.size >= 1_000) lines.clear();
  lines.set(key, line);
  return line;
}

const lines = new Map<string, string>();

function ageText(newest: string, last: CalendarDay, days: number, months: number, m: Messages, scope: 'here' | 'all') {
  const years = Math.floor(months / 12);
  const age =
    months < 2
      ? m.t('data-age.ago', { unit: 'day', n: days })
      : years < 2
        ? m.t('data-age.ago', { unit: 'month', n: months })
        : m.t('data-age.ago', { unit: 'year', n: years });
  return m.t('data-age.line', { scope, date: shownDate(newest, last, m), age });
}

/** The age line for the newest event a query matches (the store lists newest first). */
export async function newestRecordAgeLine(
  services: Services,
  query: EventQuery,
  now: Date,
  m: Messages,
  scope: 'here' | 'all' = 'all',
): Promise<string | undefined> {
  const newest = (await services.store.listEvents(query, { limit: 1 })).events[0];
  return recordAgeLine(services, newest?.event.occurredAt, now, m, scope);
}

/** The age line of a newest record already read (the first of a first page, say). */
export function recordAgeLine(
  services: Pick<Services, 'settings'>,
  occurredAt: string | undefined,
  now: Date,
  m: Messages,
  scope: 'here' | 'all' = 'all',
): string | undefined {
  return dataAgeLine(occurredAt, now, m, {
    timeZone: services.settings.timeZone,
    staleAfterDays: services.settings.staleAfterDays,
    scope,
  });
}

/** A summary with the age line under it, when there is one. */
export function withAgeLine(summary: string | undefined, age: string | undefined): string | undefined {
  return age ? [summary, age].filter(Boolean).join('\n') : summary;
}
