/**
 * A deterministic ACLED-format CSV over the gazetteer's places, as large as a test needs:
 * both of ACLED's date formats, quoted notes with commas, quotes and line breaks, a few places
 * the gazetteer does not know, and a bad row at a chosen position when asked.
 */
import { stringify } from 'csv-stringify/sync';
import { MONTH_NAMES } from '../../src/core/question-dates.ts';
import { ACLED_COLUMNS } from '../../src/import/acled.ts';
import { ACLED_EVENT_TYPES } from '../../src/import/acled-mapping.ts';
import { testSeed } from './services.ts';

const MONTHS = MONTH_NAMES;
const ACTORS = [
  'Police Forces of Haiti (2021-)',
  'Unidentified Gang (Haiti)',
  'Viv Ansanm',
  'Civilians (Haiti)',
  'MSS: Multinational Security Support Mission (2024-)',
  'Kenyan police contingent',
  '',
];
const PUBLISHERS = ['Le Nouvelliste', 'AlterPresse', 'Haiti Libre', 'Radio Télé Métropole', 'Reuters'];

/** mulberry32: a small seeded generator, so the same seed gives the same file. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface AcledFileOptions {
  rows: number;
  seed?: number;
  /** 0-based index of a row to make invalid (an impossible date). */
  badRow?: number;
  /** Rows whose notes (and so whose events) differ from the same seed's file. */
  changedRows?: number[];
}

export function acledRecords(options: AcledFileOptions): Array<Record<string, string>> {
  const next = random(options.seed ?? 1);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const { places } = testSeed();
  const inHaiti = places.filter((p) => ['commune', 'locality', 'neighbourhood'].includes(p.kind));
  const byId = new Map(places.map((p) => [p.id, p]));
  const ancestor = (id: string, kind: string) => {
    let p = byId.get(id);
    while (p && p.kind !== kind) p = p.parentId ? byId.get(p.parentId) : undefined;
    return p?.name ?? '';
  };
  const types = Object.entries(ACLED_EVENT_TYPES);
  const records: Array<Record<string, string>> = [];
  for (let i = 0; i < options.rows; i++) {
    const [eventType, subs] = pick(types);
    const place = pick(inHaiti);
    const unknown = i % 997 === 13;
    const day = 1 + Math.floor(next() * 28);
    const month = Math.floor(next() * 12);
    const year = 2024 + Math.floor(next() * 2);
    const iso = `${year}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const fatalities = next() < 0.7 ? 0 : Math.floor(next() * 12);
    const changed = options.changedRows?.includes(i) ? ' (updated)' : '';
    records.push({
      event_id_cnty: `HTI${10000 + i}`,
      event_date: options.badRow === i ? '31 February 2025' : i % 2 === 0 ? `${day} ${MONTHS[month]} ${year}` : iso,
      time_precision: String(1 + Math.floor(next() * 3)),
      event_type: eventType,
      sub_event_type: pick(subs as string[]),
      actor1: pick(ACTORS),
      actor2: pick(ACTORS),
      admin1: unknown ? '' : ancestor(place.id, 'department'),
      admin2: unknown ? '' : ancestor(place.id, 'arrondissement'),
      admin3: unknown ? '' : ancestor(place.id, 'commune'),
      location: unknown ? `Lieu-dit ${i}` : place.name,
      latitude: unknown ? '20.6' : (place.lat + (next() - 0.5) * 0.01).toFixed(4),
      longitude: unknown ? '-73.9' : (place.lon + (next() - 0.5) * 0.01).toFixed(4),
      geo_precision: String(1 + Math.floor(next() * 3)),
      source: `${pick(PUBLISHERS)}${next() < 0.3 ? `; ${pick(PUBLISHERS)}` : ''}`,
      notes:
        i % 5 === 0
          ? ''
          : `On ${iso}, in ${place.name}, "armed men" opened fire, police said.${i % 7 === 0 ? '\nFollow-up: none.' : ''}${changed}`,
      fatalities: String(fatalities),
      timestamp: String(1735689600 + i * 60),
    });
  }
  return records;
}

export function acledCsv(options: AcledFileOptions): string {
  return stringify(acledRecords(options), { header: true, columns: [...ACLED_COLUMNS] });
}
