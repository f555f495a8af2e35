/** Record on a lead, on the Postgres store. */
import { beforeAll } from 'vitest';
import { openApp } from '../../src/app.ts';
import { openPostgresIntakeStore } from '../../src/store/postgres/index.ts';
import { createTestDatabase } from '../support/postgres.ts';
import { testSeed } from '../support/services.ts';
import { describeRecordingLeads } from './triage-record.ts';

let url = '';
beforeAll(async () => {
  url = await createTestDatabase();
});

describeRecordingLeads('Postgres', async () => {
  const app = await openApp({ dbPath: ':memory:', databaseUrl: url, seed: testSeed() });
  const intake = await openPostgresIntakeStore(url);
  return {
    services: app.services,
    intake,
    async close() {
      await intake.close();
      await app.close();
    },
  };
});
