/**
 * ACLED CSV exports → events. Every row is checked column by column; the mapping is a pure
 * function of the row and the gazetteer (no clock), so importing the same file twice gives the
 * same events and changes nothing.
 */
import { isCalendarDate, parseLongDate } from '../core/report-fields.ts';
import { Event } from '../core/schemas.ts';
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

export function createAcledMapper(services: Pick<Services, 'gazetteer' | 'actors'>) {
  const matchPlace = createPlaceMatcher(services.gazetteer);
  const matchActor = createActorMatcher(services.actors);

  return (row: CsvRow): RowResult => {
    const { line, cells, problem } = row;
    if (problem) return { line, ok: false, reason: problem };
    const cell = (c: Column) => (cells[c] ?? '').trim();
    const integer = (c: Column, allowed?: readonly number[]) => {
      const text = cell(c);
      if (!/^\d+$/.test(text)) throw new RowError(`column ${c}: "${text}" is not a whole number`);
      const n = Number(text);
      if (allowed && !allowed.includes(n)) throw new RowError(`column ${c}: ${n} is not one of ${allowed.join(', ')}`);
      return n;
    };
    const coordinate = (c: Column) => {
      const text = cell(c);
      if (text === '') return undefined;
      const n = Number(text);
      if (!Number.isFinite(n)) throw new RowError(`column ${c}: "${text}" is not a number`);
      return n;
    };
    try {
      const acledId = cell('event_id_cnty');
      if (acledId === '') throw new RowError('column event_id_cnty is empty');
      const date = parseAcledDate(cell('event_date'));
      if (!date)
        throw new RowError(`column event_date: "${cell('event_date')}" is not a date like 25 March 2025 or 2025-03-25`);
      const eventType = cell('event_type');
      const sub = cell('sub_event_type');
      const subs = ACLED_EVENT_TYPES[eventType];
      if (!subs)
        throw new RowError(
          `column event_type: "${eventType}" is not an ACLED event type (${Object.keys(ACLED_EVENT_TYPES).join(', ')})`,
        );
      if (!subs.includes(sub))
        throw new RowError(
          `column sub_event_type: "${sub}" is not a sub-event type of ${eventType} (${subs.join(', ')})`,
        );
      const lat = coordinate('latitude');
      const lon = coordinate('longitude');
      const words = { location: cell('location'), admin1: cell('admin1'), admin3: cell('admin3'), lat, lon };
      const place = matchPlace(words);
      const text = words.location || words.admin3 || cell('admin2') || words.admin1 || 'unnamed place';
      const notes = cells.notes ?? '';
      if (notes.trim().length > NOTES_MAX)
        throw new RowError(`column notes: ${notes.trim().length} characters; at most ${NOTES_MAX}`);
      const fatalities = cell('fatalities') === '' ? 0 : integer('fatalities');
      const timestamp = integer('timestamp');
      const publishers = [
        ...new Set(
          cell('source')
            .split(';')
            .map((s) => s.trim())
            .filter(Boolean),
        ),
      ];
      const actors = [cell('actor1'), cell('actor2')]
        .filter(Boolean)
        .map(matchActor)
        .filter((id): id is string => id !== undefined);
      const record = {
        id: eventIdOf(acledId),
        occurredAt: date,
        timePrecision: timePrecisionOf(integer('time_precision', [1, 2, 3])),
        reportedAt: new Date(timestamp * 1000).toISOString(),
        place: {
          ...(place ? { placeId: place.id } : {}),
          text: text.slice(0, 200),
          lat,
          lon,
          geoPrecision: geoPrecisionOf(integer('geo_precision', [1, 2, 3])),
        },
        category: categoryOfSub(sub),
        subCategory: sub,
        actors: [...new Set(actors)],
        casualties: fatalities > 0 ? [{ group: 'other', kind: 'killed', count: fatalities, qualifier: 'exact' }] : [],
        ...summaryOfNotes(notes, `${sub} at ${text}`),
        sources: publishers.length > 0 ? publishers.map((publisher) => ({ publisher })) : [{ publisher: 'ACLED' }],
        confidence: 'reported',
        claims: [],
      };
      const parsed = Event.safeParse(record);
      if (!parsed.success) return { line, ok: false, reason: issueText(parsed.error.issues[0], acledColumnFor) };
      return {
        line,
        ok: true,
        event: parsed.data,
        unknownPlace: place ? undefined : { text, lat, lon },
      };
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
