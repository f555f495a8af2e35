/**
 * The services a worker answers with: the seed's gazetteer, actors and people, and the store
 * opened on a connection that only reads (no migrations, no seeding: the bot's own connection
 * did those). Built here rather than by the composition root, which writes.
 */
import { Gazetteer } from '../core/places.ts';
import { peopleOf } from '../core/question-vocabulary.ts';
import type { Actor } from '../core/schemas.ts';
import type { CoreSettings, Services } from '../core/services.ts';
import { loadSeedData } from '../data/load.ts';
import { openIntakeStore, openStore } from '../store/index.ts';

/** Where the store is: serialisable, sent to each worker. */
export interface StoreLocation {
  /** The SQLite file (SITREP_DB_PATH). */
  databasePath: string;
  /** SITREP_DATABASE_URL, which names the store instead when set. */
  databaseUrl?: string | undefined;
}

export interface ReadOnlyServices {
  services: Services;
  /** The store's data version, where it can say (SQLite): see OpenedStore. */
  dataVersion?: (() => number) | undefined;
  close(): Promise<void>;
}

export async function openReadOnlyServices(at: StoreLocation, settings: CoreSettings): Promise<ReadOnlyServices> {
  const seed = loadSeedData();
  const gazetteer = new Gazetteer(seed.places);
  const opened = await openStore(
    {
      databaseUrl: at.databaseUrl,
      path: at.databasePath,
      placePath: (id) => gazetteer.pathOf(id),
      placePoint: (id) => gazetteer.get(id),
      gazetteerVersion: seed.gazetteerVersion,
      timeZone: settings.timeZone,
    },
    { readOnly: true },
  );
  // Sources' freshness is said in answers; a store without intake tables answers without it.
  const intake = await openIntakeStore(
    { path: at.databasePath, databaseUrl: at.databaseUrl },
    { readOnly: true },
  ).catch(() => undefined);
  const services: Services = {
    store: opened.events,
    intake,
    subscriptions: opened.subscriptions,
    savedQueries: opened.savedQueries,
    gazetteer,
    actors: new Map<string, Actor>(seed.actors.map((a) => [a.id, a])),
    people: peopleOf(seed.events),
    settings,
  };
  return {
    services,
    dataVersion: opened.dataVersion,
    close: async () => {
      await intake?.close();
      await opened.close();
    },
  };
}
