/**
 * The one way to open the store: `openStore(settings)` gives the events store and the
 * subscription store (with the ledger) the core's ports describe, on SQLite (the default) or on
 * Postgres when SITREP_DATABASE_URL names one (src/store/postgres).
 */
import type { IntakeStore } from '../core/intake-port.ts';
import type { SavedQueryStore } from '../core/saved-query-port.ts';
import type { Store } from '../core/store-port.ts';
import type { SubscriptionStore } from '../core/subscription-port.ts';
import { StoreSettingsError } from './derived-settings.ts';
import { describePostgresFailure } from './postgres-failures.ts';
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
  /** Queries of buttons too long for the button (see SavedQueryStore). */
  savedQueries: SavedQueryStore;
  /** This user may read the store but not write it: read commands answer, writes are refused. */
  readOnly: boolean;
  /**
   * Where the store can say so cheaply (SQLite): a number that changes whenever another
   * connection commits. A connection that never writes (an executor worker's) sees every change.
   */
  dataVersion?: (() => number) | undefined;
  /** Closes both. */
  close(): Promise<void>;
}

const POSTGRES_URL = /^postgres(ql)?:\/\//i;

export interface OpenOptions {
  /**
   * Only reads (a worker that answers queries): SQLite opens a read-only connection beside the
   * writer's, Postgres a pool whose transactions are read-only; neither migrates.
   */
  readOnly?: boolean | undefined;
}

/**
 * SQLite at `settings.path` unless SITREP_DATABASE_URL names a Postgres database. The Postgres
 * client is loaded only then, so a SQLite deployment never loads it.
 */
export async function openStore(settings: StoreSettings, options: OpenOptions = {}): Promise<OpenedStore> {
  const url = settings.databaseUrl;
  if (url === undefined) return openSqliteStores({ ...settings, readOnly: options.readOnly });
  if (!POSTGRES_URL.test(url))
    throw new StoreOpenError('SITREP_DATABASE_URL must start with postgres:// (or unset it and use SITREP_DB_PATH).');
  const { openPostgresStores } = await import('./postgres/index.ts');
  try {
    const stores = await openPostgresStores({
      url,
      placePath: settings.placePath,
      placePoint: settings.placePoint,
      gazetteerVersion: settings.gazetteerVersion,
      timeZone: settings.timeZone,
      readOnly: options.readOnly,
      now: settings.now,
    });
    return { ...stores, readOnly: options.readOnly ?? false };
  } catch (err) {
    if (err instanceof StoreSettingsError) throw new StoreOpenError(err.message, { cause: err });
    throw new StoreOpenError(`cannot open the Postgres store: ${describePostgresFailure(err)}`, { cause: err });
  }
}

/**
 * The intake store (sources and leads) beside the events store, on its own connection: the
 * SQLite file at `settings.path`, or the Postgres database SITREP_DATABASE_URL names (migrated on
 * open, like the events store).
 */
export async function openIntakeStore(
  settings: Pick<StoreSettings, 'path' | 'databaseUrl'>,
  options: OpenOptions = {},
): Promise<IntakeStore> {
  const url = settings.databaseUrl;
  const { readOnly } = options;
  if (url === undefined) {
    const { openSqliteIntakeStore } = await import('./sqlite-intake.ts');
    return openSqliteIntakeStore(settings.path, { readOnly });
  }
  if (!POSTGRES_URL.test(url))
    throw new StoreOpenError('SITREP_DATABASE_URL must start with postgres:// (or unset it and use SITREP_DB_PATH).');
  const { openPostgresIntakeStore } = await import('./postgres/index.ts');
  try {
    return await openPostgresIntakeStore(url, { readOnly });
  } catch (err) {
    throw new StoreOpenError(`cannot open the Postgres store: ${describePostgresFailure(err)}`, { cause: err });
  }
}
