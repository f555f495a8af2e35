/**
 * Databases for Postgres tests, on the cluster the global setup started
 * (tests/support/postgres-global-setup.ts): `createTestDatabase()` copies the migrated template
 * into a database of the calling file's own, and `emptyDatabase(url)` empties it between tests
 * (ids start again at 1, as in a new database).
 */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { connectPostgres } from '../../src/store/postgres/connection.ts';
import { TEMPLATE_DATABASE } from './postgres-cluster.ts';

/** The URL of the cluster's maintenance database. */
export function clusterUrl(): string {
  const url = inject('postgresUrl');
  if (!url) throw new Error('no Postgres cluster: name the test file *postgres*.test.ts so it runs in that project');
  return url;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A new database with the store's migrations applied; its URL. */
export async function createTestDatabase(): Promise<string> {
  const name = `test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = connectPostgres(clusterUrl(), { max: 1 });
  try {
    // FILE_COPY: a small database copies faster than with the WAL_LOG default.
    await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE} STRATEGY FILE_COPY`);
  } finally {
    await admin.end();
  }
  return withDatabase(clusterUrl(), name);
}

/** A new database without any table: for tests of the migrations themselves. */
export async function createBareDatabase(): Promise<string> {
  const name = `bare_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = connectPostgres(clusterUrl(), { max: 1 });
  try {
    await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE template0`);
  } finally {
    await admin.end();
  }
  return withDatabase(clusterUrl(), name);
}

/** The statements that empty a database, worked out once per database. */
const emptying = new Map<string, Promise<string>>();

async function emptyingStatements(url: string): Promise<string> {
  const sql = connectPostgres(url, { max: 1 });
  try {
    // Tables that refer to others first; DELETE rather than TRUNCATE, which is slow on small tables.
    const tables = await sql<{ name: string }[]>`SELECT quote_ident(c.relname) AS name FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> 'schema_migrations'
      ORDER BY EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conrelid = c.oid) DESC, c.relname`;
    const sequences = await sql<{ name: string }[]>`SELECT quote_ident(sequencename) AS name FROM pg_sequences
      WHERE schemaname = 'public'`;
    return [
      ...tables.map((t) => `DELETE FROM ${t.name};`),
      ...sequences.map((s) => `ALTER SEQUENCE ${s.name} RESTART;`),
    ].join('\n');
  } finally {
    await sql.end();
  }
}

/** Deletes every row but the migrations' record, and restarts every id at 1. */
export async function emptyDatabase(url: string): Promise<void> {
  let statements = emptying.get(url);
  if (!statements) {
    statements = emptyingStatements(url);
    emptying.set(url, statements);
  }
  const sql = connectPostgres(url, { max: 1 });
  try {
    await sql.unsafe(await statements);
  } finally {
    await sql.end();
  }
}
