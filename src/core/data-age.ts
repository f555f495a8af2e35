/**
 * The age of the data behind an answer. Sitrep's records can be months old while the answer is
 * dated today; when the newest record that matches is older than a threshold, the answer says
 * so with that record's date: "Newest record here: 30 Mar 2025 (20 months ago)".
 */
import { DateTime } from 'luxon';
import type { Messages } from './i18n/messages.ts';

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

/**
 * The last calendar day a stored date can stand for, in the zone: "2025-03" may be 31 March, so
 * a month or year is as fresh as its last day; a timestamp counts from its local day.
 */
function lastLocalDay(date: string, timeZone: string): DateTime | undefined {
  if (/^\d{4}$/.test(date)) return DateTime.fromISO(date, { zone: timeZone }).endOf('year').startOf('day');
  if (/^\d{4}-\d{2}$/.test(date)) return DateTime.fromISO(date, { zone: timeZone }).endOf('month').startOf('day');
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) return DateTime.fromISO(date, { zone: timeZone });
  const instant = DateTime.fromISO(date, { setZone: false }).setZone(timeZone);
  return instant.isValid ? instant.startOf('day') : undefined;
}

/** How a stored date is shown: as precise as stored, a timestamp as its local day. */
function shownDate(date: string, day: DateTime, m: Messages): string {
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
  if (!last?.isValid) return undefined;
  const today = DateTime.fromJSDate(now, { zone: options.timeZone }).startOf('day');
  const days = Math.floor(today.diff(last, 'days').days);
  if (!(days > threshold)) return undefined;
  const months = Math.floor(today.diff(last, 'months').months);
  const years = Math.floor(today.diff(last, 'years').years);
  const age =
    months < 2
      ? m.t('data-age.ago', { unit: 'day', n: days })
      : years < 2
        ? m.t('data-age.ago', { unit: 'month', n: months })
        : m.t('data-age.ago', { unit: 'year', n: years });
  return m.t('data-age.line', { scope: options.scope ?? 'all', date: shownDate(newest, last, m), age });
}
