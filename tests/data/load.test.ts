import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSeedData, PLACE_FILES } from '../../src/data/load.ts';

const dataDir = new URL('../../src/data/', import.meta.url).pathname;

/** A copy of the data folder with one file changed by `edit`. */
// biome-ignore lint/suspicious/noExplicitAny: raw JSON records, edited field by field to break them
function withEdited(file: string, edit: (records: any) => unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-data-'));
  cpSync(dataDir, dir, { recursive: true });
  const path = join(dir, file);
  writeFileSync(path, JSON.stringify(edit(JSON.parse(readFileSync(path, 'utf8')))));
  return dir;
}

describe('seed data', () => {
  const seed = loadSeedData();

  it('holds every event and figure of the fact sheet, valid', () => {
    expect(seed.events.map((e) => e.id)).toEqual(
      expect.arrayContaining([
        '2021-07-07-moise-assassinated',
        '2023-09-25-us-kenya-defence-agreement',
        '2023-10-02-unsc-resolution-2699',
        '2024-04-henry-resigns',
        '2024-06-25-first-kenyan-contingent',
        '2025-02-23-kaetuai-killed',
        '2025-03-18-kenyan-officer-shot',
        '2025-03-25-pont-sonde-ambush',
        '2025-03-26-mss-statement-missing-officer',
      ]),
    );
    expect(new Set(seed.indicators.map((i) => i.key))).toEqual(
      new Set([
        'kenya-police-deployed',
        'mss-personnel-expected',
        'countries-pledged',
        'countries-present',
        'pap-under-gang-control',
        'people-displaced',
        'killed-gang-violence-2024',
      ]),
    );
  });

  it("keeps the article's errors as claims beside the record", () => {
    const byId = new Map(seed.events.map((e) => [e.id, e]));
    const moise = byId.get('2021-07-07-moise-assassinated');
    expect(moise?.occurredAt).toBe('2021-07-07');
    expect(moise?.claims).toContainEqual(
      expect.objectContaining({ field: 'occurredAt', value: '2023', standing: 'superseded' }),
    );
    const shooting = byId.get('2025-03-18-kenyan-officer-shot');
    expect(shooting?.confidence).toBe('disputed');
    expect(
      shooting?.claims
        .filter((c) => c.standing === 'contested')
        .map((c) => c.field)
        .sort(),
    ).toEqual(['condition', 'condition', 'place', 'place']);
    const ambush = byId.get('2025-03-25-pont-sonde-ambush');
    expect(ambush?.claims).toContainEqual(expect.objectContaining({ field: 'place', standing: 'superseded' }));
  });

  it('has the 10 departments and Port-au-Prince communes, with accent-free aliases where names differ', () => {
    const departments = seed.places.filter((p) => p.kind === 'department').map((p) => p.id);
    expect(departments.sort()).toEqual(
      [
        'artibonite',
        'centre',
        'grand-anse',
        'nippes',
        'nord',
        'nord-est',
        'nord-ouest',
        'ouest',
        'sud',
        'sud-est',
      ].sort(),
    );
    for (const id of [
      'port-au-prince',
      'delmas',
      'petion-ville',
      'tabarre',
      'cite-soleil',
      'carrefour',
      'croix-des-bouquets',
      'kenscoff',
      'gressier',
    ]) {
      expect(seed.places.find((p) => p.id === id)?.kind).toBe('commune');
    }
    expect(seed.places.find((p) => p.id === 'pont-sonde')?.aliases).toContain('Ponsonde');
  });

  it('stops at a bad record naming the file, the record and the field', () => {
    const dir = withEdited('events.json', (events) => {
      events[2].category = 'picnic';
      return events;
    });
    expect(() => loadSeedData(dir)).toThrow(
      /^events\.json: record "2023-10-02-unsc-resolution-2699": field category: /,
    );
  });

  it('stops at an unknown source key or place', () => {
    const badSource = withEdited('events.json', (events) => {
      events[0].sources = ['nowhere'];
      return events;
    });
    expect(() => loadSeedData(badSource)).toThrow(
      /events\.json: record "2021-07-07-moise-assassinated": field sources: unknown source "nowhere"/,
    );
    const badPlace = withEdited('events.json', (events) => {
      events[0].place.placeId = 'atlantis';
      return events;
    });
    expect(() => loadSeedData(badPlace)).toThrow(/field place\.placeId: unknown place "atlantis"/);
  });

  it('stops at a bad place record', () => {
    const file = PLACE_FILES[0] as string;
    const dir = withEdited(file, (places) => {
      places[0].lat = 123;
      return places;
    });
    expect(() => loadSeedData(dir)).toThrow(new RegExp(`^${file.replace('.', '\\.')}: record "[^"]+": field lat: `));
  });
});
