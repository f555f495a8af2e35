/** Export: the same filters as /timeline; export then import gives the same store; the CLI as a process. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { createReport, disputeEvent, retractEvent } from '../../src/core/editing.ts';
import type { Services } from '../../src/core/services.ts';
import { timeline } from '../../src/core/timeline.ts';
import { exportEvents } from '../../src/export/export.ts';
import { importText } from '../../src/import/run-import.ts';
import { createTestServices, TEST_NOW } from '../support/services.ts';

const by = { author: 'discord:7', now: TEST_NOW };
const options = { author: 'import:test', now: TEST_NOW };

/** The seed plus a report, a disputed event and a retracted one: every kind of record. */
async function changedStore(): Promise<Services> {
  const s = await createTestServices();
  const report = await createReport(
    s,
    {
      when: '2025-03-31 08:15',
      place: 'Kenscoff',
      category: 'clash',
      casualties: 'police injured about 4; gang killed unknown',
      summary: 'Clash, with "quotes", commas\nand a line break.',
      source: 'AlterPresse https://www.alterpresse.org/1',
    },
    by,
  );
  if (!report.ok) throw new Error('report failed');
  await disputeEvent(s, report.stored.event.id, { field: 'casualties', value: 'no injuries', source: 'HNP' }, by);
  await retractEvent(s, '2025-03-30-search-continues', 'duplicate', by);
  return s;
}

describe('export', () => {
  it.each(['json', 'csv'] as const)(
    '%s: importing the export into a fresh store gives the same store',
    async (format) => {
      const a = await changedStore();
      const exported = await exportEvents(a, format, {});
      expect(exported.count).toBe(await a.store.countEvents({ includeRetracted: true }));
      const b = await createTestServices();
      const report = await importText(b, exported.text, `export.${format}`, options);
      expect(report.invalid).toEqual([]);
      expect(report.created + report.updated).toBeGreaterThan(0);
      expect((await exportEvents(b, 'json', {})).text).toBe((await exportEvents(a, 'json', {})).text);
      expect(await importText(b, exported.text, `export.${format}`, options)).toMatchObject({ created: 0, updated: 0 });
    },
  );

  it('takes the filters of /timeline', async () => {
    const s = await changedStore();
    const filter = { location: 'Artibonite', from: '2025-03-01', to: '2025-03-31' };
    const exported = JSON.parse((await exportEvents(s, 'json', filter)).text) as { events: Array<{ id: string }> };
    const listed = (await timeline(s, { ...filter, limit: 25 }, TEST_NOW)).sections
      .flatMap((x) => x.items ?? [])
      .map((i) => i.id);
    expect(exported.events.map((e) => e.id)).toEqual(listed);
    expect(listed.length).toBeGreaterThan(0);
    await expect(exportEvents(s, 'json', { location: 'Atlantis' })).rejects.toThrow(/Unknown place "Atlantis"/);
  });

  it('acled: the columns ACLED has, retracted events left out', async () => {
    const s = await changedStore();
    const rows = parse((await exportEvents(s, 'acled', { location: 'Pont-Sondé' })).text, { columns: true }) as Array<
      Record<string, string>
    >;
    const ambush = rows.find((r) => r.event_id_cnty === '2025-03-25-pont-sonde-ambush');
    expect(ambush).toMatchObject({ event_date: '2025-03-25', country: 'Haiti', admin1: 'Artibonite' });
    expect(ambush?.source).toContain(';');
    const all = parse((await exportEvents(s, 'acled', {})).text, { columns: true }) as Array<Record<string, string>>;
    expect(all.map((r) => r.event_id_cnty)).not.toContain('2025-03-30-search-continues');
  });
});

const run = promisify(execFile);
const bin = new URL('../../bin/sitrep.js', import.meta.url).pathname;

describe('sitrep import and export as processes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-export-'));
  const env = { PATH: process.env.PATH, SITREP_DB_PATH: join(dir, 'sitrep.db'), LOG_LEVEL: 'silent' };
  const sitrep = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await run(process.execPath, [bin, ...args], { env });
      return { code: 0, stdout, stderr };
    } catch (err) {
      return err as { code: number; stdout: string; stderr: string };
    }
  };

  it('export --out writes a file that imports as a no-op; a bad file exits 2 naming the line', async () => {
    const out = join(dir, 'artibonite.csv');
    const exported = await sitrep('export', '--format', 'csv', '--location', 'Artibonite', '--out', out);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toMatch(/^Wrote \d+ events? to .*artibonite\.csv \(csv\)\./);
    expect(readFileSync(out, 'utf8')).toMatch(/^id,occurred_at,/);
    const again = await sitrep('import', out, '--dry-run');
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/would import 0 new, 0 updated; \d+ unchanged\. Dry run: nothing was written\./);

    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '[\n  {"id": "x"}\n]\n');
    const refused = await sitrep('import', bad);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /bad\.json: 1 of 1 record\(s\) are invalid; nothing was imported\.[\s\S]*line 2: field /,
    );
  });
});
