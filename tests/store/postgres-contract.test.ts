/**
 * The Postgres store passes the contracts every store passes (events, then subscriptions and the
 * ledger), on a database of this file's own, emptied before each test; and openStore picks it
 * when SITREP_DATABASE_URL names it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SubscriptionStore } from '../../src/core/subscription-port.ts';
import { openStore, StoreOpenError } from '../../src/store/index.ts';
import { openPostgresStores, type PostgresStores } from '../../src/store/postgres/index.ts';
import { testPlaces } from '../support/place-tree.ts';
import { createTestDatabase, emptyDatabase } from '../support/postgres.ts';
import { describeStoreContract } from './contract.ts';
import { describeSubscriptionContract } from './subscription-contract.ts';

let url = '';
beforeAll(async () => {
  url = await createTestDatabase();
});

describeStoreContract('Postgres', async (places) => {
  await emptyDatabase(url);
  return (await openPostgresStores({ url, ...places, gazetteerVersion: 'test-1', maxConnections: 4 })).events;
});

describeSubscriptionContract('Postgres', async (now) => {
  await emptyDatabase(url);
  const opened: PostgresStores[] = [];
  return {
    async connect(): Promise<SubscriptionStore> {
      const stores = await openPostgresStores({
        url,
        ...testPlaces,
        gazetteerVersion: 'test-1',
        maxConnections: 4,
        now,
      });
      opened.push(stores);
      return stores.subscriptions;
    },
    async close() {
      await Promise.all(opened.map((stores) => stores.close()));
    },
  };
});

describe('openStore', () => {
  const settings = { path: 'unused.db', ...testPlaces, gazetteerVersion: 'test-1' };

  it('opens the Postgres store when SITREP_DATABASE_URL names one, and a reading pool that refuses writes', async () => {
    await emptyDatabase(url);
    const opened = await openStore({ ...settings, databaseUrl: url });
    expect(opened.readOnly).toBe(false);
    await opened.events.setMeta('k', 'v');
    const reader = await openStore({ ...settings, databaseUrl: url }, { readOnly: true });
    expect(reader.readOnly).toBe(true);
    expect(await reader.events.getMeta('k')).toBe('v');
    await expect(reader.events.setMeta('k', 'w')).rejects.toThrow(/read-only transaction/);
    await Promise.all([opened.close(), reader.close()]);
  });

  it('says in one line why a Postgres store cannot be opened', async () => {
    const wrongDatabase = new URL(url);
    wrongDatabase.pathname = '/no_such_database';
    const given = openStore({ ...settings, databaseUrl: wrongDatabase.toString() });
    await expect(given).rejects.toThrow(StoreOpenError);
    await expect(given).rejects.toThrow(/^cannot open the Postgres store: [^\n]*does not exist[^\n]*$/);
  });
});
