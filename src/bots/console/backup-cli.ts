/**
 * `sitrep backup <file>`: a consistent copy of the SQLite store, safe while the bot runs. A bad
 * path, a file that exists or a directory this user may not write prints one line and exits 2,
 * leaving no file behind.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { BackupError, backupSqlite } from '../../store/sqlite-backup.ts';
import type { CliIo } from './cli.ts';

export const BACKUP_USAGE = [
  '  sitrep backup <file>',
  '      Copy the database to a new file, consistently, while the bot runs',
].join('\n');

export interface BackupCliDeps {
  /** SITREP_DB_PATH */
  dbPath: string;
  /** SITREP_DATABASE_URL: a Postgres store is backed up with its own tools. */
  databaseUrl: string | undefined;
  io: CliIo;
}

const statOf = (path: string) => {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
};

/** Why `target` cannot be a new file, or undefined when it can. */
function refusal(target: string | undefined): string | undefined {
  if (target === undefined || target.trim() === '') return 'name the file to write: sitrep backup <file>';
  const existing = statOf(target);
  if (existing?.isDirectory()) return `"${target}" is a directory: name a new file in it`;
  if (existing) return `"${target}" already exists: name a new file (a backup never overwrites one)`;
  const dir = dirname(resolve(target));
  const parent = statOf(dir);
  if (!parent) return `the directory "${dir}" does not exist`;
  if (!parent.isDirectory()) return `"${dir}" is not a directory`;
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    return `this user may not write in "${dir}"`;
  }
  return undefined;
}

export async function runBackupCli(argv: string[], deps: BackupCliDeps): Promise<number> {
  const [, target, ...extra] = argv;
  const fail = (why: string) => {
    deps.io.err(`sitrep backup: ${why}.`);
    return 2;
  };
  if (deps.databaseUrl !== undefined)
    return fail('the store is a Postgres database (SITREP_DATABASE_URL); back it up with pg_dump');
  if (extra.length > 0) return fail(`one file only (got also "${extra.join(' ')}")`);
  const why = refusal(target);
  if (why || target === undefined) return fail(why ?? 'name the file to write');
  try {
    const report = await backupSqlite(deps.dbPath, target);
    const mb = (report.bytes / 1e6).toFixed(1);
    deps.io.out(`Backed up ${deps.dbPath} to ${report.path}: ${report.events} events, ${mb} MB.`);
    return 0;
  } catch (err) {
    if (err instanceof BackupError) return fail(err.message);
    throw err;
  }
}
