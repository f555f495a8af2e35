/** Asking about people named only in imported records, on the Postgres store. */
import { beforeAll } from 'vitest';
import { openApp } from '../../src/app.ts';
import { createTestDatabase } from '../support/postgres.ts';
import { testSeed } from '../support/services.ts';
import { describeAskingAboutPeople } from './ask-people.ts';

let url = '';
beforeAll(async () => {
  url = await createTestDatabase();
});

describeAskingAboutPeople('Postgres', async () => {
  const app = await openApp({ dbPath: ':memory:', databaseUrl: url, seed: testSeed() });
  return { services: app.services, close: () => app.close() };
});
