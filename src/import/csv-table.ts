/**
 * A CSV file as a header and rows with the line each row starts on (RFC 4180: fields quoted
 * with ", a quote doubled inside them, records ended by LF or CRLF). A row with the wrong number
 * of fields is kept as a bad row (often the last line of a truncated file); a quote left open or
 * a stray quote is a file error that names its line.
 *
 * Written out rather than taken from csv-parse: one pass that tracks the line each record
 * starts on costs about a tenth of csv-parse's time per row, and import reads files of
 * hundreds of thousands of rows. Cross-checked against csv-parse in tests/import/csv-table.test.ts.
 */
import { ImportFileError } from './read-text.ts';

export interface CsvRow {
  /** The line the row starts on (1-based). */
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

interface RawRecord {
  line: number;
  fields: string[];
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/** Every record of `text` with the line it starts on; throws ImportFileError on a quoting error. */
export function readCsvRecords(text: string, name: string): RawRecord[] {
  const records: RawRecord[] = [];
  const end = text.length;
  const bad = (line: number, why: string) => new ImportFileError(`${name} is not valid CSV: ${why} (line ${line}).`);
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < end) {
    const startLine = line;
    const fields: string[] = [];
    // One field per turn; `i` is at the field's first character.
    for (;;) {
      if (text.charCodeAt(i) === QUOTE) {
        let value = '';
        let from = i + 1;
        for (;;) {
          const close = text.indexOf('"', from);
          if (close < 0) throw bad(startLine, 'a quote is never closed: is the file truncated?');
          value += text.slice(from, close);
          if (text.charCodeAt(close + 1) === QUOTE) {
            value += '"';
            from = close + 2;
            continue;
          }
          i = close + 1;
          break;
        }
        for (let nl = value.indexOf('\n'); nl >= 0; nl = value.indexOf('\n', nl + 1)) line++;
        fields.push(value);
        const next = text.charCodeAt(i);
        if (i < end && next !== COMMA && next !== LF && next !== CR) {
          throw bad(line, `a closing quote is followed by "${text[i]}" instead of a comma or the end of the line`);
        }
      } else {
        const from = i;
        let c = text.charCodeAt(i);
        while (i < end && c !== COMMA && c !== LF && c !== CR) {
          if (c === QUOTE) throw bad(line, `a quote inside an unquoted field (field ${fields.length + 1})`);
          c = text.charCodeAt(++i);
        }
        fields.push(text.slice(from, i));
      }
      if (i >= end) break;
      const c = text.charCodeAt(i);
      i++;
      if (c === COMMA) continue;
      if (c === CR && text.charCodeAt(i) === LF) i++;
      line++;
      break;
    }
    // A blank line (or one of blanks only) is not a record.
    if (fields.length === 1 && (fields[0] as string).trim() === '') continue;
    records.push({ line: startLine, fields });
  }
  return records;
}

export function readCsv(text: string, name: string): CsvTable {
  const records = readCsvRecords(text, name);
  const first = records[0];
  if (!first) throw new ImportFileError(`${name} is empty: expected a header line and rows.`);
  const header = first.fields.map((h) => h.trim());
  const rows: CsvRow[] = [];
  for (let r = 1; r < records.length; r++) {
    const { line, fields } = records[r] as RawRecord;
    const cells: Record<string, string> = {};
    const n = Math.min(fields.length, header.length);
    for (let c = 0; c < n; c++) cells[header[c] as string] = fields[c] as string;
    const problem =
      fields.length === header.length
        ? undefined
        : fields.length < header.length
          ? `has ${fields.length} fields, expected ${header.length} (a cut-off line: is the file truncated?)`
          : `has ${fields.length} fields, expected ${header.length} (an unquoted comma?)`;
    rows.push({ line, cells, problem });
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
