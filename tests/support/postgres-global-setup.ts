/**
 * Vitest global setup of the Postgres test project: one cluster for the whole run, its URL
 * handed to the test files (inject('postgresUrl')), which each copy their own database from the
 * template (tests/support/postgres.ts), so files run in parallel.
 */
import type { TestProject } from 'vitest/node';
import { startTestCluster } from './postgres-cluster.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The cluster's maintenance database; tests/support/postgres.ts makes databases from it. */
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const cluster = await startTestCluster();
  project.provide('postgresUrl', cluster.url('postgres'));
  return () => cluster.stop();
}
