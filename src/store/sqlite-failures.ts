/**
 * SQLite errors that are about the file or the disk rather than a bug (a read-only file, a full
 * disk, a lock held too long), said in words that tell the user what to do. Anything else is
 * left undescribed, to be reported as a failure.
 */
import Database from 'better-sqlite3';

export function describeStoreFailure(err: unknown): string | undefined {
  if (!(err instanceof Database.SqliteError)) return undefined;
  const code = err.code;
  if (code.startsWith('SQLITE_READONLY'))
    return 'the database is read-only for this user (its file or its directory is not writable): run as the user who owns it, or make both writable';
  if (code === 'SQLITE_FULL') return 'the disk is full (database or disk is full): free some space and try again';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return 'the database is busy with another process that holds its lock: try again when it is done';
  if (code.startsWith('SQLITE_IOERR')) return `the disk could not read or write the database (${err.message})`;
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')
    return `the database file is damaged (${err.message}): restore it from a backup`;
  return undefined;
}
