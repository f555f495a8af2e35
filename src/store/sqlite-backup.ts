/**
 * A consistent copy of a SQLite store while the bot writes to it, through SQLite's online backup
 * API (better-sqlite3's `db.backup`): the copy is a snapshot of committed transactions, whatever
 * runs meanwhile. It is written beside its target under a temporary name, checked, and only then
 * linked to the target name, which never replaces an existing file; a failed backup leaves nothing.
 */
import { existsSync, linkSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';

export interface BackupReport {
  /** Where the copy is. */
  path: string;
  bytes: number;
  events: number;
}

/** A backup that could not be made; the message names the path and why. Nothing was left behind. */
export class BackupError extends Error {
  override readonly name = 'BackupError';
}

/** Copies the store at `source` to `target` (a new file), or throws a BackupError. */
export async function backupSqlite(source: string, target: string): Promise<BackupReport> {
  if (!existsSync(source)) throw new BackupError(`there is no database at "${source}" to back up`);
  const temporary = join(dirname(resolve(target)), `.${basename(target)}.${process.pid}.backup`);
  let db: Database.Database;
  try {
    // Reading only: the bot's writer is never waited for, and this connection changes nothing.
    db = new Database(source, { readonly: true, fileMustExist: true, timeout: 5000 });
  } catch (err) {
    throw new BackupError(`cannot read the database at "${source}": ${(err as Error).message}`, { cause: err });
  }
  try {
    // All remaining pages in one step: a step between which another process commits starts over.
    await db.backup(temporary, { progress: () => ALL_PAGES });
  } catch (err) {
    removeCopy(temporary);
    throw new BackupError(`cannot copy "${source}" to "${target}": ${(err as Error).message}`, { cause: err });
  } finally {
    db.close();
  }
  try {
    const report = check(temporary, source, target);
    // A hard link fails if the target exists, even if it appeared since the caller checked.
    linkSync(temporary, target);
    return report;
  } catch (err) {
    if (err instanceof BackupError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new BackupError(`"${target}" already exists: name a new file`);
    throw new BackupError(`cannot write "${target}": ${(err as Error).message}`, { cause: err });
  } finally {
    removeCopy(temporary);
  }
}

const ALL_PAGES = 2 ** 30;

function removeCopy(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
}

/** The copy opens and its pages are sound; what it holds, for the report. */
function check(copy: string, source: string, target: string): BackupReport {
  const db = new Database(copy, { fileMustExist: true });
  try {
    const result = db.pragma('quick_check', { simple: true });
    if (result !== 'ok') throw new Error(`the copy failed its check (${String(result)})`);
    // The copy keeps the source's WAL mode; a single file is what a backup should be.
    db.pragma('journal_mode = DELETE');
    let events: number;
    try {
      events = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM events').get()?.n ?? 0;
    } catch (err) {
      throw new BackupError(`the database at "${source}" is not a Sitrep database (${(err as Error).message})`);
    }
    const pages = db.pragma('page_count', { simple: true }) as number;
    const size = db.pragma('page_size', { simple: true }) as number;
    return { path: target, bytes: pages * size, events };
  } finally {
    db.close();
  }
}
