/**
 * Messages in one language: catalogue text through ICU MessageFormat (intl-messageformat, plural
 * and select rules), numbers and dates through Intl for English and French. Node's Intl has no
 * Haitian Creole (it falls back to en-US and has no plural rules), so Creole month names, number
 * separators and plural forms come from the Creole catalogue.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { type Catalogue, catalogues, type MessageKey } from './catalogue.ts';
import { compileMessage, type MessageFormatters, type Params } from './compiled-message.ts';
import type { Language } from './language.ts';

export type MessageParams = Record<string, string | number>;

export interface Messages {
  language: Language;
  t(key: MessageKey, params?: MessageParams): string;
  /** 100000 → "100,000" (en), "100 000" (fr), "100 000" (ht). */
  number(n: number, fractionDigits?: number): string;
  /** A calendar day: "18 Mar 2025", "18 mars 2025", "18 mas 2025". */
  day(year: number, month: number, day: number): string;
  /** "Mar 2025", "mars 2025", "mas 2025". */
  monthYear(year: number, month: number): string;
  /**
   * A date as precise as stored ("2025", "2025-03", "2025-03-26", or the day of a timestamp):
   * "2025", "Mar 2025", "26 Mar 2025" in the language; anything else is returned unchanged.
   */
  date(partial: string): string;
  /** A date and a wall-clock time "16:30". */
  dayTime(date: string, time: string): string;
  /** "a, b and c" in the language. */
  /** "a, b and c"; with `or`, "a, b or c". */
  list(items: readonly string[], joiner?: 'and' | 'or'): string;
  /** Items of a run-on list, "a; b" (French sets a space before the semicolon). */
  parts(items: readonly string[]): string;
}

const INTL_LOCALES: Record<Language, string> = { en: 'en-US', fr: 'fr-FR', ht: 'en-US' };

/** Creole numbers: groups of three split by the catalogue's separator, its decimal sign. */
function creoleNumber(catalogue: Catalogue) {
  const group = catalogue['number.group'];
  const decimal = catalogue['number.decimal'];
  return (n: number, fractionDigits = 0): string => {
    const [whole = '', fraction] = Math.abs(n).toFixed(fractionDigits).split('.');
    const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
    return `${n < 0 ? '-' : ''}${grouped}${fraction ? `${decimal}${fraction}` : ''}`;
  };
}

/** Creole nouns do not change in the plural; "one" is kept so a catalogue may still say "yon". */
const creolePlurals = {
  select: (n: number) => (n === 1 ? 'one' : 'other'),
  resolvedOptions: () => ({ locale: 'ht', pluralCategories: ['one', 'other'] }),
} as unknown as Intl.PluralRules;

/**
 * The messages of a language. `compiled: false` formats every message through the library alone
 * (tests compare the compiled functions with it).
 */
export function createMessages(language: Language, { compiled: compile = true } = {}): Messages {
  const catalogue = catalogues[language];
  const locale = INTL_LOCALES[language];
  const numberFormats = new Map<number, Intl.NumberFormat>();
  // Whole numbers written already: an answer's counts come back in every answer about the same place.
  const wholeNumbers = new Map<number, string>();
  const intlNumber = (n: number, fractionDigits = 0) => {
    // A Map holds -0 and 0 as one key, which Intl writes apart.
    if (fractionDigits === 0 && !Object.is(n, -0)) {
      let text = wholeNumbers.get(n);
      if (text === undefined) {
        text = formatNumber(n, 0);
        if (wholeNumbers.size >= 5_000) wholeNumbers.clear();
        wholeNumbers.set(n, text);
      }
      return text;
    }
    return formatNumber(n, fractionDigits);
  };
  const formatNumber = (n: number, fractionDigits: number) => {
    let format = numberFormats.get(fractionDigits);
    if (!format) {
      format = new Intl.NumberFormat(locale, {
        minimumFractionDigits: fractionDigits,
        maximumFractionDigits: fractionDigits,
      });
      numberFormats.set(fractionDigits, format);
    }
    return format.format(n);
  };
  const number = language === 'ht' ? creoleNumber(catalogue) : intlNumber;
  const formatters =
    language === 'ht'
      ? {
          getNumberFormat: () => ({ format: (n: number) => number(n) }) as unknown as Intl.NumberFormat,
          getDateTimeFormat: (...args: ConstructorParameters<typeof Intl.DateTimeFormat>) =>
            new Intl.DateTimeFormat(...args),
          getPluralRules: () => creolePlurals,
        }
      : undefined;
  // What the library's formatters give `{n, number}`, `#` and plural branches, kept once.
  const pluralRules = language === 'ht' ? creolePlurals : new Intl.PluralRules(locale, { type: 'cardinal' });
  const defaultNumber = language === 'ht' ? undefined : new Intl.NumberFormat(locale);
  const compiledFormatters: MessageFormatters = {
    number: (n) => (defaultNumber ? defaultNumber.format(n as number) : number(n as number)),
    plural: (n) => pluralRules.select(n),
  };
  interface Compiled {
    library: IntlMessageFormat;
    fast: ((params: Params) => string | undefined) | undefined;
  }
  const compiled = new Map<MessageKey, Compiled>();
  const t = (key: MessageKey, params?: MessageParams): string => {
    let format = compiled.get(key);
    if (!format) {
      const library = new IntlMessageFormat(catalogue[key], language === 'ht' ? 'ht' : locale, undefined, {
        ...(formatters ? { formatters } : {}),
        ignoreTag: true,
      });
      format = { library, fast: compile ? compileMessage(library.getAst(), compiledFormatters) : undefined };
      compiled.set(key, format);
    }
    return format.fast?.(params) ?? String(format.library.format(params));
  };
  const monthNames =
    language === 'ht'
      ? undefined
      : Array.from({ length: 12 }, (_, i) =>
          new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' }).format(Date.UTC(2025, i, 15)),
        );
  const monthName = (month: number) =>
    monthNames ? (monthNames[month - 1] ?? String(month)) : t('date.month', { month });
  const dayOf = (year: number, month: number, day: number) =>
    t('date.day', { day, month: monthName(month), year: String(year) });
  const monthYear = (year: number, month: number) =>
    t('date.month-year', { month: monthName(month), year: String(year) });
  const partsSeparator = `${t('list.semicolon')} `;
  const listFormat = language === 'ht' ? undefined : new Intl.ListFormat(locale, { type: 'conjunction' });
  const orFormat = language === 'ht' ? undefined : new Intl.ListFormat(locale, { type: 'disjunction' });
  return {
    language,
    t,
    number,
    day: dayOf,
    monthYear,
    date: (partial) => {
      const parts = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T|$)/.exec(partial);
      if (!parts) return partial;
      const [, year = '', month, day] = parts;
      if (!month) return year;
      const y = Number(year);
      return day ? dayOf(y, Number(month), Number(day)) : monthYear(y, Number(month));
    },
    dayTime: (date, time) => t('date.day-time', { date, time }),
    list: (items, joiner = 'and') => {
      const format = joiner === 'and' ? listFormat : orFormat;
      if (format) return format.format(items);
      if (items.length <= 1) return items[0] ?? '';
      return `${items.slice(0, -1).join(', ')} ${t(joiner === 'and' ? 'list.and' : 'list.or')} ${items[items.length - 1]}`;
    },
    parts: (items) => items.join(partsSeparator),
  };
}

const cache = new Map<Language, Messages>();

/** The messages of a language, built once. */
export function messagesFor(language: Language): Messages {
  let messages = cache.get(language);
  if (!messages) {
    messages = createMessages(language);
    cache.set(language, messages);
  }
  return messages;
}
