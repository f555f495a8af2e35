/**
 * Builds the core's services from settings: the seed data (validated), the gazetteer, the store
 * (created, migrated and seeded on first start; a second start seeds nothing twice).
 */
import { Gazetteer } from './core/places.ts';
import type { Actor } from './core/schemas.ts';
import { type CoreSettings, defaultCoreSettings, type Services } from './core/services.ts';
import { loadSeedData, type SeedData } from './data/load.ts';
import { openSqliteStore, type SeedReport, seedStore } from './store/index.ts';

export interface AppOptions {
  dbPath: string;
  settings?: Partial<CoreSettings>;
  /** Already loaded seed data (tests and benchmarks load it once). */
  seed?: SeedData;
}

export interface App {
  services: Services;
  seed: SeedData;
  seedReport: SeedReport;
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
    const seedReport = seedStore(store, { events: seed.events, indicators: seed.indicators }, seed.version);
    const actors = new Map<string, Actor>(seed.actors.map((a) => [a.id, a]));
    return { services: { store, gazetteer, actors, settings }, seed, seedReport, close: () => store.close() };
  } catch (err) {
    store.close();
    throw err;
  }
}
