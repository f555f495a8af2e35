/**
 * The one way to open the store: `openStore(settings)` gives the events store and the
 * subscription store (with the ledger) the core's ports describe, chosen by the settings.
 */
import type { Store } from '../core/store-port.ts';
import type { SubscriptionStore } from '../core/subscription-port.ts';
import { openSqliteStores, type SqliteStoresOptions } from './sqlite.ts';
import { StoreOpenError } from './sqlite-database.ts';

export { type SeedData, type SeedReport, seedStore } from './seed.ts';
export {
  openSqliteStore,
  openSqliteStores,
  type SqliteStore,
  type SqliteStores,
  type SqliteStoresOptions,
} from './sqlite.ts';
export { ensureDatabaseDirectory, StoreOpenError } from './sqlite-database.ts';
export { describeStoreFailure } from './sqlite-failures.ts';
export type { SqliteStoreOptions } from './sqlite-store.ts';

export interface StoreSettings extends SqliteStoresOptions {
  /**
   * SITREP_DATABASE_URL: when set, it names the store instead of `path` (SITREP_DB_PATH, a
   * SQLite file).
   */
  databaseUrl?: string | undefined;
}

export interface OpenedStore {
  events: Store;
  subscriptions: SubscriptionStore;
  /** This user may read the store but not write it: read commands answer, writes are refused. */
  readOnly: boolean;
  /** Closes both. */
  close(): Promise<void>;
}

const POSTGRES_URL = /^postgres(ql)?:\/\//i;

export interface OpenStoreOptions {
  /** A connection (SQLite) or pool (Postgres) that only reads: no migrations, no writes. */
  readOnly?: boolean;
}

export async function openStore(settings: StoreSettings, options: OpenStoreOptions = {}): Promise<OpenedStore> {
  const url = settings.databaseUrl;
  if (url !== undefined) {
    // The place a Postgres store will be chosen.
    if (POSTGRES_URL.test(url))
      throw new StoreOpenError(
        'SITREP_DATABASE_URL names a Postgres database; this version stores data in SQLite only (unset it and use SITREP_DB_PATH).',
      );
    throw new StoreOpenError('SITREP_DATABASE_URL must start with postgres:// (or unset it and use SITREP_DB_PATH).');
  }
  return openSqliteStores(options.readOnly ? { ...settings, readOnly: true } : settings);
}
