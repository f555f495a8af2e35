/**
 * Builds the core's services from settings: the seed data (validated), the gazetteer, the store
 * (created, migrated and seeded on first start; a second start seeds nothing twice).
 */
import { Gazetteer } from './core/places.ts';
import { peopleOf } from './core/question-vocabulary.ts';
import type { Actor } from './core/schemas.ts';
import { type CoreSettings, defaultCoreSettings, type Services } from './core/services.ts';
import { loadSeedData, type SeedData } from './data/load.ts';
import { openSqliteStore, type SeedReport, seedStore } from './store/index.ts';

export interface AppOptions {
  dbPath: string;
  settings?: Partial<CoreSettings>;
  /** Already loaded seed data (tests and benchmarks load it once). */
  seed?: SeedData;
  /** Another connection to a file that is already open and seeded (a worker process's): nothing is seeded. */
  secondary?: boolean;
}

/** The services, and the file their store reads, so a worker process can open its own connection. */
export interface AppServices extends Services {
  readonly databasePath: string;
}

export interface App {
  services: AppServices;
  seed: SeedData;
  seedReport: SeedReport;
  /** This user may read the database but not write it: read commands answer, writes are refused. */
  readOnly: boolean;
  close(): void;
}

export function openApp(options: AppOptions): App {
  const seed = options.seed ?? loadSeedData();
  const settings: CoreSettings = { ...defaultCoreSettings, ...options.settings };
  const gazetteer = new Gazetteer(seed.places);
  const store = openSqliteStore({
    path: options.dbPath,
    placePath: (id) => gazetteer.pathOf(id),
    placePoint: (id) => gazetteer.get(id),
    gazetteerVersion: seed.gazetteerVersion,
    timeZone: settings.timeZone,
  });
  try {
    // A read-only file answers with the seed it has; the next writable open applies a newer one.
    const seedReport =
      options.secondary || store.readOnly
        ? { eventsAdded: 0, eventsUpdated: 0, eventsKept: [], indicatorsAdded: 0 }
        : seedStore(store, { events: seed.events, indicators: seed.indicators }, seed.version);
    const actors = new Map<string, Actor>(seed.actors.map((a) => [a.id, a]));
    const people = peopleOf(seed.events);
    const services = { store, gazetteer, actors, people, settings, databasePath: options.dbPath };
    return { services, seed, seedReport, readOnly: store.readOnly, close: () => store.close() };
  } catch (err) {
    store.close();
    throw err;
  }
}
