/**
 * Opening the SQLite file: checks that say which path is wrong and why, and the pragmas every
 * connection needs (WAL, so readers never wait for the writer; a busy timeout, so several
 * processes can share the file; foreign keys). A file this user may read but not write (or
 * whose directory it may not write) is opened read-only, so read commands still answer.
 */
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { prepareSchema } from './migrate.ts';

/** The database could not be opened or is not a Sitrep database; the message names the path. */
export class StoreOpenError extends Error {
  override readonly name = 'StoreOpenError';
}

const mayAccess = (path: string, mode: number): boolean => {
  try {
    accessSync(path, mode);
    return true;
  } catch {
    return false;
  }
};

/** The nearest existing ancestor of `dir`, when it is a file that keeps the directory from being created. */
function fileInTheWay(dir: string): string | undefined {
  for (let at = dir; at !== dirname(at); at = dirname(at)) {
    if (existsSync(at)) return statSync(at).isDirectory() ? undefined : at;
  }
  return undefined;
}

/** Creates the database file's directory when it is missing, or says why it cannot. */
export function ensureDatabaseDirectory(path: string): void {
  if (path === ':memory:') return;
  const dir = dirname(resolve(path));
  const blocker = fileInTheWay(dir);
  if (blocker)
    throw new StoreOpenError(`cannot open the database at "${path}": "${blocker}" is a file, not a directory`);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'EACCES' || code === 'EPERM'
        ? 'this user may not create it'
        : code === 'EROFS'
          ? 'the file system is read-only'
          : (err as Error).message;
    throw new StoreOpenError(`cannot open the database at "${path}": cannot create the directory "${dir}" (${why})`);
  }
}

/** Why SQLite refused the file, in words that say what to do. */
function openFailure(dir: string, err: unknown): string {
  const code = (err as { code?: unknown }).code;
  if (code === 'SQLITE_READONLY_DIRECTORY')
    return `it is in WAL mode and this user may not write its directory "${dir}", which SQLite needs even to read it: make the directory writable, or copy the file to a writable directory`;
  if (code === 'SQLITE_NOTADB') return 'it is not a SQLite database; name a Sitrep database file, or a new file';
  if (typeof code === 'string' && code.startsWith('SQLITE_CORRUPT'))
    return `the file is damaged (${(err as Error).message}); restore it from a backup`;
  return (err as Error).message;
}

/**
 * Opens the file with the pragmas every connection needs, or says why it cannot. `maxPages` caps
 * the file (SQLite's max_page_count): a write beyond it fails as it would on a full disk.
 */
export function openDatabase(
  path: string,
  busyTimeoutMs: number,
  maxPages?: number,
  readOnly = false,
): Database.Database {
  const cannot = (why: string) => new StoreOpenError(`cannot open the database at "${path}": ${why}`);
  let readonly = false;
  const dir = dirname(resolve(path));
  if (path !== ':memory:') {
    if (!existsSync(dir)) throw cannot(`the directory "${dir}" does not exist`);
    if (!statSync(dir).isDirectory()) throw cannot(`"${dir}" is not a directory`);
    if (existsSync(path)) {
      if (statSync(path).isDirectory()) throw cannot('it is a directory, expected a file');
      if (!mayAccess(path, constants.R_OK))
        throw cannot('this user may not read it; run as the user who owns it, or make it readable');
      readonly = readOnly || !mayAccess(path, constants.W_OK) || !mayAccess(dir, constants.W_OK);
    } else if (readOnly) {
      throw cannot('it does not exist (a reading connection opens a store the writer has created)');
    } else if (!mayAccess(dir, constants.W_OK)) {
      throw cannot(`it does not exist and this user may not create files in "${dir}"`);
    }
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { timeout: busyTimeoutMs, readonly, fileMustExist: readonly });
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    // A read-only connection keeps the file's journal mode; reading it is the first read of the file.
    db.pragma(readonly ? 'journal_mode' : 'journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('cache_size = -65536');
    if (maxPages !== undefined) db.pragma(`max_page_count = ${Math.trunc(maxPages)}`);
    return db;
  } catch (err) {
    db?.close();
    throw new StoreOpenError(`cannot open the database at "${path}": ${openFailure(dir, err)}`, { cause: err });
  }
}

/**
 * Opens the file and applies the migrations it lacks (a read-only connection only checks that
 * none is pending), or says why it cannot.
 */
export function openMigratedDatabase(
  path: string,
  busyTimeoutMs: number,
  maxPages?: number,
  readOnly = false,
): Database.Database {
  const db = openDatabase(path, busyTimeoutMs, maxPages, readOnly);
  try {
    prepareSchema(db);
    return db;
  } catch (err) {
    db.close();
    throw new StoreOpenError(`cannot prepare the database at "${path}": ${(err as Error).message}`, { cause: err });
  }
}
