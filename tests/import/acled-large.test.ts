/**
 * A large ACLED file: it imports, re-imports as a no-op, round-trips through export; a bad row in
 * the middle stops it all; a process killed in the middle leaves the store as it was. 2,000 rows
 * in the suite; `npm run bench` runs it at SITREP_TEST_SCALE times that (tests/support/test-scale.ts).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Services } from '../../src/core/services.ts';
import { exportEvents } from '../../src/export/export.ts';
import { ImportRejected, importText } from '../../src/import/run-import.ts';
import { acledCsv } from '../support/acled-file.ts';
import { createTestApp, TEST_NOW } from '../support/services.ts';
import { TEST_SCALE } from '../support/test-scale.ts';

const ROWS = 2000 * TEST_SCALE;
const options = { author: 'import:acled', now: TEST_NOW };
const snapshot = async (s: Services) => ({
  events: await s.store.countEvents({ includeRetracted: true }),
  revisions: await s.store.countRevisionsBetween('1970-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z'),
});
const acledEvents = async (s: Services) =>
  (await exportEvents(s, 'json', {})).text.split('\n').filter((l) => l.includes('"id": "acled-')).length;

describe(`an ACLED file of ${ROWS} rows`, () => {
  const text = acledCsv({ rows: ROWS, seed: 2025 });

  it('imports, re-imports as a no-op, and round-trips through export', async () => {
    const app = await createTestApp();
    const s = app.services;
    const seeded = await snapshot(s);
    const first = await importText(s, text, 'acled.csv', options);
    expect(first).toMatchObject({ records: ROWS, created: ROWS, updated: 0, unchanged: 0, invalid: [] });
    expect(first.unknownPlaces.length).toBeGreaterThan(0);
    const imported = await snapshot(s);
    expect(imported.events).toBe(seeded.events + ROWS);

    expect(await importText(s, text, 'acled.csv', options)).toMatchObject({ created: 0, updated: 0, unchanged: ROWS });
    expect(await snapshot(s)).toEqual(imported);

    const current = imported;

    const exported = await exportEvents(s, 'acled', {});
    expect(exported.count).toBe(current.events);
    // Read back into the same store: nothing changes, the seed events included.
    expect(await importText(s, exported.text, 'export.csv', options)).toMatchObject({ created: 0, updated: 0 });
    expect(await snapshot(s)).toEqual(current);
    // Into a fresh store: the same events.
    const fresh = await createTestApp();
    expect(await importText(fresh.services, exported.text, 'export.csv', options)).toMatchObject({
      created: ROWS,
      updated: 0,
    });
    expect((await exportEvents(fresh.services, 'json', {})).text).toBe((await exportEvents(s, 'json', {})).text);
    await fresh.close();
    await app.close();
  });

  it('one bad row in the middle: nothing is imported and that row is named', async () => {
    const app = await createTestApp();
    const before = await snapshot(app.services);
    const bad = acledCsv({ rows: ROWS, seed: 2025, badRow: ROWS / 2 });
    const line = bad.split('\n').findIndex((l) => l.startsWith(`HTI${10000 + ROWS / 2},`)) + 1;
    let report: ImportRejected['report'] | undefined;
    try {
      await importText(app.services, bad, 'bad.csv', options);
    } catch (err) {
      if (!(err instanceof ImportRejected)) throw err;
      report = err.report;
    }
    expect(report?.invalid).toEqual([
      { line, reason: 'column event_date: "31 February 2025" is not a date like 25 March 2025 or 2025-03-25' },
    ]);
    expect(await snapshot(app.services)).toEqual(before);
    await app.close();
  });

  it('a process killed in the middle of the import leaves the store as it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-import-'));
    const db = join(dir, 'sitrep.db');
    const file = join(dir, 'acled.csv');
    // The runner stops inside the transaction halfway through (tests/support/import-runner.ts),
    // so the kill always lands there, whatever the size.
    const rows = ROWS / 2;
    const large = acledCsv({ rows, seed: 2026 });
    writeFileSync(file, large);
    const setup = await createTestApp(db);
    const before = await snapshot(setup.services);
    await setup.close();

    const runner = new URL('../support/import-runner.ts', import.meta.url).pathname;
    const child = spawn(process.execPath, ['--import', 'tsx', runner, db, file, String(rows / 2)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const seen = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('paused')) resolve(out);
      });
      child.on('exit', (code) => reject(new Error(`the import ended before it was killed (exit ${code}): ${out}`)));
    });
    expect(seen).toContain('paused');
    const exited = new Promise((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const after = await createTestApp(db);
    expect(await snapshot(after.services)).toEqual(before);
    expect(await acledEvents(after.services)).toBe(0);
    // The same file imports whole once nothing interrupts it.
    expect((await importText(after.services, large, 'acled.csv', options)).created).toBe(rows);
    await after.close();
  });
});
