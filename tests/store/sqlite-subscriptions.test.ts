/** The SQLite subscription store passes the contract, each connection on its own handle to one file. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteSubscriptionStore, type SqliteSubscriptionStore } from '../../src/store/sqlite-subscriptions.ts';
import { describeSubscriptionContract } from './subscription-contract.ts';

describeSubscriptionContract('SQLite file', async (now) => {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-subscriptions-'));
  const path = join(dir, 'sitrep.db');
  const opened: SqliteSubscriptionStore[] = [];
  return {
    async connect() {
      const store = openSqliteSubscriptionStore(path, { now });
      opened.push(store);
      return store;
    },
    async close() {
      for (const store of opened) await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
