/**
 * Sitrep's own CSV: one event per row, one column per field. Lists of records (casualties,
 * sources, claims, people) are JSON in their cell, actors are separated by ";", so that a row
 * holds the whole event and an export imports back to the same store. The people and
 * translations columns (the latter a JSON object by language) came later: a file without them
 * still imports.
 */
import { Event } from '../core/schemas.ts';
import { readCsv, requireColumns } from './csv-table.ts';
import { issueText, type RowResult } from './rows.ts';

export const SITREP_COLUMNS = [
  'id',
  'occurred_at',
  'time_precision',
  'reported_at',
  'place_id',
  'place_text',
  'latitude',
  'longitude',
  'geo_precision',
  'category',
  'sub_category',
  'actors',
  'casualties',
  'summary',
  'details',
  'sources',
  'confidence',
  'claims',
  'people',
  'translations',
] as const;
type Column = (typeof SITREP_COLUMNS)[number];
const REQUIRED_COLUMNS = SITREP_COLUMNS.filter((c) => c !== 'people' && c !== 'translations');

/** Event field path → the column that holds it, for error messages. */
const COLUMN_OF: Record<string, Column> = {
  occurredAt: 'occurred_at',
  timePrecision: 'time_precision',
  reportedAt: 'reported_at',
  'place.placeId': 'place_id',
  'place.text': 'place_text',
  'place.lat': 'latitude',
  'place.lon': 'longitude',
  'place.geoPrecision': 'geo_precision',
  subCategory: 'sub_category',
};

function columnFor(path: string): string {
  const exact = COLUMN_OF[path];
  if (exact) return `column ${exact}`;
  const [head, ...rest] = path.split('.');
  const column = (SITREP_COLUMNS as readonly string[]).includes(head ?? '') ? head : (COLUMN_OF[head ?? ''] ?? head);
  return `column ${column}${rest.length ? ` (${rest.join('.')})` : ''}`;
}

export function eventToSitrepRow(event: Event): Record<Column, string> {
  const json = (v: unknown[]) => (v.length ? JSON.stringify(v) : '');
  return {
    id: event.id,
    occurred_at: event.occurredAt,
    time_precision: event.timePrecision,
    reported_at: event.reportedAt,
    place_id: event.place.placeId ?? '',
    place_text: event.place.text,
    latitude: event.place.lat === undefined ? '' : String(event.place.lat),
    longitude: event.place.lon === undefined ? '' : String(event.place.lon),
    geo_precision: event.place.geoPrecision,
    category: event.category,
    sub_category: event.subCategory ?? '',
    actors: event.actors.join(';'),
    casualties: json(event.casualties),
    summary: event.summary,
    details: event.details ?? '',
    sources: JSON.stringify(event.sources),
    confidence: event.confidence,
    claims: json(event.claims),
    people: json(event.people ?? []),
    translations: event.translations ? JSON.stringify(event.translations) : '',
  };
}

export function parseSitrepCsv(text: string, name: string): RowResult[] {
  const table = readCsv(text, name);
  requireColumns(table, REQUIRED_COLUMNS, name, 'Sitrep');
  return table.rows.map(({ line, cells, problem }): RowResult => {
    if (problem) return { line, ok: false, reason: problem };
    // Free text keeps its spacing; codes and numbers are trimmed.
    const raw = (c: Column) => cells[c] ?? '';
    const cell = (c: Column) => raw(c).trim();
    const optional = (c: Column) => (cell(c) === '' ? undefined : cell(c));
    const number = (c: Column) => (cell(c) === '' ? undefined : Number(cell(c)));
    const lists: Partial<Record<Column, unknown>> = {};
    for (const c of ['casualties', 'sources', 'claims', 'people'] as const) {
      if (cell(c) === '') continue;
      try {
        lists[c] = JSON.parse(cell(c));
      } catch {
        return { line, ok: false, reason: `column ${c}: not a JSON list (${cell(c).slice(0, 40)})` };
      }
    }
    let translations: unknown;
    if (cell('translations') !== '') {
      try {
        translations = JSON.parse(cell('translations'));
      } catch {
        return {
          line,
          ok: false,
          reason: `column translations: not a JSON object (${cell('translations').slice(0, 40)})`,
        };
      }
    }
    for (const c of ['latitude', 'longitude'] as const) {
      if (cell(c) !== '' && !Number.isFinite(Number(cell(c))))
        return { line, ok: false, reason: `column ${c}: "${cell(c)}" is not a number` };
    }
    const record = {
      id: cell('id'),
      occurredAt: cell('occurred_at'),
      timePrecision: cell('time_precision'),
      reportedAt: cell('reported_at'),
      place: {
        placeId: optional('place_id'),
        text: raw('place_text'),
        lat: number('latitude'),
        lon: number('longitude'),
        geoPrecision: cell('geo_precision'),
      },
      category: cell('category'),
      subCategory: optional('sub_category'),
      actors:
        cell('actors') === ''
          ? []
          : cell('actors')
              .split(';')
              .map((a) => a.trim()),
      casualties: lists.casualties ?? [],
      summary: raw('summary'),
      details: raw('details') === '' ? undefined : raw('details'),
      sources: lists.sources ?? [],
      confidence: cell('confidence'),
      claims: lists.claims ?? [],
      people: lists.people,
      translations,
    };
    const parsed = Event.safeParse(record);
    if (!parsed.success) return { line, ok: false, reason: issueText(parsed.error.issues[0], columnFor) };
    return { line, ok: true, event: parsed.data };
  });
}
