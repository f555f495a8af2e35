/**
 * The SQLite stores of one file: the events store and the subscription store share one
 * connection (so a transaction on the events store holds back the ledger's calls in this process
 * too), opened and migrated once. Other processes open their own connections to the same file.
 */
import type { SavedQueryStore } from '../core/saved-query-port.ts';
import type { Store } from '../core/store-port.ts';
import type { SubscriptionStore } from '../core/subscription-port.ts';
import { asynchronous, createSqliteConnection, type Runner, type SqliteConnection } from './sqlite-connection.ts';
import { openMigratedDatabase, StoreOpenError } from './sqlite-database.ts';
import { createSqliteSavedQueries } from './sqlite-saved-queries.ts';
import { createSyncStore, type SqliteStoreOptions, type SyncStore } from './sqlite-store.ts';
import { createSqliteSubscriptionStore } from './sqlite-subscriptions.ts';

/** The SQLite events store; `readOnly` when this user may read the file but not write it (or its directory). */
export interface SqliteStore extends Store {
  readonly readOnly: boolean;
}

export interface SqliteStores {
  events: SqliteStore;
  subscriptions: SubscriptionStore;
  /** Queries of buttons too long for the button. */
  savedQueries: SavedQueryStore;
  /** Read commands answer; writes are refused (see SqliteStore). */
  readOnly: boolean;
  /** SQLite's data_version: changes whenever another connection commits (this one's own writes leave it). */
  dataVersion(): number;
  close(): Promise<void>;
}

export interface SqliteStoresOptions extends SqliteStoreOptions {
  /** The clock the ledger's claims and leases are timed by; default the real one. */
  now?: (() => Date) | undefined;
  /** Only reads: a read-only connection beside the writer's (the file must exist), no migrations. */
  readOnly?: boolean | undefined;
}

/** Both stores on one new connection to `options.path` (migrated on open). */
export function openSqliteStores(options: SqliteStoresOptions): SqliteStores {
  const db = openMigratedDatabase(options.path, options.busyTimeoutMs ?? 5000, options.maxPages, options.readOnly);
  const connection = createSqliteConnection(db);
  try {
    return {
      events: createSqliteStore(connection, options),
      subscriptions: createSqliteSubscriptionStore(connection, options.now),
      savedQueries: createSqliteSavedQueries(connection, options.now),
      readOnly: db.readonly,
      dataVersion: () => db.pragma('data_version', { simple: true }) as number,
      async close() {
        connection.close();
      },
    };
  } catch (err) {
    connection.close();
    throw new StoreOpenError(`cannot prepare the database at "${options.path}": ${(err as Error).message}`, {
      cause: err,
    });
  }
}

/** The events store alone on its own connection; closing it closes the connection. */
export function openSqliteStore(options: SqliteStoreOptions): SqliteStore {
  return openSqliteStores(options).events;
}

function createSqliteStore(connection: SqliteConnection, options: SqliteStoreOptions): SqliteStore {
  const sync = createSyncStore(connection.db, options);
  return {
    readOnly: connection.db.readonly,
    ...asynchronous(sync, connection.run),
    transaction: (fn) => connection.transaction((inside) => fn(transactionStore(sync, inside))),
    async close() {
      connection.close();
    },
  };
}

/** The store as `fn` of a transaction sees it: its calls run inside the open transaction. */
function transactionStore(sync: SyncStore, inside: Runner): Store {
  const tx: Store = {
    ...asynchronous(sync, inside),
    transaction: (fn) => fn(tx),
    close: () => Promise.reject(new Error('store: close the store, not a transaction')),
  };
  return tx;
}
