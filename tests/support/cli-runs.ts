/**
 * Running the CLI as a user would: `node bin/sitrep.js ...` as a process (as this user or as
 * another one, for whom file modes apply even when the tests run as root), or runDataCli and
 * runCli in this process with their output captured; and what a test compares before and after
 * (the files of a folder, the rows of a database).
 */
import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { openApp } from '../../src/app.ts';
import { runCli } from '../../src/bots/console/cli.ts';
import { type DataCliDeps, runDataCli } from '../../src/bots/console/data-cli.ts';
import { ensureDatabaseDirectory } from '../../src/store/index.ts';
import { TEST_NOW, testSeed } from './services.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export const sitrepBin = fileURLToPath(new URL('../../bin/sitrep.js', import.meta.url));

/**
 * `sitrep <args>` as a process with SITREP_DB_PATH = `dbPath`; `asUser` prefixes the command
 * (runuser); `env` adds settings.
 */
export function runSitrep(
  args: string[],
  dbPath: string,
  asUser: string[] = [],
  env: Record<string, string> = {},
): Promise<CliResult> {
  const [command, ...prefix] = [...asUser, process.execPath];
  return new Promise((resolve) => {
    execFile(
      command as string,
      [...prefix, sitrepBin, ...args],
      { env: { PATH: process.env.PATH, SITREP_DB_PATH: dbPath, LOG_LEVEL: 'silent', ...env }, maxBuffer: 64 << 20 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/**
 * How to run a command as a user for whom file modes hold: nothing when these tests do not run
 * as root, `runuser -u nobody --` when they do; or why that is not possible here.
 */
export function otherUser(): { prefix: string[] } | { skip: string } {
  if (process.getuid?.() !== 0) return { prefix: [] };
  const prefix = ['runuser', '-u', 'nobody', '--'];
  const repo = fileURLToPath(new URL('../../', import.meta.url));
  const probe = `require('fs').accessSync(${JSON.stringify(sitrepBin)}, 4); require(require.resolve('better-sqlite3', { paths: [${JSON.stringify(repo)}] }))`;
  const result = spawnSync(prefix[0] as string, [...prefix.slice(1), process.execPath, '-e', probe], {
    encoding: 'utf8',
  });
  if (result.error) return { skip: `running as root and runuser is not available (${result.error.message})` };
  if (result.status !== 0)
    return { skip: `running as root and user "nobody" cannot run the CLI here: ${result.stderr.split('\n')[0]}` };
  return { prefix };
}

export interface Captured {
  code: number;
  out: string[];
  err: string[];
}

/** Opens services as `sitrep` does: the directory created if missing, then the seeded app. */
export function openAt(dbPath: string): ReturnType<DataCliDeps['openServices']> {
  ensureDatabaseDirectory(dbPath);
  return openApp({ dbPath, seed: testSeed() });
}

/** runDataCli (import, export) in this process, as `sitrep` runs it, with the output captured. */
export async function dataCli(
  argv: string[],
  dbPath: string,
  openServices: DataCliDeps['openServices'] = () => openAt(dbPath),
): Promise<Captured> {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t) };
  const code = await runDataCli(argv, { openServices, now: () => TEST_NOW, io });
  return { code, out, err };
}

/** runCli (status, timeline, report...) in this process, with the output and what it logged captured. */
export async function queryCli(
  argv: string[],
  dbPath: string,
  openServices: DataCliDeps['openServices'] = () => openAt(dbPath),
): Promise<Captured & { logged: object[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const logged: object[] = [];
  const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t) };
  const log = { error: (obj: object) => logged.push(obj) };
  const code = await runCli(argv, { openServices, now: () => TEST_NOW, log, io });
  return { code, out, err, logged };
}

/** Every file and folder under `dir` with a hash of each file's bytes. */
export function folderState(dir: string): Record<string, string> {
  const state: Record<string, string> = {};
  const walk = (at: string, prefix: string) => {
    for (const name of readdirSync(at).sort()) {
      const path = join(at, name);
      const stat = statSync(path);
      if (stat.isDirectory()) {
        state[`${prefix}${name}/`] = 'folder';
        walk(path, `${prefix}${name}/`);
      } else {
        state[prefix + name] = stat.isFile() && canRead(path) ? hash(readFileSync(path)) : `mode ${stat.mode}`;
      }
    }
  };
  walk(dir, '');
  return state;
}

const canRead = (path: string) => {
  try {
    accessSync(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
};

const hash = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** A hash of every row of every table: equal before and after means the database did not change. */
export function databaseContent(path: string): string {
  if (!existsSync(path)) return 'no database';
  const db = new Database(path, { fileMustExist: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all() as string[];
    const rows = tables.map((t) => [
      t,
      db
        .prepare(`SELECT * FROM "${t}"`)
        .raw()
        .all()
        .map((row) => JSON.stringify(row))
        .sort(),
    ]);
    return hash(JSON.stringify(rows));
  } finally {
    db.close();
  }
}
