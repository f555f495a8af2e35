/**
 * Opening the SQLite file: checks that say which path is wrong and why, and the pragmas every
 * connection needs (WAL, so readers never wait for the writer; a busy timeout, so several
 * processes can share the file; foreign keys).
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';

/** The database could not be opened or is not a Sitrep database; the message names the path. */
export class StoreOpenError extends Error {
  override readonly name = 'StoreOpenError';
}

/** Opens the file with the pragmas every connection needs, or says why it cannot. */
export function openDatabase(path: string, busyTimeoutMs: number): Database.Database {
  if (path !== ':memory:') {
    const dir = dirname(resolve(path));
    if (!existsSync(dir))
      throw new StoreOpenError(`cannot open the database at "${path}": the directory "${dir}" does not exist`);
    if (!statSync(dir).isDirectory())
      throw new StoreOpenError(`cannot open the database at "${path}": "${dir}" is not a directory`);
    if (existsSync(path) && statSync(path).isDirectory()) {
      throw new StoreOpenError(`cannot open the database at "${path}": it is a directory, expected a file`);
    }
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { timeout: busyTimeoutMs });
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('cache_size = -65536');
    return db;
  } catch (err) {
    db?.close();
    throw new StoreOpenError(`cannot open the database at "${path}": ${(err as Error).message}`, { cause: err });
  }
}
