/**
 * `sitrep import`: reads a file, checks every record, and writes all of them in one
 * transaction, or none. A bad record stops the import (all bad records are reported with their
 * lines) unless `skipInvalid`; a process killed midway leaves the store as it was. Identical
 * records change nothing; a changed record becomes a new revision; a record the file still
 * gives as it was last imported does not undo a change made in Sitrep since.
 */
import { basename, extname } from 'node:path';
import type { Event } from '../core/schemas.ts';
import type { Services } from '../core/services.ts';
import type { Store } from '../core/store-port.ts';
import { toUtcIso } from '../core/time.ts';
import { canonicalJson } from '../store/canonical-json.ts';
import { createAcledMapper, parseAcledCsv } from './acled.ts';
import { acledRowOf } from './acled-row.ts';
import { readCsv } from './csv-table.ts';
import { ImportFileError } from './read-text.ts';
import { IMPORT_FORMATS, type ImportFormat, type RowResult, type UnknownPlace } from './rows.ts';
import { parseSitrepCsv } from './sitrep-csv.ts';
import { parseSitrepJson } from './sitrep-json.ts';

/**
 * New events written per set-based store write. Large: each write's cost grows with the pages
 * the transaction has already changed (100k rows: batches of 1,000 spend 8-10 s on index rows,
 * batches of 20,000 or more about 4 s), and the rows are in memory anyway.
 */
const WRITE_BATCH = 50_000;
export interface ImportOptions {
  /** Given by --format; otherwise from the file's extension and header. */
  format?: string | undefined;
  skipInvalid?: boolean | undefined;
  dryRun?: boolean | undefined;
  /** Who the revisions name, e.g. "import:acled-2025.csv". */
  author: string;
  now: Date;
  /** Called as records are written (inside the transaction), with how many of `total` are done. */
  onProgress?: ((written: number, total: number) => void) | undefined;
  /** Filled with the milliseconds each stage took, for benchmarks and --verbose output. */
  stages?: ImportStages | undefined;
}

/** Milliseconds spent reading (parsing and mapping rows), checking them, and writing (commit included). */
export interface ImportStages {
  read: number;
  check: number;
  write: number;
}

export interface BadRow {
  line: number;
  reason: string;
}

export interface ImportReport {
  format: ImportFormat;
  records: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Records that say what an earlier import wrote, of events changed in Sitrep since: left as they are. */
  keptChanges: number;
  /** Bad records left out (with skipInvalid), or that stopped the import. */
  invalid: BadRow[];
  /** Places not in the gazetteer, kept with their words and coordinates: name → lines. */
  unknownPlaces: Array<UnknownPlace & { lines: number[] }>;
  dryRun: boolean;
  /** False when bad records stopped the import: nothing was written. */
  written: boolean;
}

/** Bad records stopped the import; the report lists them. Nothing was written. */
export class ImportRejected extends Error {
  override readonly name = 'ImportRejected';
  constructor(readonly report: ImportReport) {
    super(`${report.invalid.length} of ${report.records} record(s) are invalid; nothing was imported.`);
  }
}

class DryRunRollback extends Error {}

export function detectFormat(text: string, fileName: string, given?: string): ImportFormat {
  if (given !== undefined) {
    if ((IMPORT_FORMATS as readonly string[]).includes(given)) return given as ImportFormat;
    throw new ImportFileError(`Unknown format "${given}". Formats: ${IMPORT_FORMATS.join(', ')}.`);
  }
  const ext = extname(fileName).toLowerCase();
  const head = text.trimStart();
  if (ext === '.json' || (ext !== '.csv' && (head.startsWith('[') || head.startsWith('{')))) return 'json';
  if (ext !== '.csv' && ext !== '.txt' && ext !== '') {
    throw new ImportFileError(
      `Cannot tell the format of ${fileName} from its extension "${ext}". Give --format ${IMPORT_FORMATS.join('|')}.`,
    );
  }
  const firstLine = head.split(/\r?\n/, 1)[0] ?? '';
  const header = readCsv(`${firstLine}\n`, fileName).header;
  if (header.includes('event_id_cnty')) return 'acled';
  if (header.includes('occurred_at') && header.includes('id')) return 'csv';
  throw new ImportFileError(
    `${fileName}: the header matches neither ACLED's columns (event_id_cnty, event_date, ...) nor Sitrep's (id, occurred_at, ...). First columns: ${header.slice(0, 6).join(', ')}.`,
  );
}

function parseRows(services: Services, format: ImportFormat, text: string, name: string): RowResult[] {
  if (format === 'json') return parseSitrepJson(text, name);
  if (format === 'csv') return parseSitrepCsv(text, name);
  return parseAcledCsv(text, name, services);
}

/** Records naming a place, actor or claim place the gazetteer or actor list does not know. */
function checkReferences(services: Services, event: Event): string | undefined {
  const { gazetteer, actors } = services;
  if (event.place.placeId && !gazetteer.get(event.place.placeId))
    return `place ${event.place.placeId}: not in the gazetteer`;
  const claim = event.claims.find((c) => c.placeId && !gazetteer.get(c.placeId));
  if (claim) return `claim place ${claim.placeId}: not in the gazetteer`;
  const actor = event.actors.find((a) => !actors.has(a));
  if (actor) return `actor ${actor}: unknown (known: ${[...actors.keys()].join(', ')})`;
  return undefined;
}

export async function importText(
  services: Services,
  text: string,
  fileName: string,
  options: ImportOptions,
): Promise<ImportReport> {
  const started = performance.now();
  const format = detectFormat(text, fileName, options.format);
  const name = basename(fileName);
  const rows = parseRows(services, format, text, name);
  if (rows.length === 0) throw new ImportFileError(`${name} has no records.`);
  const read = performance.now();
  if (options.stages) options.stages.read = read - started;

  const invalid: BadRow[] = [];
  const good: Array<Extract<RowResult, { ok: true }>> = [];
  const firstLineOf = new Map<string, number>();
  for (const row of rows) {
    if (!row.ok) {
      invalid.push({ line: row.line, reason: row.reason });
      continue;
    }
    const problem = format === 'acled' ? undefined : checkReferences(services, row.event);
    const earlier = firstLineOf.get(row.event.id);
    if (problem) invalid.push({ line: row.line, reason: problem });
    else if (earlier !== undefined)
      invalid.push({ line: row.line, reason: `id ${row.event.id} is also on line ${earlier}` });
    else {
      firstLineOf.set(row.event.id, row.line);
      good.push(row);
    }
  }

  const places = new Map<string, UnknownPlace & { lines: number[] }>();
  for (const row of good) {
    if (!row.unknownPlace) continue;
    const entry = places.get(row.unknownPlace.text) ?? { ...row.unknownPlace, lines: [] };
    entry.lines.push(row.line);
    places.set(row.unknownPlace.text, entry);
  }
  const report: ImportReport = {
    format,
    records: rows.length,
    created: 0,
    updated: 0,
    unchanged: 0,
    keptChanges: 0,
    invalid,
    unknownPlaces: [...places.values()],
    dryRun: options.dryRun === true,
    written: false,
  };
  if (invalid.length > 0 && !options.skipInvalid) throw new ImportRejected(report);
  const checked = performance.now();
  if (options.stages) options.stages.check = checked - read;

  const { store } = services;
  const meta = { author: options.author, reason: `imported from ${name} (${format})`, at: toUtcIso(options.now) };
  // An ACLED row that says nothing new about a stored event (an export of it, read back) leaves it alone.
  const mapAcled = format === 'acled' ? createAcledMapper(services) : undefined;
  const sameAsStored = (event: Event, stored: Event): boolean => {
    if (!mapAcled) return false;
    const back = mapAcled({ line: 0, cells: acledRowOf(stored, services) });
    return back.ok && canonicalJson(back.event) === canonicalJson(event);
  };
  // The record as an import last wrote it: when the row still says that, a later change made in
  // Sitrep (an edit, a dispute, a retraction) is newer than the file and is kept.
  const lastImported = async (tx: Store, id: string): Promise<string | undefined> => {
    const revision = (await tx.history(id)).filter((r) => r.author.startsWith('import:')).at(-1);
    return revision ? canonicalJson(revision.event) : undefined;
  };
  try {
    await store.transaction(async (tx) => {
      // Rows the store has no version of are written in batches: one set-based write per batch
      // instead of one per row. Rows that change a stored event go one by one, checked above.
      let batch: Event[] = [];
      const count = (result: { revision: number; changed: boolean }) => {
        if (!result.changed) report.unchanged++;
        else if (result.revision === 1) report.created++;
        else report.updated++;
      };
      const flush = async (done: number) => {
        if (batch.length > 0) for (const result of await tx.putEvents(batch, meta)) count(result);
        batch = [];
        options.onProgress?.(done, good.length);
      };
      for (const [i, row] of good.entries()) {
        const stored = await tx.getEvent(row.event.id);
        if (!stored) {
          batch.push(row.event);
          if (batch.length >= WRITE_BATCH) await flush(i + 1);
          continue;
        }
        if (canonicalJson(stored.event) === canonicalJson(row.event)) report.unchanged++;
        else if ((await lastImported(tx, stored.event.id)) === canonicalJson(row.event)) report.keptChanges++;
        else if (sameAsStored(row.event, stored.event)) report.unchanged++;
        else count(await tx.putEvent(row.event, meta));
        if (batch.length === 0) options.onProgress?.(i + 1, good.length);
      }
      await flush(good.length);
      if (options.dryRun) throw new DryRunRollback();
    });
    report.written = true;
  } catch (err) {
    if (!(err instanceof DryRunRollback)) throw err;
  }
  if (options.stages) options.stages.write = performance.now() - checked;
  return report;
}

/** The report as lines for a terminal. */
export function formatImportReport(report: ImportReport, fileName: string): string[] {
  const lines: string[] = [];
  const verb = report.dryRun ? 'would import' : 'imported';
  if (report.written || report.dryRun) {
    lines.push(
      `${fileName} (${report.format}): ${report.records} record(s); ${verb} ${report.created} new, ${report.updated} updated; ${report.unchanged} unchanged.${report.dryRun ? ' Dry run: nothing was written.' : ''}`,
    );
    if (report.keptChanges > 0)
      lines.push(
        `${report.keptChanges} event(s) were changed in Sitrep since they were imported and are left as they are.`,
      );
    if (report.invalid.length > 0) lines.push(`Skipped ${report.invalid.length} invalid record(s):`);
  } else {
    lines.push(
      `${fileName}: ${report.invalid.length} of ${report.records} record(s) are invalid; nothing was imported. Fix them, or give --skip-invalid to import the others.`,
    );
  }
  for (const bad of report.invalid.slice(0, 200)) lines.push(`  line ${bad.line}: ${bad.reason}`);
  if (report.invalid.length > 200) lines.push(`  ... and ${report.invalid.length - 200} more`);
  if (report.unknownPlaces.length > 0) {
    lines.push(`${report.unknownPlaces.length} place(s) not in the gazetteer, kept with their words and coordinates:`);
    for (const p of report.unknownPlaces.slice(0, 50)) {
      const at = p.lat !== undefined && p.lon !== undefined ? ` (${p.lat}, ${p.lon})` : '';
      const more = p.lines.length > 5 ? `, ... (${p.lines.length} rows)` : '';
      lines.push(`  "${p.text}"${at}: line ${p.lines.slice(0, 5).join(', ')}${more}`);
    }
  }
  return lines;
}
