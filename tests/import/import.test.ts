/** Import of small files: each format, each kind of bad input, and what a row maps to. */
import { stringify } from 'csv-stringify/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { retractEvent } from '../../src/core/editing.ts';
import type { Services } from '../../src/core/services.ts';
import { ACLED_COLUMNS } from '../../src/import/acled.ts';
import { decodeUtf8, ImportFileError } from '../../src/import/read-text.ts';
import { formatImportReport, ImportRejected, type ImportReport, importText } from '../../src/import/run-import.ts';
import { acledRecords } from '../support/acled-file.ts';
import { makeEvent } from '../support/events.ts';
import { createTestServices, TEST_NOW } from '../support/services.ts';

const options = { author: 'import:test', now: TEST_NOW };
const snapshot = async (s: Services) => ({
  events: await s.store.countEvents({ includeRetracted: true }),
  revisions: await s.store.countRevisionsBetween('1970-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z'),
});

async function rejected(fn: () => Promise<unknown>): Promise<ImportReport> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof ImportRejected) return err.report;
    throw err;
  }
  throw new Error('the import was not rejected');
}

const acledRow = (overrides: Record<string, string> = {}) => ({
  event_id_cnty: 'HTI4242',
  event_date: '25 March 2025',
  time_precision: '1',
  event_type: 'Violence against civilians',
  sub_event_type: 'Abduction/forced disappearance',
  actor1: 'Unidentified Gang (Haiti)',
  actor2: 'Civilians (Haiti)',
  admin1: 'Ouest',
  admin2: '',
  admin3: 'Kenscoff',
  location: 'Kenscoff',
  latitude: '18.45',
  longitude: '-72.28',
  geo_precision: '1',
  source: 'Le Nouvelliste; AlterPresse',
  notes: 'Gang members abducted two people on the road, residents said.',
  fatalities: '0',
  timestamp: '1742947200',
  ...overrides,
});
const acled = (rows: Array<Record<string, string>>) => stringify(rows, { header: true, columns: [...ACLED_COLUMNS] });

describe('ACLED rows', () => {
  it('map to events: category, actors, place, sources, both date formats', async () => {
    const s = await createTestServices();
    const text = acled([acledRow(), acledRow({ event_id_cnty: 'HTI4243', event_date: '2025-03-26', fatalities: '3' })]);
    const report = await importText(s, text, 'acled.csv', options);
    expect(report).toMatchObject({ format: 'acled', records: 2, created: 2, updated: 0, unchanged: 0 });
    const event = (await s.store.getEvent('acled-hti4242'))?.event;
    expect(event).toMatchObject({
      occurredAt: '2025-03-25',
      timePrecision: 'day',
      reportedAt: '2025-03-26T00:00:00.000Z',
      category: 'kidnapping',
      subCategory: 'Abduction/forced disappearance',
      actors: ['gangs', 'civilians'],
      place: { placeId: 'kenscoff', text: 'Kenscoff', lat: 18.45, lon: -72.28, geoPrecision: 'locality' },
      sources: [{ publisher: 'Le Nouvelliste' }, { publisher: 'AlterPresse' }],
      confidence: 'reported',
      casualties: [],
    });
    expect((await s.store.getEvent('acled-hti4243'))?.event).toMatchObject({
      occurredAt: '2025-03-26',
      casualties: [{ group: 'other', kind: 'killed', count: 3, qualifier: 'exact' }],
    });
    expect((await s.store.history('acled-hti4242'))[0]).toMatchObject({ author: 'import:test' });
  });

  it('keeps an unknown place with its words and coordinates, and reports it', async () => {
    const s = await createTestServices();
    const text = acled([
      acledRow({ location: 'Morne Nowhere', admin3: '', admin1: '', latitude: '20.6', longitude: '-73.9' }),
    ]);
    const report = await importText(s, text, 'acled.csv', options);
    expect(report.unknownPlaces).toEqual([{ text: 'Morne Nowhere', lat: 20.6, lon: -73.9, lines: [2] }]);
    expect((await s.store.getEvent('acled-hti4242'))?.event.place).toEqual({
      text: 'Morne Nowhere',
      lat: 20.6,
      lon: -73.9,
      geoPrecision: 'locality',
    });
  });

  it('an unnamed place near a gazetteer place is taken for it', async () => {
    const s = await createTestServices();
    const kenscoff = s.gazetteer.get('kenscoff');
    if (!kenscoff) throw new Error('no Kenscoff in the gazetteer');
    const near = {
      location: 'Lakou X',
      admin3: '',
      admin1: '',
      latitude: String(kenscoff.lat + 0.005),
      longitude: String(kenscoff.lon),
    };
    await importText(s, acled([acledRow(near)]), 'acled.csv', options);
    expect((await s.store.getEvent('acled-hti4242'))?.event.place.placeId).toBe('kenscoff');
  });

  it('re-importing changes nothing; a changed row becomes a new revision', async () => {
    const s = await createTestServices();
    await importText(s, acled([acledRow()]), 'a.csv', options);
    const before = await snapshot(s);
    expect(await importText(s, acled([acledRow()]), 'a.csv', options)).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 1,
    });
    expect(await snapshot(s)).toEqual(before);
    const changed = await importText(s, acled([acledRow({ fatalities: '1' })]), 'a.csv', options);
    expect(changed).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    expect((await s.store.history('acled-hti4242')).map((r) => r.revision)).toEqual([1, 2]);
  });

  it('re-importing does not undo a change made in Sitrep since; a row changed upstream still lands', async () => {
    const s = await createTestServices();
    await importText(s, acled([acledRow()]), 'a.csv', options);
    const later = { author: 'discord:9', now: new Date(TEST_NOW.getTime() + 60_000) };
    await retractEvent(s, 'acled-hti4242', 'not in Haiti', later);
    const again = await importText(s, acled([acledRow()]), 'a.csv', options);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 0, keptChanges: 1 });
    expect(formatImportReport(again, 'a.csv')[1]).toBe(
      '1 event(s) were changed in Sitrep since they were imported and are left as they are.',
    );
    expect((await s.store.getEvent('acled-hti4242'))?.event.confidence).toBe('retracted');
    expect((await importText(s, acled([acledRow({ fatalities: '2' })]), 'a.csv', options)).updated).toBe(1);
    expect((await s.store.history('acled-hti4242')).map((r) => r.author)).toEqual([
      'import:test',
      'discord:9',
      'import:test',
    ]);
  });

  it('a bad row is named by the line it starts on, after rows whose notes span lines; zod names what the mapper cannot', async () => {
    const s = await createTestServices();
    const before = await snapshot(s);
    const rows = [
      acledRow({ event_id_cnty: 'HTI1', notes: 'First line.\nSecond line.\nThird line.' }),
      acledRow({ event_id_cnty: 'HTI2', timestamp: '99999999999999' }),
      acledRow({ event_id_cnty: 'HTI3', source: 'x'.repeat(201) }),
      acledRow({ event_id_cnty: 'HTI4', latitude: '91' }),
      acledRow({ event_id_cnty: 'HTI5', fatalities: '100001' }),
    ];
    const report = await rejected(async () => await importText(s, acled(rows), 'a.csv', options));
    expect(report.invalid).toEqual([
      { line: 5, reason: 'column timestamp: 99999999999999 is not a time a date can hold' },
      { line: 6, reason: expect.stringMatching(/^column source: /) },
      { line: 7, reason: expect.stringMatching(/^column latitude: /) },
      { line: 8, reason: expect.stringMatching(/^column fatalities: /) },
    ]);
    expect(await snapshot(s)).toEqual(before);
  });

  it('every bad row is named with its line and nothing is imported; --skip-invalid imports the rest', async () => {
    const s = await createTestServices();
    const before = await snapshot(s);
    const rows = [
      acledRow({ event_id_cnty: 'HTI1' }),
      acledRow({ event_id_cnty: 'HTI2', event_date: '2025-02-30' }),
      acledRow({ event_id_cnty: 'HTI3', event_type: 'Battles', sub_event_type: 'Attack' }),
      acledRow({ event_id_cnty: 'HTI4', fatalities: 'many' }),
      acledRow({ event_id_cnty: 'HTI1' }),
    ];
    const report = await rejected(async () => await importText(s, acled(rows), 'a.csv', options));
    expect(report.invalid).toEqual([
      { line: 3, reason: 'column event_date: "2025-02-30" is not a date like 25 March 2025 or 2025-03-25' },
      { line: 4, reason: expect.stringMatching(/^column sub_event_type: "Attack" is not a sub-event type of Battles/) },
      { line: 5, reason: 'column fatalities: "many" is not a whole number' },
      { line: 6, reason: 'id acled-hti1 is also on line 2' },
    ]);
    expect(await snapshot(s)).toEqual(before);
    const skipped = await importText(s, acled(rows), 'a.csv', { ...options, skipInvalid: true });
    expect(skipped).toMatchObject({ created: 1, written: true });
    expect(skipped.invalid).toHaveLength(4);
  });

  it('a dry run reports what would change and writes nothing', async () => {
    const s = await createTestServices();
    const before = await snapshot(s);
    const report = await importText(s, acled([acledRow()]), 'a.csv', { ...options, dryRun: true });
    expect(report).toMatchObject({ created: 1, dryRun: true, written: false });
    expect(await snapshot(s)).toEqual(before);
  });
});

describe('bad files: a clear error and the store untouched', () => {
  let s: Services;
  let before: Awaited<ReturnType<typeof snapshot>>;
  beforeAll(async () => {
    s = await createTestServices();
    before = await snapshot(s);
  });
  const fileError = async (text: string, name: string, format?: string) => {
    await expect(importText(s, text, name, { ...options, format })).rejects.toThrow(ImportFileError);
    try {
      await importText(s, text, name, { ...options, format });
    } catch (err) {
      return (err as Error).message;
    }
    return '';
  };

  it('an unknown format or extension', async () => {
    expect(await fileError('a,b\n1,2\n', 'x.csv', 'xml')).toBe('Unknown format "xml". Formats: json, csv, acled.');
    expect(await fileError('a,b\n1,2\n', 'x.xlsx')).toMatch(
      /Cannot tell the format of x\.xlsx.*--format json\|csv\|acled/,
    );
  });

  it('wrong columns', async () => {
    expect(await fileError('name,date\nx,2025\n', 'x.csv')).toMatch(/matches neither ACLED's columns .* nor Sitrep's/);
    const missing = `${ACLED_COLUMNS.filter((c) => c !== 'fatalities').join(',')}\n`;
    expect(await fileError(missing, 'x.csv')).toMatch(/missing the ACLED column\(s\) fatalities/);
  });

  it('UTF-16 and bytes that are not UTF-8', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('event_id_cnty\n', 'utf16le')]);
    expect(() => decodeUtf8(utf16, 'x.csv')).toThrow(/x\.csv is UTF-16 text; save it as UTF-8/);
    const latin1 = Buffer.from('event_id_cnty,notes\nHTI1,ok\nHTI2,caf\xe9\n', 'latin1');
    expect(() => decodeUtf8(latin1, 'x.csv')).toThrow(/not valid UTF-8 \(first bad byte on line 3\)/);
    expect(decodeUtf8(Buffer.from('\uFEFFa,b\n'), 'x.csv')).toBe('a,b\n');
  });

  it('a truncated file', async () => {
    const full = acled([acledRow(), acledRow({ event_id_cnty: 'HTI9', notes: 'quoted, "with" commas' })]);
    expect(await fileError(full.slice(0, full.lastIndexOf('commas')), 'x.csv')).toMatch(
      /quote is never closed: is the file truncated/,
    );
    const cut = full.slice(0, full.indexOf('Le Nouvelliste', full.indexOf('HTI9')));
    const report = await rejected(async () => await importText(s, cut, 'x.csv', options));
    expect(report.invalid).toEqual([
      { line: 3, reason: expect.stringMatching(/has 15 fields, expected 18 \(a cut-off line/) },
    ]);
    const json = JSON.stringify([makeEvent({ id: 'x-1' })]);
    expect(await fileError(json.slice(0, -20), 'x.json')).toMatch(
      /not valid JSON \(the file ends too early: is it truncated\?\)/,
    );
    expect(await snapshot(s)).toEqual(before);
  });
});

describe('Sitrep JSON and CSV', () => {
  it('a bad record is named with its line and field', async () => {
    const s = await createTestServices();
    const events = [
      makeEvent({ id: 'x-1' }),
      { ...makeEvent({ id: 'x-2' }), category: 'riot' },
      makeEvent({ id: 'x-3', actors: ['nobody'] }),
    ];
    const report = await rejected(async () => await importText(s, JSON.stringify(events, null, 2), 'x.json', options));
    expect(report.invalid).toEqual([
      { line: expect.any(Number), reason: expect.stringMatching(/^field category: /) },
      { line: expect.any(Number), reason: expect.stringMatching(/^actor nobody: unknown/) },
    ]);
    const lines = JSON.stringify(events, null, 2).split('\n');
    expect(lines[(report.invalid[0]?.line ?? 0) - 1]).toBe('  {');
    expect(lines[report.invalid[0]?.line ?? 0]).toContain('"id": "x-2"');
  });

  it('generated ACLED records give the same events however often they are read', async () => {
    const s = await createTestServices();
    const text = acled(acledRecords({ rows: 50, seed: 7 }));
    expect((await importText(s, text, 'a.csv', options)).created).toBe(50);
    expect((await importText(s, text, 'a.csv', options)).unchanged).toBe(50);
    const changed = acled(acledRecords({ rows: 50, seed: 7, changedRows: [21] }));
    expect(await importText(s, changed, 'a.csv', options)).toMatchObject({ created: 0, updated: 1, unchanged: 49 });
    expect((await s.store.history('acled-hti10021')).map((r) => r.revision)).toEqual([1, 2]);
  });
});
