/**
 * The fields of a report as a person types them (date and time, place, category, casualties,
 * summary, source, confidence), checked one by one: each bad field gets its own message so a
 * form can show it beside the field and keep what was typed.
 */
import { DateTime } from 'luxon';
import { CasualtyTextError, casualtiesText, parseCasualties } from './casualty-text.ts';
import { isUserError } from './errors.ts';
import type { Gazetteer } from './places.ts';
import { type Event, EventCategory, Source } from './schemas.ts';

export const REPORT_FIELDS = ['when', 'place', 'category', 'casualties', 'summary', 'source', 'confidence'] as const;
export type ReportFieldName = (typeof REPORT_FIELDS)[number];
export type ReportValues = Partial<Record<ReportFieldName, string>>;
export type FieldErrors = Partial<Record<ReportFieldName, string>>;

/** Confidences a person may give a report; `disputed` and `retracted` come from /event. */
export const REPORT_CONFIDENCES = ['reported', 'confirmed'] as const;

export const SUMMARY_MAX = 1000;
export const SOURCE_MAX = 500;

/** The parts of an event a report gives. */
export type ReportParts = Pick<
  Event,
  'occurredAt' | 'timePrecision' | 'place' | 'category' | 'casualties' | 'summary' | 'sources' | 'confidence'
>;

export type ParsedReport = { ok: true; parts: ReportParts } | { ok: false; errors: FieldErrors };

export interface ReportContext {
  gazetteer: Gazetteer;
  timeZone: string;
  now: Date;
}

/** Each field's parser: the parts of the event it sets, or a FieldError/UserError naming the problem. */
const FIELD_PARSERS: Record<ReportFieldName, (text: string, ctx: ReportContext) => Partial<ReportParts>> = {
  when: (text, ctx) => parseWhen(text, ctx.timeZone, ctx.now),
  place: (text, ctx) => ({ place: parsePlace(text, ctx.gazetteer) }),
  category: (text) => ({ category: parseCategory(text) }),
  casualties: (text) => ({ casualties: parseCasualties(text) }),
  summary: (text) => ({ summary: parseSummary(text) }),
  source: (text) => ({ sources: [parseSource(text)] }),
  confidence: (text) => ({ confidence: parseConfidence(text) }),
};

/**
 * Parses the named fields (all of them for a new report; the changed ones for an edit) and
 * returns the parts they set, or a message for every field that is wrong.
 */
export function parseReportFields(
  values: ReportValues,
  names: readonly ReportFieldName[],
  ctx: ReportContext,
): { ok: true; parts: Partial<ReportParts> } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  let parts: Partial<ReportParts> = {};
  for (const name of names) {
    try {
      parts = { ...parts, ...FIELD_PARSERS[name]((values[name] ?? '').trim(), ctx) };
    } catch (err) {
      if (err instanceof FieldError || err instanceof CasualtyTextError || isUserError(err)) errors[name] = err.message;
      else throw err;
    }
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, parts };
}

/** All the fields of a new report. */
export function parseReportValues(values: ReportValues, ctx: ReportContext): ParsedReport {
  const parsed = parseReportFields(values, REPORT_FIELDS, ctx);
  if (!parsed.ok) return parsed;
  return { ok: true, parts: parsed.parts as ReportParts };
}

class FieldError extends Error {}

const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const FRENCH_MONTHS = [
  'janvier',
  'fevrier',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'aout',
  'septembre',
  'octobre',
  'novembre',
  'decembre',
];

/** "25 March 2025" (ACLED's long form, English or French) → "2025-03-25"; undefined if not that form. */
export function parseLongDate(text: string): string | undefined {
  const m = /^(\d{1,2})[\s-]+([\p{L}]+)\.?[\s-]+(\d{4})$/u.exec(text.trim());
  if (!m) return undefined;
  const word = (m[2] ?? '').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  let month = MONTH_NAMES.findIndex((n) => n === word || (word.length >= 3 && n.startsWith(word)));
  if (month < 0) month = FRENCH_MONTHS.findIndex((n) => n === word || (word.length >= 3 && n.startsWith(word)));
  if (month < 0) return undefined;
  const date = `${m[3]}-${String(month + 1).padStart(2, '0')}-${String(Number(m[1])).padStart(2, '0')}`;
  return isCalendarDate(date) ? date : undefined;
}

export function isCalendarDate(date: string): boolean {
  const [y, m = '01', d = '01'] = date.split('-');
  const at = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return at.getUTCFullYear() === Number(y) && at.getUTCMonth() + 1 === Number(m) && at.getUTCDate() === Number(d);
}

const WHEN_HELP = 'Write a date like 2025-03-25, 2025-03-25 16:30 (local time), 25 March 2025, 2025-03 or 2025.';

/** A date as precise as the person knows it; a time is local to `timeZone`. Not after `now`. */
export function parseWhen(
  text: string,
  timeZone: string,
  now: Date,
): { occurredAt: string; timePrecision: Event['timePrecision'] } {
  if (text === '') throw new FieldError(`Say when it happened. ${WHEN_HELP}`);
  const m = /^(.+?)(?:[ T,]+(\d{1,2})[:h](\d{2}))?$/.exec(text.trim());
  const datePart = m?.[1]?.trim() ?? '';
  const date = /^\d{4}(-\d{2}(-\d{2})?)?$/.test(datePart) ? datePart : parseLongDate(datePart);
  if (!date || !isCalendarDate(date)) throw new FieldError(`"${text}" is not a date. ${WHEN_HELP}`);
  const today = DateTime.fromJSDate(now, { zone: timeZone }).toISODate() ?? '';
  if (date > today.slice(0, date.length)) throw new FieldError(`${date} is in the future; today is ${today}.`);
  if (m?.[2] === undefined) {
    const timePrecision = date.length === 4 ? 'year' : date.length === 7 ? 'month' : 'day';
    return { occurredAt: date, timePrecision };
  }
  if (date.length !== 10) throw new FieldError(`A time needs a full date, like 2025-03-25 16:30.`);
  const hour = Number(m[2]);
  const minute = Number(m[3]);
  const local = DateTime.fromISO(date, { zone: timeZone }).set({ hour, minute });
  if (hour > 23 || minute > 59 || !local.isValid) throw new FieldError(`"${m[2]}:${m[3]}" is not a time of day.`);
  if (local.toMillis() > now.getTime()) throw new FieldError(`${text} is in the future.`);
  return { occurredAt: local.toISO({ suppressMilliseconds: true }) ?? date, timePrecision: 'datetime' };
}

function parsePlace(text: string, gazetteer: Gazetteer): Event['place'] {
  if (text === '') throw new FieldError('Name the place: a town, commune, neighbourhood or department of Haiti.');
  const place = gazetteer.get(text) ?? gazetteer.resolve(text);
  const geoPrecision: Event['place']['geoPrecision'] =
    place.kind === 'department'
      ? 'department'
      : place.kind === 'commune' || place.kind === 'arrondissement'
        ? 'commune'
        : place.kind === 'country'
          ? 'country'
          : 'locality';
  return { placeId: place.id, text: place.name, geoPrecision };
}

function parseCategory(text: string): Event['category'] {
  const parsed = EventCategory.safeParse(text.toLowerCase());
  if (!parsed.success) {
    throw new FieldError(
      text === ''
        ? `Choose a category: ${EventCategory.options.join(', ')}.`
        : `"${text}" is not a category. Choose one of: ${EventCategory.options.join(', ')}.`,
    );
  }
  return parsed.data;
}

function parseSummary(text: string): string {
  if (text === '') throw new FieldError('Write a one-line summary of what happened.');
  if (text.length > SUMMARY_MAX)
    throw new FieldError(`The summary is ${text.length} characters; at most ${SUMMARY_MAX} are accepted.`);
  return text.replace(/\s+/g, ' ');
}

function parseConfidence(text: string): Event['confidence'] {
  if (text === '') return 'reported';
  const value = text.toLowerCase();
  if ((REPORT_CONFIDENCES as readonly string[]).includes(value)) return value as Event['confidence'];
  throw new FieldError(`"${text}" is not a confidence for a report. Choose one of: ${REPORT_CONFIDENCES.join(', ')}.`);
}

const SOURCE_HELP =
  'Write the publisher and, if there is one, the link: "Le Nouvelliste https://lenouvelliste.com/...".';

/** "Le Nouvelliste https://…", "https://…" (the site names the publisher) or "Radio Télé Métropole". */
export function parseSource(text: string): Source {
  if (text === '') throw new FieldError(`Say where this comes from. ${SOURCE_HELP}`);
  if (text.length > SOURCE_MAX) throw new FieldError(`The source is ${text.length} characters; at most ${SOURCE_MAX}.`);
  const urls = text.match(/https?:\/\/\S+/gi) ?? [];
  if (urls.length > 1) throw new FieldError(`Give one link per report (found ${urls.length}).`);
  const url = urls[0]?.replace(/[),.;]+$/, '');
  let publisher = text
    .replace(/https?:\/\/\S+/gi, ' ')
    .replace(/[\s,;:–—-]+$|^[\s,;:–—-]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (url) {
    let host: string;
    try {
      host = new URL(url).hostname.replace(/^www\./, '');
    } catch {
      throw new FieldError(`"${url}" is not a web address. ${SOURCE_HELP}`);
    }
    if (publisher === '') publisher = host;
  }
  const parsed = Source.safeParse(url ? { publisher, url } : { publisher });
  if (!parsed.success) throw new FieldError(`${parsed.error.issues[0]?.message ?? 'not a source'}. ${SOURCE_HELP}`);
  return parsed.data;
}

/** An event's values as a report form shows them, for an edit. */
export function reportValuesOf(event: Event, timeZone: string): Record<ReportFieldName, string> {
  const source = event.sources[0];
  let when = event.occurredAt;
  if (event.timePrecision === 'datetime') {
    const local = DateTime.fromISO(event.occurredAt, { setZone: true }).setZone(timeZone);
    if (local.isValid) when = local.toFormat('yyyy-MM-dd HH:mm');
  }
  return {
    when,
    place: event.place.placeId ?? event.place.text,
    category: event.category,
    casualties: casualtiesText(event.casualties),
    summary: event.summary,
    source: source ? [source.publisher, source.url].filter(Boolean).join(' ') : '',
    confidence: event.confidence,
  };
}
