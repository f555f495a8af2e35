/**
 * When a daily digest is due: a pure function of the subscription's schedule, the last period
 * the ledger holds, and now. A period is the local date; each local date has exactly one send
 * instant, so summer-time changes can neither skip nor double a digest:
 * - spring forward: a time the clocks jump over (02:30 when 02:00 becomes 03:00) is sent when
 *   the clocks show the same distance past the jump (03:30);
 * - fall back: a time the clocks show twice is sent the first time.
 */
import { DateTime } from 'luxon';

const LOCAL_TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** "7:05" → { hour: 7, minute: 5 }; undefined when not a 24-hour HH:MM time. */
export function parseLocalTime(text: string): { hour: number; minute: number } | undefined {
  const m = LOCAL_TIME.exec(text.trim());
  if (!m) return undefined;
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

/** "7:05" → "07:05". */
export function formatLocalTime(time: { hour: number; minute: number }): string {
  return `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`;
}

/** The instant a digest for `localDate` (YYYY-MM-DD) at `localTime` in `timeZone` is sent. */
export function sendInstant(localDate: string, localTime: string, timeZone: string): Date {
  const key = `${localDate} ${localTime} ${timeZone}`;
  let at = instants.get(key);
  if (at === undefined) {
    if (instants.size > 10_000) instants.clear();
    at = computeSendInstant(localDate, localTime, timeZone);
    instants.set(key, at);
  }
  return new Date(at);
}

/** Memo of sendInstant: the scheduler asks the same question every minute. */
const instants = new Map<string, number>();

function computeSendInstant(localDate: string, localTime: string, timeZone: string): number {
  const time = parseLocalTime(localTime);
  if (!time) throw new Error(`sendInstant: bad local time "${localTime}"`);
  const day = DateTime.fromISO(localDate, { zone: timeZone });
  if (!day.isValid) throw new Error(`sendInstant: bad date "${localDate}" or zone "${timeZone}"`);
  // Luxon moves a time in a gap forward by the gap, and picks the later of two repeated times.
  const dt = day.set({ hour: time.hour, minute: time.minute, second: 0, millisecond: 0 });
  const before = DateTime.fromMillis(dt.toMillis() - 6 * 3_600_000, { zone: timeZone });
  if (before.offset > dt.offset) {
    const earlier = DateTime.fromMillis(dt.toMillis() - (before.offset - dt.offset) * 60_000, { zone: timeZone });
    if (earlier.hour === time.hour && earlier.minute === time.minute && earlier.toISODate() === localDate) {
      return earlier.toMillis();
    }
  }
  return dt.toMillis();
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The local calendar date of an instant in a zone, "YYYY-MM-DD". */
export function localDateOf(instant: Date, timeZone: string): string {
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timeZone, format);
  }
  return format.format(instant);
}

/** Calendar arithmetic on "YYYY-MM-DD" (no zone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days)).toISOString().slice(0, 10);
}

export interface DigestSchedule {
  localTime: string;
  timeZone: string;
  /** Periods whose instant is before this are never due. */
  activeSince: string;
}

export type DueAction =
  /** Send now, on time. */
  | 'send'
  /** Send now, marked late: missed while the bot was down, within the catch-up window. */
  | 'send-late'
  /** Record as skipped: too late, or superseded by a later period that is sent instead. */
  | 'skip';

export interface DuePeriod {
  period: string;
  scheduledAt: Date;
  action: DueAction;
}

export interface DueOptions {
  /** How late a digest may still be sent at start-up. */
  catchUpMs: number;
  /** A send this close after its instant counts as on time (the tick is once a minute). */
  onTimeMs?: number;
  /** How many missed days are recorded; older ones are passed over silently. */
  maxLookbackDays?: number;
}

const DEFAULT_ON_TIME_MS = 5 * 60_000;
const DEFAULT_LOOKBACK_DAYS = 31;

/**
 * The periods due at `now`, oldest first: every local date after `lastPeriod` whose send instant
 * has passed. At most one is sent (the newest, since a digest covers everything since the
 * previous one); the others are skipped.
 */
export function duePeriods(
  schedule: DigestSchedule,
  lastPeriod: string | undefined,
  now: Date,
  options: DueOptions,
): DuePeriod[] {
  const zone = schedule.timeZone;
  const onTimeMs = options.onTimeMs ?? DEFAULT_ON_TIME_MS;
  const today = localDateOf(now, zone);
  if (lastPeriod !== undefined && lastPeriod >= today) return [];
  const activeSince = new Date(schedule.activeSince);
  const candidates = [
    localDateOf(activeSince, zone),
    addDays(today, -(options.maxLookbackDays ?? DEFAULT_LOOKBACK_DAYS)),
  ];
  if (lastPeriod !== undefined) candidates.push(addDays(lastPeriod, 1));
  const due: DuePeriod[] = [];
  for (let period = candidates.sort().at(-1) ?? today; period <= today; period = addDays(period, 1)) {
    const at = sendInstant(period, schedule.localTime, zone);
    if (at > now || at < activeSince) continue;
    const delay = now.getTime() - at.getTime();
    const action: DueAction = delay <= onTimeMs ? 'send' : delay <= options.catchUpMs ? 'send-late' : 'skip';
    due.push({ period, scheduledAt: at, action });
  }
  const sendIndex = due.findLastIndex((d) => d.action !== 'skip');
  return due.map((d, i) => (d.action !== 'skip' && i !== sendIndex ? { ...d, action: 'skip' } : d));
}

/** The next send instant after `now` (for `/digest list`). */
export function nextSendInstant(schedule: DigestSchedule, lastPeriod: string | undefined, now: Date): Date {
  let period = localDateOf(now, schedule.timeZone);
  for (let i = 0; i < 3; i++, period = addDays(period, 1)) {
    if (lastPeriod !== undefined && period <= lastPeriod) continue;
    const at = sendInstant(period, schedule.localTime, schedule.timeZone);
    if (at > now && at >= new Date(schedule.activeSince)) return at;
  }
  return sendInstant(period, schedule.localTime, schedule.timeZone);
}
