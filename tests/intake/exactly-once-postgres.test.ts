/**
 * Two pollers on one Postgres database (two pools, as two hosts have) poll the same sources from
 * the local feed server: every lead stored once, each source fetched by one of them at a time.
 */
import { beforeAll } from 'vitest';
import { openPostgresIntakeStore } from '../../src/store/postgres/index.ts';
import { createTestDatabase } from '../support/postgres.ts';
import { itPollsOnceWithTwoPollers } from './two-pollers.ts';

let url = '';
beforeAll(async () => {
  url = await createTestDatabase();
});

itPollsOnceWithTwoPollers('Postgres', (world) => openPostgresIntakeStore(url, { now: world.clock.now }));
