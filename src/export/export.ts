/**
 * `sitrep export`: the events that match the same filters as /timeline, as Sitrep JSON, Sitrep
 * CSV or ACLED CSV. JSON and CSV carry every field (retracted events included), so importing an
 * export gives the same store; ACLED carries what ACLED has and leaves retracted events out.
 */
import { stringify } from 'csv-stringify/sync';
import { UserError } from '../core/errors.ts';
import type { Event } from '../core/schemas.ts';
import type { Services } from '../core/services.ts';
import type { EventKey } from '../core/store-port.ts';
import { buildQuery, type TimelineFilter } from '../core/timeline.ts';
import { ACLED_COLUMNS_OUT } from '../import/acled-mapping.ts';
import { acledRowOf } from '../import/acled-row.ts';
import { IMPORT_FORMATS, type ImportFormat } from '../import/rows.ts';
import { eventToSitrepRow, SITREP_COLUMNS } from '../import/sitrep-csv.ts';

export type ExportFilter = Pick<TimelineFilter, 'from' | 'to' | 'location' | 'category' | 'actor'>;

const PAGE = 1000;

/** The matching events, newest first. */
export async function* exportedEvents(
  services: Services,
  filter: ExportFilter,
  includeRetracted: boolean,
): AsyncGenerator<Event> {
  const { query } = buildQuery(services, filter);
  query.includeRetracted = includeRetracted;
  let after: EventKey | undefined;
  do {
    const page = await services.store.listEvents(query, { limit: PAGE, after });
    for (const stored of page.events) yield stored.event;
    after = page.nextKey;
  } while (after);
}

export function checkExportFormat(format: string | undefined): ImportFormat {
  if (format && (IMPORT_FORMATS as readonly string[]).includes(format)) return format as ImportFormat;
  throw format
    ? new UserError('unknown-format', { format, formats: IMPORT_FORMATS.join(', ') })
    : new UserError('format-missing', { formats: IMPORT_FORMATS.join('|') });
}

export async function exportEvents(
  services: Services,
  format: ImportFormat,
  filter: ExportFilter,
): Promise<{ text: string; count: number }> {
  const events: Event[] = [];
  for await (const event of exportedEvents(services, filter, format !== 'acled')) events.push(event);
  if (format === 'json') {
    const text = `${JSON.stringify({ format: 'sitrep-events', version: 1, events }, null, 2)}\n`;
    return { text, count: events.length };
  }
  const columns = format === 'csv' ? [...SITREP_COLUMNS] : [...ACLED_COLUMNS_OUT];
  const rows = events.map((e) => (format === 'csv' ? eventToSitrepRow(e) : acledRowOf(e, services)));
  return { text: stringify(rows, { header: true, columns }), count: events.length };
}
