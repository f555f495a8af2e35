/**
 * Import rows as an ACLED export could carry them, damaged in any field: an import ends in a
 * report (bad lines listed, the rest written) or a clear rejection that writes nothing, never
 * another exception.
 */
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ACLED_COLUMNS } from '../../src/import/acled.ts';
import { ImportFileError } from '../../src/import/read-text.ts';
import { ImportRejected, importText } from '../../src/import/run-import.ts';
import { acledRecords } from '../support/acled-file.ts';
import { createTestApp } from '../support/services.ts';
import { FUZZ_NOW, fuzzed, junk, RUNS } from './fuzz-support.ts';

const app = await createTestApp();
afterAll(async () => await app.close());
const { services } = app;
const base = acledRecords({ rows: 12, seed: 5 });

const damage = fc.record({
  row: fc.nat(base.length - 1),
  column: fc.constantFrom(...ACLED_COLUMNS),
  value: fc.oneof(
    junk.map(String),
    fc.constantFrom('', '31 February 2025', '2025-13-01', '-91', '181', 'NaN', '1e400', '\u0000', '"', '\n'),
  ),
});

describe('fuzz: ACLED import rows', () => {
  it('damaged rows are reported or rejected, never thrown as something else', async () => {
    let written = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(damage, { maxLength: 6 }),
        fc.boolean(),
        fc.boolean(),
        async (damages, skipInvalid, dryRun) => {
          const records = base.map((r) => ({ ...r }));
          for (const d of damages) (records[d.row] as Record<string, string>)[d.column] = d.value;
          const text = stringify(records, { header: true, columns: [...ACLED_COLUMNS] });
          const before = await services.store.countEvents({ includeRetracted: true });
          try {
            const report = await importText(services, text, 'fuzz.csv', {
              author: 'fuzz',
              now: FUZZ_NOW,
              skipInvalid,
              dryRun,
            });
            expect(report.records).toBe(records.length);
            expect(report.created + report.updated + report.unchanged + report.invalid.length).toBe(records.length);
            for (const bad of report.invalid) expect(bad.reason.length).toBeGreaterThan(5);
            if (report.written && !dryRun) written += 1;
            if (dryRun) expect(await services.store.countEvents({ includeRetracted: true })).toBe(before);
          } catch (err) {
            if (!(err instanceof ImportRejected || err instanceof ImportFileError)) throw err;
            expect(err.message.length).toBeGreaterThan(10);
            expect(await services.store.countEvents({ includeRetracted: true })).toBe(before);
          }
        },
      ),
      fuzzed(RUNS),
    );
    expect(written).toBeGreaterThan(0);
  });
});
