/**
 * The phrases of periods chrono-node lacks, as chrono parsers that know "today": French ones
 * ("cette semaine", "depuis 2 semaines", "la semaine prochaine") and all of Haitian Creole
 * ("semèn pase", "depi 3 jou", "18 mas 2025"), and a few English ones ("next week" as a week).
 */
import type * as chrono from 'chrono-node';
import type { DateTime } from 'luxon';

type Components = { [c in chrono.Component]?: number };
type Extract = (today: DateTime, match: RegExpMatchArray) => { start: Components; end?: Components };

const ymd = (d: DateTime): Components => ({ year: d.year, month: d.month, day: d.day });

/** A parser that matches a regular expression and turns the match into local dates. */
export type Phrase = (today: DateTime) => chrono.Parser;
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

export const ENGLISH_EXTRA: Phrase[] = [
  ...DURATIONS,
  phrase(re('this\\s+week'), thisWeek),
  phrase(re('(?:in|during)\\s+(\\d{4})'), year),
];

export const FRENCH_AND_CREOLE_EXTRA: Phrase[] = [
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
  // "soti 18 rive 25 mas", "depi 18 rive 25 mas", "ant 18 ak 25 mas": both days of one month.
  phrase(
    re(
      `(?:soti|depi|ant)\\s+(?:l[ea]\\s+)?(\\d{1,2})\\s+(?:rive|jiska|jouk|ak)\\s+(?:l[ea]\\s+)?(\\d{1,2})\\s+${monthGroup(HT_MONTHS)}(?:\\s+(\\d{4}))?`,
    ),
    (_t, m) => {
      const month = monthIndex(HT_MONTHS, m[3] ?? '');
      const year = m[4] ? { year: Number(m[4]) } : {};
      return { start: { day: Number(m[1]), month, ...year }, end: { day: Number(m[2]), month, ...year } };
    },
  ),
  // "an mas", "nan mas 2025": the whole month.
  phrase(re(`(?:an|nan)\\s+${monthGroup(HT_MONTHS)}(?:\\s+(\\d{4}))?`), (_t, m) => ({
    start: { month: monthIndex(HT_MONTHS, m[1] ?? ''), ...(m[2] ? { year: Number(m[2]) } : {}) },
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
