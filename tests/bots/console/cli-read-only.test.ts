/**
 * A database this user may read but not write, and paths this user may not use: `sitrep` run
 * as another user (the tests run as root, whom file modes do not stop). Read commands answer
 * where SQLite allows it; writes and every other case print one line and exit 2, changing
 * nothing.
 */
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../../src/app.ts';
import { acledCsv } from '../../support/acled-file.ts';
import { type CliResult, databaseContent, dataCli, folderState, otherUser, runSitrep } from '../../support/cli-runs.ts';
import { testSeed } from '../../support/services.ts';

const user = otherUser();
const skip = 'skip' in user ? user.skip : undefined;
const asOther = 'prefix' in user ? user.prefix : [];

/** One line on stderr matching `message`, nothing on stdout, exit code 2. */
function expectOneLine(result: CliResult, message: RegExp): void {
  expect(result.stderr.trimEnd()).toMatch(message);
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 2, stdout: '' });
}

const READ_ONLY =
  /the database is read-only for this user \(its file or its directory is not writable\): run as the user who owns it, or make both writable\.$/;
const WAL_FOLDER =
  /it is in WAL mode and this user may not write its directory ".*", which SQLite needs even to read it: make the directory writable, or copy the file to a writable directory\.$/;

describe.skipIf(skip)(
  `as a user whom file modes stop${skip ? ` (skipped: ${skip})` : ''}`,
  { timeout: 180_000 },
  () => {
    let root: string;
    let seeded: string;
    let acled: string;
    beforeAll(async () => {
      root = mkdtempSync(join(tmpdir(), 'sitrep-cli-read-only-'));
      chmodSync(root, 0o755);
      seeded = join(root, 'seeded.db');
      await (await openApp({ dbPath: seeded, seed: testSeed() })).close();
      acled = join(root, 'acled.csv');
      writeFileSync(acled, acledCsv({ rows: 20, seed: 11 }));
      chmodSync(acled, 0o644);
    });
    afterAll(() => rmSync(root, { recursive: true, force: true }));

    /** A copy of the seeded database, readable by all and writable by its owner only, in a folder of `mode`. */
    function readOnlyCopy(name: string, folderMode: number): { dir: string; dbPath: string } {
      const dir = join(root, name);
      mkdirSync(dir);
      const dbPath = join(dir, 'sitrep.db');
      copyFileSync(seeded, dbPath);
      chmodSync(dbPath, 0o644);
      chmodSync(dir, folderMode);
      return { dir, dbPath };
    }

    it('a read-only file: status and export answer; import and report are refused in one line', async () => {
      const { dir, dbPath } = readOnlyCopy('read-only-file', 0o777);
      const content = databaseContent(dbPath);
      const asRoot = await dataCli(['export', '--format', 'csv'], seeded);
      const report = ['report', '--when', '2025-03-01', '--place', 'Kenscoff', '--summary', 'A clash.'];
      const [status, exported, imported, reported] = await Promise.all([
        runSitrep(['status'], dbPath, asOther),
        runSitrep(['export', '--format', 'csv'], dbPath, asOther),
        runSitrep(['import', acled], dbPath, asOther),
        runSitrep([...report, '--source', 'Wire', '--category', 'clash'], dbPath, asOther),
      ]);
      expect(status).toMatchObject({ code: 0, stderr: '' });
      expect(status.stdout).toMatch(/Deployed \(Kenyan police\): at least 800/);
      expect(exported).toEqual({ code: 0, stdout: `${asRoot.out.join('\n')}\n`, stderr: '' });
      expectOneLine(imported, new RegExp(`^Nothing was imported: ${READ_ONLY.source}`));
      expectOneLine(reported, new RegExp(`^Cannot do that: ${READ_ONLY.source}`));
      expect(databaseContent(dbPath)).toBe(content);
      // SQLite's own -wal and -shm aside (a reader creates them), no file appeared.
      const files = Object.keys(folderState(dir)).filter((f) => !/-(wal|shm)$/.test(f));
      expect(files).toEqual(['sitrep.db']);
    });

    it('WAL mode in a read-only folder: even status is refused, in one line saying what to do', async () => {
      const { dir, dbPath } = readOnlyCopy('read-only-folder', 0o755);
      const before = folderState(dir);
      const [status, exported] = await Promise.all([
        runSitrep(['status'], dbPath, asOther),
        runSitrep(['export', '--format', 'json'], dbPath, asOther),
      ]);
      expectOneLine(status, new RegExp(`^Cannot open the database at "${dbPath}": ${WAL_FOLDER.source}`));
      expectOneLine(exported, new RegExp(`^Cannot open the database at "${dbPath}": ${WAL_FOLDER.source}`));
      expect(folderState(dir)).toEqual(before);
    });

    it('WAL mode in a read-only folder while a writer has it open: reads answer', async () => {
      const { dbPath } = readOnlyCopy('read-only-folder-in-use', 0o755);
      // The bot's connection: while it is open, its -wal and -shm files exist for readers to use.
      const writer = new Database(dbPath);
      try {
        writer.pragma('journal_mode = WAL');
        writer.prepare('SELECT count(*) FROM events').get();
        const status = await runSitrep(['status'], dbPath, asOther);
        expect(status).toMatchObject({ code: 0, stderr: '' });
        expect(status.stdout).toMatch(/Deployed \(Kenyan police\): at least 800/);
      } finally {
        writer.close();
      }
    });

    it('a database path this user may not create: one line, exit 2, for every command', async () => {
      const dir = join(root, 'not-ours');
      mkdirSync(dir, { mode: 0o755 });
      chmodSync(dir, 0o755);
      const before = folderState(dir);
      const cannotCreate = join(dir, 'sitrep.db');
      const cannotMakeFolder = join(dir, 'data', 'sitrep.db');
      const [status, imported, exported] = await Promise.all([
        runSitrep(['status'], cannotCreate, asOther),
        runSitrep(['import', acled], cannotMakeFolder, asOther),
        runSitrep(['export', '--format', 'csv'], cannotCreate, asOther),
      ]);
      const noFile = `^Cannot open the database at "${cannotCreate}": it does not exist and this user may not create files in "${dir}"\\.$`;
      expectOneLine(status, new RegExp(noFile));
      expectOneLine(
        imported,
        new RegExp(
          `^Cannot open the database at "${cannotMakeFolder}": cannot create the directory "${join(dir, 'data')}" \\(this user may not create it\\)\\.$`,
        ),
      );
      expectOneLine(exported, new RegExp(noFile));
      expect(folderState(dir)).toEqual(before);
    });

    it('export --out into a folder this user may not write: one line, the older file untouched, no .partial', async () => {
      const dir = join(root, 'out-not-ours');
      mkdirSync(dir);
      const out = join(dir, 'events.csv');
      writeFileSync(out, 'an older export\n');
      chmodSync(out, 0o666);
      chmodSync(dir, 0o755);
      const { dbPath } = readOnlyCopy('out-db', 0o777);
      const before = folderState(dir);
      const result = await runSitrep(['export', '--format', 'csv', '--out', out], dbPath, asOther);
      expectOneLine(result, new RegExp(`^Cannot write ${out}: this user may not write there; nothing was written\\.$`));
      expect(folderState(dir)).toEqual(before);
    });

    it('an import file this user may not read: one line, exit 2, the database unchanged', async () => {
      const { dbPath } = readOnlyCopy('unreadable-input', 0o777);
      const secret = join(root, 'secret.csv');
      copyFileSync(acled, secret);
      chmodSync(secret, 0o600);
      const content = databaseContent(dbPath);
      const result = await runSitrep(['import', secret], dbPath, asOther);
      expectOneLine(result, new RegExp(`^${secret}: this user may not read it\\.$`));
      expect(databaseContent(dbPath)).toBe(content);
    });
  },
);
