/**
 * The period a question names ("last week", "since March 1", "en février", "semèn pase"), as
 * inclusive local dates. chrono-node parses English and French; the parsers below add the
 * French phrases it lacks and Haitian Creole, on top of it. Questions are about the past, so a
 * month or day without a year is the latest one not after today.
 */
import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import { ENGLISH_EXTRA, FRENCH_AND_CREOLE_EXTRA, type Phrase } from './question-date-phrases.ts';
import { type Day, dayKey, formatSpan, isoDay, localClock, periodOf, type Span } from './question-span.ts';

export { formatSpan, MONTH_NAMES } from './question-span.ts';

export interface DateWindow {
  /** First day, inclusive (YYYY-MM-DD, local). */
  from: string;
  /** Last day, inclusive (YYYY-MM-DD, local). */
  until: string;
  /** "18–25 March 2025", "February 2025", "23 February 2025". */
  label: string;
}

/** The parsers of one language plus ours, which know "today" (the local date of `now`). */
function withExtra(base: chrono.Chrono, extra: Phrase[], today: DateTime): chrono.Chrono {
  const parser = base.clone();
  // Ours first: where a built-in parser matches the same words differently, ours is meant.
  parser.parsers.unshift(...extra.map((p) => p(today)));
  return parser;
}

/** chrono's parsers of "3 days ago", "within 2 weeks", "5 days later": most of a parse's time. */
const COUNTED_UNIT_PARSERS = /TimeUnit(Ago|Later|Within)/;
/** A unit of time ("3 days ago", "la semaine dernière"): only then can those parsers find anything. */
const COUNTED_UNIT =
  /(?<![a-z])(sec|min|hour|hr|day|week|month|quarter|year|seconde|heure|jour|semaine|mois|an|ann[ée]e|jou|sem[eè]n|mwa|ane)/i;

function withoutCountedUnits(parser: chrono.Chrono): chrono.Chrono {
  const light = parser.clone();
  light.parsers = light.parsers.filter((p) => !COUNTED_UNIT_PARSERS.test(p.constructor.name));
  return light;
}

type Parsers = { english: chrono.Chrono; frenchAndCreole: chrono.Chrono };
/** The parsers of the last day asked about: building them costs more than a parse. */
let parsersOf: { key: string; full: Parsers; light: Parsers } | undefined;
function parsersFor(day: Day, text: string): Parsers {
  const key = `${day.year}-${day.month}-${day.day}`;
  if (parsersOf?.key !== key) {
    // The phrases' own arithmetic ("last 7 days") is on UTC dates: no zone look-ups.
    const today = DateTime.utc(day.year, day.month, day.day);
    const full = {
      english: withExtra(chrono.en.casual, ENGLISH_EXTRA, today),
      frenchAndCreole: withExtra(chrono.fr.casual, FRENCH_AND_CREOLE_EXTRA, today),
    };
    const light = {
      english: withoutCountedUnits(full.english),
      frenchAndCreole: withoutCountedUnits(full.frenchAndCreole),
    };
    parsersOf = { key, full, light };
  }
  return COUNTED_UNIT.test(text) ? parsersOf.full : parsersOf.light;
}

/**
 * Words without which no period is named (digits, months, weekdays, "week", "hier", "semèn"…):
 * most questions have none and skip the date parsers. Generous: a false match only costs time.
 */
const MAY_NAME_A_PERIOD = new RegExp(
  `\\d|(?<![\\p{L}\\p{N}])(?:${[
    'jan|january|janv|janvier|janvye|feb|february|f[ée]v|f[ée]vr|f[ée]vrier|fevriye|mar|march|mars|mas|apr|april|avr|avril',
    'may|mai|me|jun|june|juin|jen|jul|july|juil|juillet|jiy[eè]t?|aug|august|ao[uû]t|out|sept?|september|septembre|sept?anm',
    'oct|october|octobre|okt|okt[oò]b|nov|november|novembre|novanm|dec|december|d[ée]cembre|desanm',
    'mon|monday|tue|tues|tuesday|wed|wednesday|thu|thur|thurs|thursday|fri|friday|sat|saturday|sun|sunday',
    'lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lendi|madi|m[eè]kredi|jedi|vandredi|samdi|dimanch',
    'today|tonight|tomorrow|yesterday|now|weeks?|months?|years?|days?|weekends?|morning|evening|night|noon|fortnight',
    'hier|demain|aujourd|semaines?|mois|ans|ann[ée]es?|jours?|matin|soir|midi|minuit|veille',
    'jodi|y[eè]|ay[eè]|demen|sem[eè]nn?|mwa|l?ane|jou|maten|asw[eè]|avan\\s*y[eè]|lannwit',
  ].join('|')})(?![\\p{L}])`,
  'iu',
);

const SINCE =
  /(?:since|from|after|starting|depuis|[àa]\s+partir\s+d[eu']?|apr[eè]s|depi|apre)\s+(?:the\s+|on\s+|le\s+|l'|la\s+)?$/iu;
const BETWEEN = /(?:between|from|entre|du|de|depi|soti)\s+(?:the\s+|le\s+)?$/iu;
const AND = /^\s*(?:and|to|until|till|through|-|–|et|au|à|jusqu'au|jusqu'à|e|rive)\s+(?:the\s+|le\s+)?$/iu;
const AGO = /\bago\b|il\s+y\s+a|sa\s+gen/iu;
const RANGE_TO_TODAY = /\b(?:last|past|previous)\b|derni[eè]re?s?|pass[ée]e/iu;

export function findWindow(
  text: string,
  now: Date,
  timeZone: string,
): (DateWindow & { index: number; text: string }) | undefined {
  if (!MAY_NAME_A_PERIOD.test(text)) return undefined;
  const clean = text.replace(/[’`´]/g, "'");
  const local = localClock(now, timeZone);
  const today: Day = { year: local.year, month: local.month, day: local.day };
  const reference = { instant: now, timezone: local.offsetMinutes };
  const { english, frenchAndCreole } = parsersFor(today, clean);
  // French first: where both read the same words ("03/04/2025"), the day comes first, as in Haiti.
  const results = [...frenchAndCreole.parse(clean, reference), ...english.parse(clean, reference)].sort(
    (a, b) => a.index - b.index || b.text.length - a.text.length,
  );
  const kept: chrono.ParsedResult[] = [];
  for (const r of results) {
    const last = kept.at(-1);
    if (last && r.index < last.index + last.text.length) continue;
    kept.push(r);
  }
  const first = kept[0];
  if (!first) return undefined;
  const before = clean.slice(0, first.index);
  let span: Span;
  let end = first.index + first.text.length;
  const second = kept[1];
  if (second && BETWEEN.test(before) && AND.test(clean.slice(end, second.index))) {
    span = { from: periodOf(first.start, today).from, until: periodOf(second.end ?? second.start, today).until };
    end = second.index + second.text.length;
  } else if (first.end) {
    span = { from: periodOf(first.start, today).from, until: periodOf(first.end, today).until };
  } else {
    span = periodOf(first.start, today);
    const relative = first.start.isCertain('day') && RANGE_TO_TODAY.test(first.text) && !AGO.test(first.text);
    if (relative || SINCE.test(before)) span.until = today;
  }
  if (dayKey(span.from) > dayKey(span.until)) span = { from: span.until, until: span.from };
  // A window that reaches past today covers only up to today.
  if (dayKey(span.until) > dayKey(today) && dayKey(span.from) <= dayKey(today)) span.until = today;
  return {
    from: isoDay(span.from),
    until: isoDay(span.until),
    label: formatSpan(span),
    index: first.index,
    text: clean.slice(first.index, end),
  };
}
