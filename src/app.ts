/**
 * Builds the core's services from settings: the seed data (validated), the gazetteer, the store
 * (created, migrated and seeded on first start; a second start seeds nothing twice) and the
 * subscription store beside it.
 */
import { Gazetteer } from './core/places.ts';
import { peopleOf } from './core/question-vocabulary.ts';
import type { Actor } from './core/schemas.ts';
import { type CoreSettings, defaultCoreSettings, type Services } from './core/services.ts';
import type { SubscriptionStore } from './core/subscription-port.ts';
import { loadSeedData, type SeedData } from './data/load.ts';
import { openStore, type SeedReport, seedStore } from './store/index.ts';

export interface AppOptions {
  dbPath: string;
  /** SITREP_DATABASE_URL, which names the store instead of `dbPath` when set. */
  databaseUrl?: string | undefined;
  settings?: Partial<CoreSettings>;
  /** Already loaded seed data (tests and benchmarks load it once). */
  seed?: SeedData;
  /** Another connection to a file that is already open and seeded (a worker process's): nothing is seeded. */
  secondary?: boolean;
  /** The clock the ledger's leases are timed by; default the real one (tests set it). */
  now?: () => Date;
}

/** The services, and the file their store reads, so a worker process can open its own connection. */
export interface AppServices extends Services {
  readonly databasePath: string;
  subscriptions: SubscriptionStore;
}

export interface App {
  services: AppServices;
  seed: SeedData;
  seedReport: SeedReport;
  /** This user may read the database but not write it: read commands answer, writes are refused. */
  readOnly: boolean;
  close(): Promise<void>;
}

export async function openApp(options: AppOptions): Promise<App> {
  const seed = options.seed ?? loadSeedData();
  const settings: CoreSettings = { ...defaultCoreSettings, ...options.settings };
  const gazetteer = new Gazetteer(seed.places);
  const opened = await openStore({
    databaseUrl: options.databaseUrl,
    path: options.dbPath,
    placePath: (id) => gazetteer.pathOf(id),
    placePoint: (id) => gazetteer.get(id),
    gazetteerVersion: seed.gazetteerVersion,
    timeZone: settings.timeZone,
    now: options.now,
  });
  try {
    // A read-only file answers with the seed it has; the next writable open applies a newer one.
    const seedReport =
      options.secondary || opened.readOnly
        ? { eventsAdded: 0, eventsUpdated: 0, eventsKept: [], indicatorsAdded: 0 }
        : await seedStore(opened.events, { events: seed.events, indicators: seed.indicators }, seed.version);
    const actors = new Map<string, Actor>(seed.actors.map((a) => [a.id, a]));
    const services: AppServices = {
      store: opened.events,
      subscriptions: opened.subscriptions,
      savedQueries: opened.savedQueries,
      gazetteer,
      actors,
      people: peopleOf(seed.events),
      settings,
      // On Postgres the executor's workers open the URL; there is no file beside this one.
      databasePath: options.databaseUrl === undefined ? options.dbPath : ':memory:',
    };
    return { services, seed, seedReport, readOnly: opened.readOnly, close: () => opened.close() };
  } catch (err) {
    await opened.close();
    throw err;
  }
}
