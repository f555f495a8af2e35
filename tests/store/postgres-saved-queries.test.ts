/** Saved queries on Postgres pass the same contract as on SQLite. */
import { beforeAll } from 'vitest';
import { createTestDatabase, emptyDatabase } from '../support/postgres.ts';
import { describeSavedQueryContract } from './saved-query-contract.ts';

let url = '';
beforeAll(async () => {
  url = await createTestDatabase();
});

describeSavedQueryContract('Postgres', async () => {
  await emptyDatabase(url);
  return { settings: { path: ':memory:', databaseUrl: url }, close: async () => undefined };
});
