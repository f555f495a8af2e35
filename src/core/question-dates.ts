/**
 * The period a question names ("last week", "since March 1", "en février", "semèn pase"), as
 * inclusive local dates. chrono-node parses English and French; the parsers below add the
 * French phrases it lacks and Haitian Creole, on top of it. Questions are about the past, so a
 * month or day without a year is the latest one not after today.
 */
import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
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

type Components = { [c in chrono.Component]?: number };
type Extract = (today: DateTime, match: RegExpMatchArray) => { start: Components; end?: Components };

const ymd = (d: DateTime): Components => ({ year: d.year, month: d.month, day: d.day });

/** A parser that matches a regular expression and turns the match into local dates. */
type Phrase = (today: DateTime) => chrono.Parser;
function phrase(pattern: RegExp, extract: Extract): Phrase {
  return (today) => ({
    pattern: () => pattern,
    extract: (context, match) => {
      const { start, end } = extract(today, match);
      const result = context.createParsingResult(match.index ?? 0, match[0], start, end);
      result.tags().add('sitrep/phrase');
      return result;
    },
  });
}

// Letters and digits of English, French and Creole: without the "u" flag, matching is several times faster.
const WORD_CHAR = 'A-Za-z0-9\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F';
const B = `(?<![${WORD_CHAR}])`;
const E = `(?![${WORD_CHAR}])`;
const re = (source: string) => new RegExp(`${B}(?:${source})${E}`, 'i');

const FR_MONTHS = [
  'janvier',
  'f[ée]vrier',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'ao[uû]t',
  'septembre',
  'octobre',
  'novembre',
  'd[ée]cembre',
];
const HT_MONTHS = [
  'janvye',
  'fevriye',
  'mas',
  'avril',
  'me',
  'jen',
  'jiy[eè]t?',
  'out',
  'sept?anm',
  'okt[oò]b',
  'novanm',
  'desanm',
];
const monthIndex = (names: string[], word: string) => names.findIndex((n) => new RegExp(`^${n}$`, 'iu').test(word)) + 1;
const monthGroup = (names: string[]) => `(${names.join('|')})`;

const thisWeek: Extract = (today) => ({ start: ymd(today.startOf('week')), end: ymd(today) });
const lastDays =
  (days: number): Extract =>
  (today) => ({ start: ymd(today.minus({ days })), end: ymd(today) });
const year: Extract = (_today, m) => ({ start: { year: Number(m[1]) } });

/** "2", "two", "deux", "de": how many units a duration names. */
const COUNT_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  un: 1,
  une: 1,
  deux: 2,
  trois: 3,
  quatre: 4,
  yon: 1,
  youn: 1,
  de: 2,
  twa: 3,
  kat: 4,
};
const COUNT = `(\\d{1,3}|${Object.keys(COUNT_WORDS).join('|')})`;
const UNIT_OF: Array<[RegExp, 'days' | 'weeks' | 'months' | 'years']> = [
  [/^(days?|jours?|jou)$/i, 'days'],
  [/^(weeks?|semaines?|sem[eè]nn?)$/i, 'weeks'],
  [/^(months?|mois|mwa)$/i, 'months'],
  [/^(years?|ans?|ann[ée]es?|l?ane)$/i, 'years'],
];
const UNITS = '(days?|weeks?|months?|years?|jours?|semaines?|mois|ans|ann[ée]es?|jou|sem[eè]nn?|mwa|l?ane)';
/** "depuis 2 semaines", "for the past two weeks", "depi 3 jou": from that long ago to today. */
const durationToToday: Extract = (today, m) => {
  const count = Number(m[1]) || COUNT_WORDS[(m[1] ?? '').toLowerCase()] || 1;
  const unit = UNIT_OF.find(([pattern]) => pattern.test(m[2] ?? ''))?.[1] ?? 'days';
  return { start: ymd(today.minus({ [unit]: count })), end: ymd(today) };
};
const nextWeek: Extract = (today) => {
  const monday = today.startOf('week').plus({ weeks: 1 });
  return { start: ymd(monday), end: ymd(monday.endOf('week')) };
};
const nextMonth: Extract = (today) => {
  const first = today.startOf('month').plus({ months: 1 });
  return { start: ymd(first), end: ymd(first.endOf('month')) };
};

/** Phrases of all three languages about a stretch of time before or after today. */
const DURATIONS: Phrase[] = [
  phrase(
    re(
      `(?:since|for\\s+the\\s+(?:last|past)|over\\s+the\\s+(?:last|past)|in\\s+the\\s+(?:last|past)|depuis|pendant|durant|depi)\\s+${COUNT}\\s+${UNITS}`,
    ),
    durationToToday,
  ),
  phrase(re('next\\s+week|(?:la\\s+)?semaine\\s+prochaine|sem[eè]nn?\\s+(?:pwoch[eè]nn?|k\\s*ap\\s+vini)'), nextWeek),
  phrase(re('next\\s+month|(?:le\\s+)?mois\\s+prochain|mwa\\s+(?:pwoch[eè]nn?|k\\s*ap\\s+vini)'), nextMonth),
  phrase(re('demen'), (t) => ({ start: ymd(t.plus({ days: 1 })) })),
];

const ENGLISH_EXTRA: Phrase[] = [
  ...DURATIONS,
  phrase(re('this\\s+week'), thisWeek),
  phrase(re('(?:in|during)\\s+(\\d{4})'), year),
];

const FRENCH_AND_CREOLE_EXTRA: Phrase[] = [
  ...DURATIONS,
  phrase(re('cette\\s+semaine|sem[eè]n\\s+sa\\s*a?|semenn\\s+sa\\s*a?'), thisWeek),
  phrase(re('ce\\s+mois(?:-ci)?|mwa\\s+sa\\s*a?'), (t) => ({ start: { year: t.year, month: t.month } })),
  phrase(re('cette\\s+ann[ée]e|l?ane\\s+sa\\s*a?'), (t) => ({ start: { year: t.year } })),
  phrase(
    re('(?:la\\s+)?semaine\\s+pass[ée]e|sem[eè]n\\s+(?:ki\\s+sot\\s+)?pase|semenn\\s+(?:ki\\s+sot\\s+)?pase'),
    lastDays(7),
  ),
  phrase(re('mwa\\s+(?:ki\\s+sot\\s+)?pase'), (t) => ({
    start: { year: t.minus({ months: 1 }).year, month: t.minus({ months: 1 }).month },
  })),
  phrase(re('l?ane\\s+(?:ki\\s+sot\\s+)?pase'), (t) => ({ start: { year: t.year - 1 } })),
  phrase(
    re('(?:ces|les)\\s+(\\d{1,3})\\s+derniers\\s+jours|(\\d{1,3})\\s+(?:d[eè]nye\\s+jou|jou\\s+ki\\s+sot\\s+pase)'),
    (t, m) => lastDays(Number(m[1] ?? m[2]))(t, m),
  ),
  phrase(
    re(`entre\\s+le\\s+(\\d{1,2})(?:er)?\\s+et\\s+(?:le\\s+)?(\\d{1,2})\\s+${monthGroup(FR_MONTHS)}(?:\\s+(\\d{4}))?`),
    (_t, m) => {
      const month = monthIndex(FR_MONTHS, m[3] ?? '');
      const year = m[4] ? { year: Number(m[4]) } : {};
      return { start: { day: Number(m[1]), month, ...year }, end: { day: Number(m[2]), month, ...year } };
    },
  ),
  phrase(re('jodi\\s*a|jodi'), (t) => ({ start: ymd(t) })),
  phrase(re('a?yè'), (t) => ({ start: ymd(t.minus({ days: 1 })) })),
  phrase(re('avan\\s*y[eè]'), (t) => ({ start: ymd(t.minus({ days: 2 })) })),
  phrase(re('(?:en|durant|pendant|nan|an)\\s+(\\d{4})'), year),
  phrase(re(`(?:en|au\\s+mois\\s+d[e']\\s*|nan\\s+mwa|mwa)\\s*${monthGroup(FR_MONTHS)}(?:\\s+(\\d{4}))?`), (_t, m) => ({
    start: { month: monthIndex(FR_MONTHS, m[1] ?? ''), ...(m[2] ? { year: Number(m[2]) } : {}) },
  })),
  phrase(re(`(\\d{1,2})(?:ye|er)?\\s+${monthGroup(HT_MONTHS)}(?:\\s+(\\d{4}))?`), (_t, m) => ({
    start: { day: Number(m[1]), month: monthIndex(HT_MONTHS, m[2] ?? ''), ...(m[3] ? { year: Number(m[3]) } : {}) },
  })),
  phrase(
    re(`(?:nan\\s+mwa|mwa)\\s+${monthGroup(HT_MONTHS)}(?:\\s+(\\d{4}))?|${monthGroup(HT_MONTHS)}\\s+(\\d{4})`),
    (_t, m) => ({
      start: {
        month: monthIndex(HT_MONTHS, m[1] ?? m[3] ?? ''),
        ...(m[2] || m[4] ? { year: Number(m[2] ?? m[4]) } : {}),
      },
    }),
  ),
];

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
function parsersFor(today: DateTime, text: string): Parsers {
  const key = `${today.toISO()}`;
  if (parsersOf?.key !== key) {
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
  // The phrases' own arithmetic ("last 7 days") is on UTC dates: no zone look-ups.
  const { english, frenchAndCreole } = parsersFor(DateTime.utc(local.year, local.month, local.day), clean);
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
