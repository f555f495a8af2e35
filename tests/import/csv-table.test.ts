/** The CSV reader: the same records as csv-parse, the line each row starts on, and quoting errors by line. */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsv, readCsvRecords } from '../../src/import/csv-table.ts';
import { ImportFileError } from '../../src/import/read-text.ts';

const cellText = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('', ' ', 'a,b', 'say "hi"', 'two\nlines', 'crlf\r\ninside', '"', '""', 'é ü ✓'),
);

describe('readCsvRecords', () => {
  it('reads what csv-stringify writes exactly as csv-parse does (LF and CRLF)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cellText, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 8 }),
        fc.constantFrom('\n', '\r\n'),
        (rows, eol) => {
          const text = stringify(rows, {
            record_delimiter: eol === '\n' ? 'unix' : 'windows',
            // A line break in a field is always quoted (csv-stringify leaves a bare LF unquoted in a CRLF file).
            quoted_match: /[\r\n]/,
          });
          const ours = readCsvRecords(text, 'f.csv').map((r) => r.fields);
          const theirs = (
            parse(text, { relax_column_count: true, skip_empty_lines: true, record_delimiter: eol }) as string[][]
          ).filter((r) => !(r.length === 1 && r[0]?.trim() === ''));
          expect(ours).toEqual(theirs);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('gives each row the line it starts on, across quoted line breaks and blank lines', () => {
    const text = '\uFEFFa,b\n1,"x\ny\nz"\n\n2,3\r\n"4",""\n5,6';
    expect(readCsvRecords(text, 'f.csv')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', 'x\ny\nz'] },
      { line: 6, fields: ['2', '3'] },
      { line: 7, fields: ['4', ''] },
      { line: 8, fields: ['5', '6'] },
    ]);
  });

  it('refuses broken quoting with the line where it is', () => {
    const error = (text: string) => {
      try {
        readCsvRecords(text, 'f.csv');
      } catch (err) {
        expect(err).toBeInstanceOf(ImportFileError);
        return (err as Error).message;
      }
      throw new Error('not refused');
    };
    expect(error('a,b\n1,2\n3,"never closed\n')).toBe(
      'f.csv is not valid CSV: a quote is never closed: is the file truncated? (line 3).',
    );
    expect(error('a,b\n1,x"y\n')).toBe('f.csv is not valid CSV: a quote inside an unquoted field (field 2) (line 2).');
    expect(error('a,b\n"1"x,2\n')).toBe(
      'f.csv is not valid CSV: a closing quote is followed by "x" instead of a comma or the end of the line (line 2).',
    );
  });
});

describe('readCsv', () => {
  it('names short and long rows, and keeps the cells it has', () => {
    const table = readCsv(' a ,b,c\n1,2,3\n4,5\n6,7,8,9\n', 'f.csv');
    expect(table.header).toEqual(['a', 'b', 'c']);
    expect(table.rows).toEqual([
      { line: 2, cells: { a: '1', b: '2', c: '3' }, problem: undefined },
      {
        line: 3,
        cells: { a: '4', b: '5' },
        problem: 'has 2 fields, expected 3 (a cut-off line: is the file truncated?)',
      },
      { line: 4, cells: { a: '6', b: '7', c: '8' }, problem: 'has 4 fields, expected 3 (an unquoted comma?)' },
    ]);
  });

  it('an empty file is refused', () => {
    expect(() => readCsv('\n\n', 'f.csv')).toThrow('f.csv is empty: expected a header line and rows.');
  });
});
