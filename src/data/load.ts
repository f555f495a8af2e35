/**
 * Loads the seed data and checks every record against the core's schemas. A record that fails
 * stops start-up with the file, the record and the field, so bad data never reaches users.
 * Events and figures name their sources by key (sources.json), so a source is written once.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { Actor, Event, Indicator, Place, Source } from '../core/schemas.ts';
import { assetPath } from '../paths.ts';

export interface SeedData {
  places: Place[];
  actors: Actor[];
  events: Event[];
  indicators: Indicator[];
  /** Changes whenever any seed file changes. */
  version: string;
  /** Changes whenever the gazetteer changes (the store re-derives containment then). */
  gazetteerVersion: string;
}

export class SeedDataError extends Error {
  override readonly name = 'SeedDataError';
}

/** The gazetteer's files, in load order. */
export const PLACE_FILES = ['places.json', 'places-admin.json', 'places-local.json'];

const dataDir = assetPath('data');

function readJson(file: string, dir: string): { value: unknown; text: string } {
  const path = `${dir}/${file}`;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new SeedDataError(`${file}: cannot read (${(err as Error).message})`);
  }
  try {
    return { value: JSON.parse(text), text };
  } catch (err) {
    throw new SeedDataError(`${file}: not valid JSON (${(err as Error).message})`);
  }
}

function parseRecords<S extends z.ZodType>(
  file: string,
  schema: S,
  records: unknown,
  idOf: (r: unknown, i: number) => string,
): z.infer<S>[] {
  if (!Array.isArray(records)) throw new SeedDataError(`${file}: expected a JSON array of records`);
  return records.map((record, index) => {
    const parsed = schema.safeParse(record);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') || '(record)';
      throw new SeedDataError(`${file}: record ${idOf(record, index)}: field ${field}: ${issue?.message ?? 'invalid'}`);
    }
    return parsed.data;
  });
}

const idOrIndex = (key: string) => (r: unknown, i: number) => {
  const id = r && typeof r === 'object' ? (r as Record<string, unknown>)[key] : undefined;
  return typeof id === 'string' ? `"${id}"` : `#${i + 1}`;
};

/** Replaces source keys ("article") by the source records, failing on an unknown key. */
function resolveSources(file: string, records: unknown, sources: Record<string, Source>): unknown {
  if (!Array.isArray(records)) return records;
  const lookup = (key: unknown, where: string) => {
    if (typeof key !== 'string') return key;
    const source = sources[key];
    if (!source) throw new SeedDataError(`${file}: ${where}: unknown source "${key}" (not in sources.json)`);
    return source;
  };
  return records.map((record: Record<string, unknown>, i) => {
    const where = `record ${idOrIndex(record.key ? 'key' : 'id')(record, i)}`;
    const out: Record<string, unknown> = { ...record };
    if (Array.isArray(record.sources)) out.sources = record.sources.map((s) => lookup(s, `${where}: field sources`));
    if ('source' in record) out.source = lookup(record.source, `${where}: field source`);
    if (Array.isArray(record.claims)) {
      out.claims = record.claims.map((c: Record<string, unknown>) => ({
        ...c,
        source: lookup(c.source, `${where}: field claims`),
      }));
    }
    return out;
  });
}

export function loadSeedData(dir: string = dataDir): SeedData {
  const hash = createHash('sha256');
  const placeHash = createHash('sha256');
  const read = (file: string) => {
    const { value, text } = readJson(file, dir);
    hash.update(text);
    return value;
  };
  const rawSources = read('sources.json');
  if (!rawSources || typeof rawSources !== 'object' || Array.isArray(rawSources)) {
    throw new SeedDataError('sources.json: expected an object of sources by key');
  }
  const sources: Record<string, Source> = {};
  for (const [key, value] of Object.entries(rawSources)) {
    const parsed = Source.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new SeedDataError(
        `sources.json: record "${key}": field ${issue?.path.join('.') || '(record)'}: ${issue?.message}`,
      );
    }
    sources[key] = parsed.data;
  }
  const places: Place[] = [];
  for (const file of PLACE_FILES) {
    const { value, text } = readJson(file, dir);
    hash.update(text);
    placeHash.update(text);
    places.push(...parseRecords(file, Place, value, idOrIndex('id')));
  }
  const actors = parseRecords('actors.json', Actor, read('actors.json'), idOrIndex('id'));
  const events = parseRecords(
    'events.json',
    Event,
    resolveSources('events.json', read('events.json'), sources),
    idOrIndex('id'),
  );
  const indicators = parseRecords(
    'indicators.json',
    Indicator,
    resolveSources('indicators.json', read('indicators.json'), sources),
    idOrIndex('key'),
  );
  checkReferences(places, actors, events);
  return {
    places,
    actors,
    events,
    indicators,
    version: hash.digest('hex').slice(0, 16),
    gazetteerVersion: placeHash.digest('hex').slice(0, 16),
  };
}

function checkReferences(places: Place[], actors: Actor[], events: Event[]): void {
  const placeIds = new Set(places.map((p) => p.id));
  const actorIds = new Set(actors.map((a) => a.id));
  for (const event of events) {
    const where = `events.json: record "${event.id}"`;
    if (event.place.placeId && !placeIds.has(event.place.placeId)) {
      throw new SeedDataError(`${where}: field place.placeId: unknown place "${event.place.placeId}"`);
    }
    for (const claim of event.claims) {
      if (claim.placeId && !placeIds.has(claim.placeId)) {
        throw new SeedDataError(`${where}: field claims.placeId: unknown place "${claim.placeId}"`);
      }
    }
    for (const actor of event.actors) {
      if (!actorIds.has(actor)) throw new SeedDataError(`${where}: field actors: unknown actor "${actor}"`);
    }
  }
}
