/**
 * Opening the Postgres stores: one pool per process for the events store and the subscription
 * store, migrated on open, and the settings that shape derived rows checked against the stored
 * ones (recorded by the first process to open an empty database).
 */

import type { IntakeStore } from '../../core/intake-port.ts';
import type { SavedQueryStore } from '../../core/saved-query-port.ts';
import type { Store } from '../../core/store-port.ts';
import type { SubscriptionStore } from '../../core/subscription-port.ts';
import {
  DERIVED_SETTINGS_KEY,
  type DerivedSettings,
  StoreSettingsError,
  settingsJson,
  settingsMismatch,
} from '../derived-settings.ts';
import type { PlaceResolver } from '../event-index.ts';
import { connectPostgres, type Sql } from './connection.ts';
import { createPostgresIntakeStore } from './intake.ts';
import { migratePostgres } from './migrate.ts';
import { createPostgresEventStore } from './postgres-store.ts';
import { rebuildDerived } from './rebuild.ts';
import { createPostgresSavedQueries } from './saved-queries.ts';
import { createPostgresSubscriptionStore } from './subscriptions.ts';

export interface PostgresStoreOptions {
  /** postgres://user:password@host:port/database, with libpq's TLS parameters if needed. */
  url: string;
  placePath: (placeId: string) => string[];
  placePoint?: ((placeId: string) => { lat: number; lon: number } | undefined) | undefined;
  gazetteerVersion: string;
  /** Default America/Port-au-Prince. */
  timeZone?: string | undefined;
  /** Connections in this process's pool; default 10. */
  maxConnections?: number | undefined;
  /** Only reads: a pool whose transactions are read-only, no migrations; the stored settings are still checked. */
  readOnly?: boolean | undefined;
  /** The clock the ledger's claims and leases are timed by; default the database's own (tests set it). */
  now?: (() => Date) | undefined;
}

export interface PostgresStores {
  events: Store;
  subscriptions: SubscriptionStore;
  savedQueries: SavedQueryStore;
  close(): Promise<void>;
}

function settingsOf(options: PostgresStoreOptions) {
  const places: PlaceResolver = { placePath: options.placePath, placePoint: options.placePoint ?? (() => undefined) };
  const timeZone = options.timeZone ?? 'America/Port-au-Prince';
  return { places, timeZone, gazetteerVersion: options.gazetteerVersion };
}

/** Records the settings if none are stored (building derived rows if events exist without them), else checks them. */
async function checkSettings(pool: Sql, settings: ReturnType<typeof settingsOf>, readOnly: boolean): Promise<void> {
  const wanted: DerivedSettings = settings;
  const [stored] = await pool<{ value: string }[]>`SELECT value FROM meta WHERE key = ${DERIVED_SETTINGS_KEY}`;
  if (!stored) {
    if (readOnly) return;
    const [events] = await pool<{ any: boolean }[]>`SELECT EXISTS (SELECT 1 FROM events) AS any`;
    if (events?.any) await rebuildDerived(pool, settings);
    else {
      await pool`INSERT INTO meta (key, value) VALUES (${DERIVED_SETTINGS_KEY}, ${settingsJson(wanted)})
        ON CONFLICT (key) DO NOTHING`;
    }
    return checkSettings(pool, settings, readOnly);
  }
  const mismatch = settingsMismatch(stored.value, wanted);
  if (mismatch) throw new StoreSettingsError(mismatch);
}

export async function openPostgresStores(options: PostgresStoreOptions): Promise<PostgresStores> {
  const readOnly = options.readOnly ?? false;
  const pool = connectPostgres(options.url, { max: options.maxConnections, readOnly });
  try {
    if (!readOnly) await migratePostgres(pool);
    const settings = settingsOf(options);
    await checkSettings(pool, settings, readOnly);
    const events = createPostgresEventStore(pool, settings);
    return {
      events,
      subscriptions: createPostgresSubscriptionStore(pool, options.now),
      savedQueries: createPostgresSavedQueries(pool),
      close: () => pool.end(),
    };
  } catch (err) {
    await pool.end();
    throw err;
  }
}

/** Rebuilds the derived rows with these settings and stores them; returns how many events were rebuilt. */
export async function rebuildPostgresDerived(options: PostgresStoreOptions): Promise<number> {
  const pool = connectPostgres(options.url, { max: 1 });
  try {
    await migratePostgres(pool);
    return await rebuildDerived(pool, settingsOf(options));
  } finally {
    await pool.end();
  }
}

/** The intake store on a small pool of its own, the database migrated first. */
export async function openPostgresIntakeStore(
  url: string,
  options: { now?: (() => Date) | undefined; readOnly?: boolean | undefined } = {},
): Promise<IntakeStore> {
  const readOnly = options.readOnly ?? false;
  const pool = connectPostgres(url, { max: readOnly ? 1 : 4, applicationName: 'sitrep-intake', readOnly });
  try {
    if (!readOnly) await migratePostgres(pool);
    return createPostgresIntakeStore(pool, options.now);
  } catch (err) {
    await pool.end();
    throw err;
  }
}
