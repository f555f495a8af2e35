/**
 * The CLI as a user runs it (`bin/sitrep.js`, the built bundle) on a Postgres store: the first
 * command creates the tables and the seed; another time zone is refused in one line naming
 * `sitrep rebuild-derived`; `migrate-store` copies a SQLite store into an empty database.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { type CliResult, sitrepBin } from '../../support/cli-runs.ts';
import { createBareDatabase } from '../../support/postgres.ts';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-postgres-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sitrep(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [sitrepBin, ...args],
      { env: { PATH: process.env.PATH, SITREP_DB_PATH: join(dir, 'unused.db'), LOG_LEVEL: 'silent', ...env } },
      (err, stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }),
    );
  });
}

it('answers from a Postgres store it creates, and refuses another time zone in one line', async () => {
  const url = await createBareDatabase();
  const first = await sitrep(['status'], { SITREP_DATABASE_URL: url });
  expect(first).toMatchObject({ code: 0, stderr: '' });
  expect(first.stdout).toContain('mission status');
  const refused = await sitrep(['status'], { SITREP_DATABASE_URL: url, SITREP_TIME_ZONE: 'UTC' });
  expect(refused.code).toBe(2);
  expect(refused.stderr).toMatch(/^[^\n]*\(this process: UTC\)[^\n]*sitrep rebuild-derived[^\n]*\n$/);
  expect(await sitrep(['leads'], { SITREP_DATABASE_URL: url })).toEqual({
    code: 2,
    stdout: '',
    stderr: 'leads: sources and leads are kept in the SQLite store only: unset SITREP_DATABASE_URL\n',
  });
});

it('copies a SQLite store into an empty Postgres database with migrate-store', async () => {
  const sqlite = join(dir, 'source.db');
  expect((await sitrep(['status'], { SITREP_DB_PATH: sqlite })).code).toBe(0);
  const url = await createBareDatabase();
  const copied = await sitrep(['migrate-store', '--from', sqlite, '--to', url], {});
  expect(copied).toMatchObject({ code: 0, stderr: '' });
  expect(copied.stdout).toMatch(/copied \d+ events into Postgres\n$/);
  const onPostgres = await sitrep(['status'], { SITREP_DATABASE_URL: url });
  const onSqlite = await sitrep(['status'], { SITREP_DB_PATH: sqlite });
  expect(onPostgres.stdout).toBe(onSqlite.stdout);
});
