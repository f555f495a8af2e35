/** What is particular to the SQLite store: the file, WAL, migrations, several connections, rebuilds. */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore, StoreOpenError, seedStore } from '../../src/store/index.ts';
import { loadMigrations, migrate } from '../../src/store/migrate.ts';
import { makeEvent } from '../support/events.ts';
import { testPlaces } from '../support/place-tree.ts';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const freshPath = () => join(dir, `store-${++files}.db`);
const at = { author: 'tester', reason: 'test', at: '2025-03-26T12:00:00Z' };
const open = (path: string, extra: Partial<Parameters<typeof openSqliteStore>[0]> = {}) =>
  openSqliteStore({ path, ...testPlaces, gazetteerVersion: 'test-1', ...extra });

describe('SQLite file', () => {
  it('runs in WAL mode', async () => {
    const path = freshPath();
    await open(path).close();
    const raw = new Database(path);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('keeps its data across a re-open, which applies no migration twice', async () => {
    const path = freshPath();
    const store = open(path);
    const event = makeEvent();
    await store.putEvent(event, at);
    await store.close();
    const raw = new Database(path);
    const applied = raw.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
    expect(applied).toEqual(loadMigrations().map((m) => m.version));
    expect(migrate(raw)).toEqual([]);
    raw.close();
    const reopened = open(path);
    expect((await reopened.getEvent(event.id))?.event).toEqual(event);
    await reopened.close();
  });

  it('seeds nothing twice across restarts', async () => {
    const path = freshPath();
    const seed = { events: [makeEvent(), makeEvent()], indicators: [] };
    const first = open(path);
    expect((await seedStore(first, seed, '1')).eventsAdded).toBe(2);
    await first.close();
    const second = open(path);
    expect(await seedStore(second, seed, '1')).toEqual({
      eventsAdded: 0,
      eventsUpdated: 0,
      eventsKept: [],
      indicatorsAdded: 0,
    });
    expect(await second.countRevisionsBetween('2000-01-01T00:00:00Z', '2100-01-01T00:00:00Z')).toBe(2);
    await second.close();
  });

  it('names the path when it cannot be opened', async () => {
    const missing = join(dir, 'no-such-dir', 'sitrep.db');
    expect(() => open(missing)).toThrow(StoreOpenError);
    expect(() => open(missing)).toThrow(`cannot open the database at "${missing}": the directory`);
    const aDirectory = join(dir, 'a-directory');
    mkdirSync(aDirectory);
    expect(() => open(aDirectory)).toThrow(/it is a directory/);
    const notADatabase = join(dir, 'notes.txt');
    writeFileSync(notADatabase, 'these are not the droids you are looking for, not a database at all'.repeat(100));
    expect(() => open(notADatabase)).toThrow(new RegExp(`cannot (open|prepare) the database at "${notADatabase}"`));
    const underAFile = join(notADatabase, 'sitrep.db');
    expect(() => open(underAFile)).toThrow(/is not a directory/);
  });

  it('lets two connections share one file: each sees what the other wrote', async () => {
    const path = freshPath();
    const a = open(path);
    const b = open(path);
    const first = makeEvent();
    await a.putEvent(first, at);
    expect((await b.getEvent(first.id))?.revision).toBe(1);
    await b.putEvent({ ...first, summary: 'Changed by b.' }, at);
    expect((await a.getEvent(first.id))?.event.summary).toBe('Changed by b.');
    expect(await a.history(first.id)).toHaveLength(2);
    await a.close();
    await b.close();
  });

  it('lets several processes open, migrate and write one new file at once', async () => {
    const path = freshPath();
    const writer = fileURLToPath(new URL('../support/store-writer.ts', import.meta.url));
    const run = promisify(execFile);
    await Promise.all(['p1', 'p2', 'p3'].map((p) => run(process.execPath, ['--import', 'tsx', writer, path, p, '60'])));
    const store = open(path);
    expect(await store.countEvents({})).toBe(180);
    await store.close();
  });

  it('refuses another gazetteer version in one line naming rebuild-derived, which rebuilds the place rows once', async () => {
    const path = freshPath();
    const event = makeEvent({ place: { placeId: 'new-town', text: 'New Town', geoPrecision: 'locality' } });
    const before = open(path);
    await before.putEvent(event, at);
    expect(await before.countEvents({ placeId: 'artibonite' })).toBe(0);
    await before.close();
    const grown = (id: string) => (id === 'new-town' ? ['ht', 'artibonite', 'new-town'] : testPlaces.placePath(id));
    const sameVersion = open(path, { placePath: grown });
    expect(await sameVersion.countEvents({ placeId: 'artibonite' })).toBe(0);
    await sameVersion.close();
    expect(() => open(path, { placePath: grown, gazetteerVersion: 'test-2' })).toThrow(
      /^cannot prepare the database at "[^"]+": the store was built with gazetteer "test-1" \(this process: "test-2"\): run `sitrep rebuild-derived`[^\n]+$/,
    );
    await open(path, { placePath: grown, gazetteerVersion: 'test-2', rebuildDerived: true }).close();
    const newVersion = open(path, { placePath: grown, gazetteerVersion: 'test-2' });
    expect(
      (await newVersion.listEvents({ placeId: 'artibonite' }, { limit: 5 })).events.map((e) => e.event.id),
    ).toEqual([event.id]);
    expect(await newVersion.countEvents({ placeId: 'artibonite' })).toBe(1);
    await newVersion.close();
  });

  it('refuses another time zone; rebuild-derived rebuilds the sort keys with it', async () => {
    const path = freshPath();
    const late = makeEvent({ occurredAt: '2025-03-25T23:30:00-04:00', timePrecision: 'datetime' });
    const haiti = open(path);
    await haiti.putEvent(late, at);
    expect(await haiti.countEvents({ from: '2025-03-25', until: '2025-03-26' })).toBe(1);
    await haiti.close();
    expect(() => open(path, { timeZone: 'UTC' })).toThrow(/time zone America\/Port-au-Prince \(this process: UTC\)/);
    await open(path, { timeZone: 'UTC', rebuildDerived: true }).close();
    const utc = open(path, { timeZone: 'UTC' });
    expect(await utc.countEvents({ from: '2025-03-26', until: '2025-03-27' })).toBe(1);
    expect((await utc.listEvents({}, { limit: 1 })).nextKey).toBeUndefined();
    await utc.close();
  });

  it('records the settings of a store from before they were stored, rebuilding it if they differ', async () => {
    const path = freshPath();
    const late = makeEvent({ occurredAt: '2025-03-25T23:30:00-04:00', timePrecision: 'datetime' });
    const haiti = open(path);
    await haiti.putEvent(late, at);
    await haiti.close();
    const raw = new Database(path);
    raw.prepare("DELETE FROM meta WHERE key = 'derived_settings'").run();
    raw.close();
    const utc = open(path, { timeZone: 'UTC' });
    expect(await utc.countEvents({ from: '2025-03-26', until: '2025-03-27' })).toBe(1);
    await utc.close();
    expect(() => open(path)).toThrow(/sitrep rebuild-derived/);
  });
});

describe('migration runner', () => {
  const migrationsIn = (files: Record<string, string>) => {
    const migrationDir = mkdtempSync(join(dir, 'migrations-'));
    for (const [name, sql] of Object.entries(files)) writeFileSync(join(migrationDir, name), sql);
    return migrationDir;
  };

  it('applies files in number order, once, and later files on a later run', async () => {
    const migrationDir = migrationsIn({
      '010_b.sql': 'INSERT INTO t (v) VALUES (2);',
      '001_a.sql': 'CREATE TABLE t (v INTEGER); INSERT INTO t (v) VALUES (1);',
      'README.md': 'not a migration',
    });
    const db = new Database(':memory:');
    expect(migrate(db, loadMigrations(migrationDir))).toEqual(['001_a.sql', '010_b.sql']);
    expect(migrate(db, loadMigrations(migrationDir))).toEqual([]);
    writeFileSync(join(migrationDir, '005_c.sql'), 'INSERT INTO t (v) VALUES (3);');
    expect(migrate(db, loadMigrations(migrationDir))).toEqual(['005_c.sql']);
    expect(db.prepare('SELECT v FROM t ORDER BY rowid').pluck().all()).toEqual([1, 2, 3]);
    db.close();
  });

  it('rolls back a failing migration and names it', async () => {
    const migrationDir = migrationsIn({
      '001_ok.sql': 'CREATE TABLE t (v INTEGER);',
      '002_bad.sql': 'CREATE TABLE u (v INTEGER); INSERT INTO missing VALUES (1);',
    });
    const db = new Database(':memory:');
    expect(() => migrate(db, loadMigrations(migrationDir))).toThrow(/002_bad\.sql failed: no such table: missing/);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(['schema_migrations', 't']);
    db.close();
  });

  it('refuses two files with one number and badly named SQL files', async () => {
    expect(() => loadMigrations(migrationsIn({ '001_a.sql': '', '001_b.sql': '' }))).toThrow(/share the number 001/);
    expect(() => loadMigrations(migrationsIn({ '1_a.sql': '' }))).toThrow(/expected a name like 001_events\.sql/);
  });
});
