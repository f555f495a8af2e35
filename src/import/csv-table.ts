/**
 * A CSV file as a header and rows with their line numbers (csv-parse does the quoting). A row
 * with the wrong number of fields is kept as a bad row (often the last line of a truncated
 * file); a quote left open is a file error.
 */
import { parse } from 'csv-parse/sync';
import { ImportFileError } from './read-text.ts';

export interface CsvRow {
  line: number;
  /** Cells by column name; absent when the row is short. */
  cells: Record<string, string>;
  /** Why the row cannot be read, when it has the wrong number of fields. */
  problem?: string | undefined;
}

export interface CsvTable {
  header: string[];
  rows: CsvRow[];
}

export function readCsv(text: string, name: string): CsvTable {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, {
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      bom: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (err) {
    const e = err as Error & { code?: string; lines?: number };
    const truncated = e.code === 'CSV_QUOTE_NOT_CLOSED' ? ' (a quote is never closed: is the file truncated?)' : '';
    throw new ImportFileError(`${name} is not valid CSV${truncated}: ${e.message}`);
  }
  const first = records[0];
  if (!first) throw new ImportFileError(`${name} is empty: expected a header line and rows.`);
  const header = first.record.map((h) => h.trim());
  const rows: CsvRow[] = [];
  // Rows separated by a file's last newline or blank fields at the end of a line are not records.
  for (const { record, info } of records.slice(1)) {
    if (record.length === 1 && record[0]?.trim() === '') continue;
    const cells: Record<string, string> = {};
    header.forEach((column, i) => {
      const value = record[i];
      if (value !== undefined) cells[column] = value;
    });
    const problem =
      record.length === header.length
        ? undefined
        : record.length < header.length
          ? `has ${record.length} fields, expected ${header.length} (a cut-off line: is the file truncated?)`
          : `has ${record.length} fields, expected ${header.length} (an unquoted comma?)`;
    rows.push({ line: info.lines, cells, problem });
  }
  return { header, rows };
}

/** Fails with the missing columns' names when a required column is not in the header. */
export function requireColumns(table: CsvTable, required: readonly string[], name: string, what: string): void {
  const missing = required.filter((c) => !table.header.includes(c));
  if (missing.length > 0) {
    throw new ImportFileError(
      `${name} is missing the ${what} column(s) ${missing.join(', ')}. Expected columns: ${required.join(', ')}.`,
    );
  }
}
