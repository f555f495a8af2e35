/**
 * Numbered SQL migrations: every `NNN_name.sql` in src/store/migrations, applied once each, in
 * number order, each in its own transaction, and recorded in `schema_migrations`. Numbers are
 * reserved by area (001-009 events and indicators, 010-019 scheduling, 020-029 import), so an
 * area adds a file and it is applied on the next open.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { assetPath } from '../paths.ts';

export const migrationsDir = assetPath('store/migrations/');

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const fileName = /^(\d{3})_([a-z0-9_]+)\.sql$/;

/** The migrations in `dir`, in number order; two files with one number are an error. */
export function loadMigrations(dir: string = migrationsDir): Migration[] {
  const byVersion = new Map<number, Migration>();
  for (const file of readdirSync(dir)) {
    const match = fileName.exec(file);
    if (!match?.[1] || !match[2]) {
      if (file.endsWith('.sql')) throw new Error(`migration "${file}" in ${dir}: expected a name like 001_events.sql`);
      continue;
    }
    const version = Number(match[1]);
    const prior = byVersion.get(version);
    if (prior) throw new Error(`migrations "${prior.name}" and "${file}" in ${dir} share the number ${match[1]}`);
    byVersion.set(version, { version, name: file, sql: readFileSync(`${dir}/${file}`, 'utf8') });
  }
  return [...byVersion.values()].sort((a, b) => a.version - b.version);
}

/** What a read-only connection asks for when the file needs changes it cannot make. */
export const WRITABLE_OPEN_NEEDED = 'open it once as a user who may write it';

/** Brings the schema up to date; a read-only connection only checks that nothing is pending. */
export function prepareSchema(db: Database): void {
  if (!db.readonly) {
    migrate(db);
    return;
  }
  const pending = pendingMigrations(db).length;
  if (pending > 0)
    throw new Error(`it is read-only here and ${pending} migration(s) are pending; ${WRITABLE_OPEN_NEEDED}`);
}

/** The migrations not yet recorded in `db`, found without writing (so on a read-only connection too). */
export function pendingMigrations(db: Database, migrations: Migration[] = loadMigrations()): Migration[] {
  const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!hasTable) return migrations;
  const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
  return migrations.filter((m) => !applied.has(m.version));
}

/**
 * Applies the migrations not yet recorded and returns their names. Safe when several processes
 * open one file at once: each migration is checked again inside its write transaction.
 */
export function migrate(db: Database, migrations: Migration[] = loadMigrations()): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const isApplied = db.prepare<[number], { version: number }>(
    'SELECT version FROM schema_migrations WHERE version = ?',
  );
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const applied: string[] = [];
  for (const migration of migrations) {
    if (isApplied.get(migration.version)) continue;
    db.transaction(() => {
      if (isApplied.get(migration.version)) return;
      try {
        db.exec(migration.sql);
      } catch (err) {
        throw new Error(`migration ${migration.name} failed: ${(err as Error).message}`, { cause: err });
      }
      record.run(migration.version, migration.name, new Date().toISOString());
      applied.push(migration.name);
    }).immediate();
  }
  return applied;
}
