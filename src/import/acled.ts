/**
 * ACLED CSV exports → events. Every row is checked column by column; the mapping is a pure
 * function of the row and the gazetteer (no clock), so importing the same file twice gives the
 * same events and changes nothing.
 */
import { isCalendarDate, parseLongDate } from '../core/report-fields.ts';
import { Event, type EventInput } from '../core/schemas.ts';
import type { Services } from '../core/services.ts';
import {
  ACLED_COLUMNS_OUT,
  ACLED_EVENT_TYPES,
  categoryOfSub,
  createActorMatcher,
  eventIdOf,
  geoPrecisionOf,
  timePrecisionOf,
} from './acled-mapping.ts';
import { type CsvRow, readCsv, requireColumns } from './csv-table.ts';
import { createPlaceMatcher } from './place-match.ts';
import { issueText, type RowResult } from './rows.ts';

/** The columns an ACLED file must have: what the export writes, less the two it derives (year, country). */
export const ACLED_COLUMNS = ACLED_COLUMNS_OUT.filter(
  (c): c is Exclude<(typeof ACLED_COLUMNS_OUT)[number], 'year' | 'country'> => c !== 'year' && c !== 'country',
);
type Column = (typeof ACLED_COLUMNS)[number];

/** Event.summary's limit; longer notes are kept whole in details. */
const SUMMARY_MAX = 1000;
const NOTES_MAX = 4000;

class RowError extends Error {}

/** ACLED writes dates as "25 March 2025" or "2025-03-25". */
export function parseAcledDate(text: string): string | undefined {
  const t = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return isCalendarDate(t) ? t : undefined;
  return parseLongDate(t);
}

/** Summary and details from ACLED's notes: short notes are the summary; long ones are kept whole in details. */
export function summaryOfNotes(notes: string, fallback: string): { summary: string; details?: string } {
  const text = notes.trim();
  if (text === '') return { summary: fallback };
  if (text.length <= SUMMARY_MAX) return { summary: text };
  return { summary: `${text.slice(0, SUMMARY_MAX - 1).trimEnd()}…`, details: text };
}

/**
 * Whether a record built by the mapper below passes Event: the checks zod would make on the
 * fields that come from the file's words (lengths, ranges, the id's letters); every other field
 * is one of the mapper's own values. It may refuse what zod accepts (zod then decides), never
 * the reverse; tests/import/acled-check.test.ts holds it to that.
 */
export function passesEventChecks(record: EventInput): boolean {
  const { id, place, summary, details } = record;
  if (id.length < 1 || id.length > 120 || !ID.test(id)) return false;
  if (!ISO_DATE.test(record.occurredAt) || !ISO_DATE_TIME.test(record.reportedAt)) return false;
  if (place.text.length < 1 || place.text.length > 200) return false;
  if (place.lat !== undefined && !(place.lat >= -90 && place.lat <= 90)) return false;
  if (place.lon !== undefined && !(place.lon >= -180 && place.lon <= 180)) return false;
  if (summary.length < 1 || summary.length > 1000 || (details !== undefined && details.length > 4000)) return false;
  if ((record.subCategory?.length ?? 0) > 80 || record.sources.length < 1) return false;
  for (const s of record.sources) if (s.publisher.length < 1 || s.publisher.length > 200) return false;
  for (const c of record.casualties ?? [])
    if (c.count !== null && !(Number.isSafeInteger(c.count) && c.count >= 0 && c.count <= 100_000)) return false;
  return true;
}
const ID = /^[a-z0-9][a-z0-9._:-]*$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** The largest timestamp a Date holds (ms / 1000). */
const TIMESTAMP_MAX = 8.64e12;

/** A cell without its surrounding blanks; '' when the row has no such cell. */
const cellOf = (cells: Record<string, string>, c: Column) => (cells[c] ?? '').trim();

function integerOf(cells: Record<string, string>, c: Column, allowed?: readonly number[]): number {
  const text = cellOf(cells, c);
  if (!/^\d+$/.test(text)) throw new RowError(`column ${c}: "${text}" is not a whole number`);
  const n = Number(text);
  if (allowed && !allowed.includes(n)) throw new RowError(`column ${c}: ${n} is not one of ${allowed.join(', ')}`);
  return n;
}

function coordinateOf(cells: Record<string, string>, c: Column): number | undefined {
  const text = cellOf(cells, c);
  if (text === '') return undefined;
  const n = Number(text);
  if (!Number.isFinite(n)) throw new RowError(`column ${c}: "${text}" is not a number`);
  return n;
}

/** Memoises a function of one string: a file repeats the same dates, actors and sources on many rows. */
function memo<T>(fn: (text: string) => T): (text: string) => T {
  const known = new Map<string, T>();
  return (text) => {
    if (known.has(text)) return known.get(text) as T;
    const value = fn(text);
    known.set(text, value);
    return value;
  };
}

const PRECISIONS = [1, 2, 3];

export function createAcledMapper(services: Pick<Services, 'gazetteer' | 'actors'>) {
  const matchPlace = createPlaceMatcher(services.gazetteer);
  const matchActor = memo(createActorMatcher(services.actors));
  const dateOf = memo(parseAcledDate);
  const publishersOf = memo((source: string): readonly string[] => [
    ...new Set(
      source
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ]);

  return (row: CsvRow): RowResult => {
    const { line, cells, problem } = row;
    if (problem) return { line, ok: false, reason: problem };
    try {
      const acledId = cellOf(cells, 'event_id_cnty');
      if (acledId === '') throw new RowError('column event_id_cnty is empty');
      const date = dateOf(cellOf(cells, 'event_date'));
      if (!date)
        throw new RowError(
          `column event_date: "${cellOf(cells, 'event_date')}" is not a date like 25 March 2025 or 2025-03-25`,
        );
      const eventType = cellOf(cells, 'event_type');
      const sub = cellOf(cells, 'sub_event_type');
      const subs = ACLED_EVENT_TYPES[eventType];
      if (!subs)
        throw new RowError(
          `column event_type: "${eventType}" is not an ACLED event type (${Object.keys(ACLED_EVENT_TYPES).join(', ')})`,
        );
      if (!subs.includes(sub))
        throw new RowError(
          `column sub_event_type: "${sub}" is not a sub-event type of ${eventType} (${subs.join(', ')})`,
        );
      const lat = coordinateOf(cells, 'latitude');
      const lon = coordinateOf(cells, 'longitude');
      const words = {
        location: cellOf(cells, 'location'),
        admin1: cellOf(cells, 'admin1'),
        admin3: cellOf(cells, 'admin3'),
        lat,
        lon,
      };
      const place = matchPlace(words);
      const text = words.location || words.admin3 || cellOf(cells, 'admin2') || words.admin1 || 'unnamed place';
      const notes = cells.notes ?? '';
      if (notes.trim().length > NOTES_MAX)
        throw new RowError(`column notes: ${notes.trim().length} characters; at most ${NOTES_MAX}`);
      const fatalities = cellOf(cells, 'fatalities') === '' ? 0 : integerOf(cells, 'fatalities');
      const timestamp = integerOf(cells, 'timestamp');
      if (timestamp > TIMESTAMP_MAX) throw new RowError(`column timestamp: ${timestamp} is not a time a date can hold`);
      const publishers = publishersOf(cellOf(cells, 'source'));
      const actors: string[] = [];
      const actor1 = cellOf(cells, 'actor1');
      const actor2 = cellOf(cells, 'actor2');
      const id1 = actor1 ? matchActor(actor1) : undefined;
      const id2 = actor2 ? matchActor(actor2) : undefined;
      if (id1 !== undefined) actors.push(id1);
      if (id2 !== undefined && id2 !== id1) actors.push(id2);
      const { summary, details } = summaryOfNotes(notes, `${sub} at ${text}`);
      // Keys in sorted order and no undefined members: the store's canonical JSON of it is then
      // JSON.stringify's, without a copy.
      const record: EventInput = {
        actors,
        casualties: fatalities > 0 ? [{ count: fatalities, group: 'other', kind: 'killed', qualifier: 'exact' }] : [],
        category: categoryOfSub(sub),
        claims: [],
        confidence: 'reported',
        ...(details !== undefined ? { details } : {}),
        id: eventIdOf(acledId),
        occurredAt: date,
        place: {
          geoPrecision: geoPrecisionOf(integerOf(cells, 'geo_precision', PRECISIONS)),
          ...(lat !== undefined ? { lat } : {}),
          ...(lon !== undefined ? { lon } : {}),
          ...(place ? { placeId: place.id } : {}),
          text: text.slice(0, 200),
        },
        reportedAt: new Date(timestamp * 1000).toISOString(),
        sources: publishers.length > 0 ? publishers.map((publisher) => ({ publisher })) : [{ publisher: 'ACLED' }],
        subCategory: sub,
        summary,
        timePrecision: timePrecisionOf(integerOf(cells, 'time_precision', PRECISIONS)),
      };
      const unknownPlace = place ? undefined : { text, lat, lon };
      if (passesEventChecks(record)) return { line, ok: true, event: record as Event, unknownPlace };
      // Zod names what is wrong (and has the last word on what is right).
      const parsed = Event.safeParse(record);
      if (!parsed.success) return { line, ok: false, reason: issueText(parsed.error.issues[0], acledColumnFor) };
      return { line, ok: true, event: parsed.data, unknownPlace };
    } catch (err) {
      if (err instanceof RowError) return { line, ok: false, reason: err.message };
      throw err;
    }
  };
}

const ACLED_COLUMN_OF: Record<string, string> = {
  id: 'event_id_cnty',
  reportedAt: 'timestamp',
  'place.lat': 'latitude',
  'place.lon': 'longitude',
  'place.text': 'location',
  summary: 'notes',
  details: 'notes',
  sources: 'source',
  casualties: 'fatalities',
};

function acledColumnFor(path: string): string {
  const key = Object.keys(ACLED_COLUMN_OF).find((k) => path === k || path.startsWith(`${k}.`));
  return key ? `column ${ACLED_COLUMN_OF[key]}` : `field ${path}`;
}

export function parseAcledCsv(
  text: string,
  name: string,
  services: Pick<Services, 'gazetteer' | 'actors'>,
): RowResult[] {
  const table = readCsv(text, name);
  requireColumns(table, ACLED_COLUMNS, name, 'ACLED');
  const map = createAcledMapper(services);
  return table.rows.map(map);
}
