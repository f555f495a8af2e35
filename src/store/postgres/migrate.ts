/**
 * Postgres's own numbered migrations (src/store/postgres/migrations, numbered by area as
 * SQLite's are), each applied once in its own transaction and recorded in schema_migrations.
 * An advisory lock makes hosts that start together apply each one once.
 */

import { assetPath } from '../../paths.ts';
import { loadMigrations, type Migration } from '../migrate.ts';
import type { Sql } from './connection.ts';

export const postgresMigrationsDir = assetPath('store/postgres/migrations/');

/** Any constant: the advisory lock that serialises migrations across processes. */
const MIGRATION_LOCK = 0x51_7e_00_01;

export async function migratePostgres(
  sql: Sql,
  migrations: Migration[] = loadMigrations(postgresMigrationsDir),
): Promise<string[]> {
  // Nearly every open finds every migration applied: one look, without the lock, says so.
  const [table] = await sql<{ exists: boolean }[]>`SELECT to_regclass('schema_migrations') IS NOT NULL AS exists`;
  const done = new Set(
    table?.exists
      ? (await sql<{ version: number }[]>`SELECT version FROM schema_migrations`).map((r) => r.version)
      : [],
  );
  const applied: string[] = [];
  for (const migration of migrations) {
    if (done.has(migration.version)) continue;
    await sql.begin(async (tx) => {
      await tx`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`;
      await tx`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`;
      const [recorded] = await tx`SELECT 1 FROM schema_migrations WHERE version = ${migration.version}`;
      if (recorded) return;
      try {
        await tx.unsafe(migration.sql);
      } catch (err) {
        throw new Error(`migration ${migration.name} failed: ${(err as Error).message}`, { cause: err });
      }
      await tx`INSERT INTO schema_migrations (version, name) VALUES (${migration.version}, ${migration.name})`;
      applied.push(migration.name);
    });
  }
  return applied;
}
