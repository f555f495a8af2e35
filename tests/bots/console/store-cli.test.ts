/**
 * The settings that shape stored data, as a user meets them on SQLite: a process started with
 * another time zone refuses in one line naming `sitrep rebuild-derived`, which rebuilds the store
 * once; and the store commands' bad arguments.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { type CliResult, sitrepBin } from '../../support/cli-runs.ts';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-store-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const dbPath = join(dir, 'sitrep.db');

function sitrep(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [sitrepBin, ...args],
      { env: { PATH: process.env.PATH, SITREP_DB_PATH: dbPath, LOG_LEVEL: 'silent', ...env } },
      (err, stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }),
    );
  });
}

it('refuses another time zone until rebuild-derived rebuilds the store with it', async () => {
  expect((await sitrep(['status'])).code).toBe(0);
  const refused = await sitrep(['status'], { SITREP_TIME_ZONE: 'UTC' });
  expect(refused.code).toBe(2);
  expect(refused.stderr).toMatch(
    /^[^\n]*time zone America\/Port-au-Prince \(this process: UTC\)[^\n]*sitrep rebuild-derived[^\n]*\n$/,
  );
  const rebuilt = await sitrep(['rebuild-derived'], { SITREP_TIME_ZONE: 'UTC' });
  expect(rebuilt).toMatchObject({ code: 0, stderr: '' });
  expect(rebuilt.stdout).toMatch(/^rebuilt the derived rows of \d+ events for time zone UTC/);
  expect((await sitrep(['status'], { SITREP_TIME_ZONE: 'UTC' })).code).toBe(0);
  expect((await sitrep(['status'])).stderr).toMatch(/this process: America\/Port-au-Prince/);
});

it('says in one line what is wrong with migrate-store arguments', async () => {
  const missing = await sitrep(['migrate-store', '--from', join(dir, 'none.db'), '--to', 'postgres://x@127.0.0.1/x']);
  expect(missing).toMatchObject({ code: 2, stdout: '' });
  expect(missing.stderr).toMatch(/^migrate-store: --from must name an existing SQLite file[^\n]*\n$/);
  const noTarget = await sitrep(['migrate-store', '--from', dbPath]);
  expect(noTarget.stderr).toBe('migrate-store: --to must be a postgres:// URL (or set SITREP_DATABASE_URL)\n');
  expect((await sitrep(['migrate-store', '--nope'])).stderr).toMatch(
    /^migrate-store: Unknown option '--nope'[^\n]*\n$/,
  );
});
