/**
 * Sort keys: an event's `occurredAt` written so that string order is time order. Partial dates
 * become the first day of their period ("2024" → "2024-01-01", "2024-04" → "2024-04-01"); a day
 * stays as it is and sorts before every timed event of that day; a date-time becomes the wall
 * clock of the store's time zone ("2025-03-25T16:30:00.000"), so a local date range selects
 * timed and day-only events alike.
 */
import { DateTime } from 'luxon';

const year = /^\d{4}$/;
const month = /^\d{4}-\d{2}$/;
const day = /^\d{4}-\d{2}-\d{2}$/;
const dateTimeWithOffset = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const localDateTimePrefix = /^\d{4}-\d{2}-\d{2}T\d{2}(:\d{2}(:\d{2}(\.\d{1,3})?)?)?$/;

/** The sort key of a partial date or an ISO date-time with offset, in `timeZone`. */
export function sortKeyOf(date: string, timeZone: string): string {
  if (day.test(date)) return date;
  if (month.test(date)) return `${date}-01`;
  if (year.test(date)) return `${date}-01-01`;
  if (dateTimeWithOffset.test(date)) {
    const local = DateTime.fromISO(date, { setZone: true }).setZone(timeZone);
    if (local.isValid) return local.toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS");
  }
  throw new Error(`not a date: "${date}" (expected 2025, 2025-03, 2025-03-25 or an ISO date-time with offset)`);
}

/**
 * A query bound as a sort key: a partial date, a local date-time prefix ("2025-03-25T12"), or
 * a date-time with offset (converted like an event's).
 */
export function boundKeyOf(bound: string, timeZone: string): string {
  if (localDateTimePrefix.test(bound)) return bound;
  return sortKeyOf(bound, timeZone);
}

/** An instant (ISO date-time) as UTC "YYYY-MM-DDTHH:MM:SS.sssZ", so recorded times compare as strings. */
export function instantKeyOf(instant: string): string {
  const ms = dateTimeWithOffset.test(instant) ? Date.parse(instant) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new Error(`not an ISO date-time with offset: "${instant}" (expected e.g. 2025-03-26T12:00:00Z)`);
  }
  return new Date(ms).toISOString();
}

/** "2025-03" → "2025-04"; "2025-12" → "2026-01". */
export function nextMonth(yearMonth: string): string {
  const y = Number(yearMonth.slice(0, 4));
  const m = Number(yearMonth.slice(5, 7));
  return m === 12
    ? `${String(y + 1).padStart(4, '0')}-01`
    : `${yearMonth.slice(0, 4)}-${String(m + 1).padStart(2, '0')}`;
}
