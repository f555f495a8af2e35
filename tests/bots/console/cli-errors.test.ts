/**
 * Bad paths, databases that cannot be opened, a full disk and endless input: each gives one
 * line naming the problem, exit code 2, and changes nothing (no file left, the database as it
 * was). Most cases run runDataCli and runCli in this process, as `sitrep` runs them; a few run
 * the real `sitrep` process to show that no stack trace reaches the terminal.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../../src/app.ts';
import { MAX_IMPORT_BYTES } from '../../../src/import/read-text.ts';
import { openSqliteStore } from '../../../src/store/index.ts';
import { acledCsv } from '../../support/acled-file.ts';
import {
  type Captured,
  databaseContent,
  dataCli,
  folderState,
  queryCli,
  runSitrep,
  sitrepBin,
} from '../../support/cli-runs.ts';
import { testSeed } from '../../support/services.ts';

const root = mkdtempSync(join(tmpdir(), 'sitrep-cli-errors-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let folders = 0;
/** A fresh folder holding a seeded database and a small ACLED file of new events. */
async function workspace(): Promise<{ dir: string; dbPath: string; acled: string }> {
  const dir = join(root, `w${++folders}`);
  mkdirSync(dir);
  const dbPath = join(dir, 'sitrep.db');
  await (await openApp({ dbPath, seed: testSeed() })).close();
  const acled = join(dir, 'acled.csv');
  writeFileSync(acled, acledCsv({ rows: 20, seed: folders }));
  return { dir, dbPath, acled };
}

/** One line on stderr matching `message`, nothing on stdout, exit code 2. */
function expectOneLine(result: Captured, message: RegExp): void {
  expect(result.err).toHaveLength(1);
  expect(result.err[0]).toMatch(message);
  expect(result.err[0]).not.toMatch(/\n|\bat \w+ \(/);
  expect(result.out).toEqual([]);
  expect(result.code).toBe(2);
}

describe('export --out that cannot be a file', () => {
  it.each([
    ['', /^--out is empty: name a file in an existing directory, like --out events\.csv\.$/],
    ['missing/events.csv', /^--out ".*missing\/events\.csv": the directory ".*missing" does not exist; name a file/],
    ['a-folder', /^--out ".*a-folder" is a directory: name a file in it, like .*a-folder\/events\.csv\.$/],
  ])('--out "%s": one line, exit 2, no file written', async (out, message) => {
    const { dir, dbPath } = await workspace();
    mkdirSync(join(dir, 'a-folder'));
    const before = folderState(dir);
    const result = await dataCli(['export', '--format', 'csv', '--out', out && join(dir, out)], dbPath);
    expectOneLine(result, message);
    expect(folderState(dir)).toEqual(before);
  });

  it('replaces an older file whole and leaves no .partial', async () => {
    const { dir, dbPath } = await workspace();
    const out = join(dir, 'events.csv');
    writeFileSync(out, 'an older export\n');
    const result = await dataCli(['export', '--format', 'csv', '--out', out], dbPath);
    expect(result.err).toEqual([expect.stringMatching(/^Wrote \d+ events? to .*events\.csv \(csv\)\.$/)]);
    expect(Object.keys(folderState(dir))).toEqual(['acled.csv', 'events.csv', 'sitrep.db']);
  });
});

describe('import of a path that is not a readable file', () => {
  it.each([
    ['missing.csv', [], /^.*missing\.csv: no such file\.$/],
    ['a-folder', [], /^.*a-folder is a folder; name a file\.$/],
    [
      'acled.csv',
      ['--max-bytes', 'lots'],
      /^--max-bytes must be a size from 1 to \d+ bytes, like 1000000 or 200MB \(got "lots"\)\.$/,
    ],
    [
      'acled.csv',
      ['--max-bytes', '1kB'],
      /^.*acled\.csv is \d+\.?\d* kB, over the import limit of 1 kB: split it, or raise --max-bytes/,
    ],
  ])('import %s %j: one line, exit 2, the database not even created', async (file, flags, message) => {
    const { dir, acled } = await workspace();
    mkdirSync(join(dir, 'a-folder'));
    const fresh = join(dir, 'new', 'sitrep.db');
    const before = folderState(dir);
    const path = file === 'acled.csv' ? acled : join(dir, file);
    expectOneLine(await dataCli(['import', path, ...flags], fresh), message);
    expect(folderState(dir)).toEqual(before);
  });
});

describe('endless and huge input', () => {
  it('/dev/zero is refused at its first bytes', async () => {
    const { dir, dbPath } = await workspace();
    const content = databaseContent(dbPath);
    expectOneLine(
      await dataCli(['import', '/dev/zero'], dbPath),
      /^\/dev\/zero contains NUL bytes \(line 1\): it is binary/,
    );
    expect(databaseContent(dbPath)).toBe(content);
    expect(Object.keys(folderState(dir))).toEqual(['acled.csv', 'sitrep.db']);
  });

  it('a 10 GB file is refused by its size, before it is read', async () => {
    const { dir, dbPath } = await workspace();
    const huge = join(dir, 'huge.csv');
    writeFileSync(huge, 'id,summary\n');
    truncateSync(huge, 10 * 2 ** 30); // sparse: takes no room on the disk
    const content = databaseContent(dbPath);
    expectOneLine(
      await dataCli(['import', huge], dbPath),
      /^.*huge\.csv is 10\.7 GB, over the import limit of 512 MB: split it, or raise --max-bytes \(at most \d+\)\.$/,
    );
    expect(databaseContent(dbPath)).toBe(content);
  });

  it('an endless stream of text stops as soon as --max-bytes is passed (`yes | sitrep import /dev/stdin`)', async () => {
    const { dir, dbPath } = await workspace();
    const content = databaseContent(dbPath);
    // `yes` writes for as long as the pipe is read: the import never sees an end of its input.
    const pipeline = `yes 'id,summary' | exec "$NODE" "$SITREP" import /dev/stdin --max-bytes 2MB`;
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn('sh', ['-c', pipeline], {
        env: {
          PATH: process.env.PATH,
          NODE: process.execPath,
          SITREP: sitrepBin,
          SITREP_DB_PATH: dbPath,
          LOG_LEVEL: 'silent',
        },
        detached: true,
      });
      // A deadline, not a wait: an import that never stops is ended with its pipeline, and fails the test.
      const deadline = setTimeout(() => process.kill(-(child.pid as number), 'SIGKILL'), 100_000);
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => {
        stdout += d;
      });
      child.stderr.on('data', (d) => {
        stderr += d;
      });
      child.on('close', (code) => {
        clearTimeout(deadline);
        resolve({ code, stdout, stderr });
      });
    });
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: `/dev/stdin is larger than the import limit of 2 MB: split it, or raise --max-bytes (at most ${MAX_IMPORT_BYTES}).\n`,
    });
    expect(databaseContent(dbPath)).toBe(content);
    expect(Object.keys(folderState(dir))).toEqual(['acled.csv', 'sitrep.db']);
  }, 120_000);
});

describe('a database that cannot be opened', () => {
  const kinds: Array<[string, (dir: string) => string, RegExp]> = [
    [
      'a directory',
      (dir) => {
        mkdirSync(join(dir, 'db-folder'));
        return join(dir, 'db-folder');
      },
      /^Cannot open the database at ".*db-folder": it is a directory, expected a file\.$/,
    ],
    [
      'not a SQLite file',
      (dir) => {
        writeFileSync(join(dir, 'notes.db'), 'these are notes, not a database\n'.repeat(200));
        return join(dir, 'notes.db');
      },
      /^Cannot open the database at ".*notes\.db": it is not a SQLite database; name a Sitrep database file, or a new file\.$/,
    ],
    [
      'under a file',
      (dir) => {
        writeFileSync(join(dir, 'a-file'), 'in the way');
        return join(dir, 'a-file', 'more', 'sitrep.db');
      },
      /^Cannot open the database at ".*a-file\/more\/sitrep\.db": ".*a-file" is a file, not a directory\.$/,
    ],
  ];
  const commands: Array<[string, (dbPath: string, acled: string) => Promise<Captured>]> = [
    ['status', (dbPath) => queryCli(['status'], dbPath)],
    ['import', (dbPath, acled) => dataCli(['import', acled], dbPath)],
    ['export', (dbPath) => dataCli(['export', '--format', 'json'], dbPath)],
  ];
  const cases = kinds.flatMap(([kind, make, message]) =>
    commands.map(([command, run]) => [command, kind, make, run, message] as const),
  );

  it.each(cases)(
    '%s, the database path being %s: one line, exit 2, nothing changed',
    async (_c, _k, make, run, message) => {
      const { dir, acled } = await workspace();
      const dbPath = make(dir);
      const before = folderState(dir);
      expectOneLine(await run(dbPath, acled), message);
      expect(folderState(dir)).toEqual(before);
    },
  );

  it('as a process: one line and exit 2, no stack trace', async () => {
    const { dir, acled } = await workspace();
    mkdirSync(join(dir, 'db-folder'));
    const result = await runSitrep(['import', acled], join(dir, 'db-folder'));
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: `Cannot open the database at "${join(dir, 'db-folder')}": it is a directory, expected a file.\n`,
    });
  });
});

describe('a full disk during an import', () => {
  let dir: string;
  let dbPath: string;
  let acled: string;
  beforeAll(async () => {
    ({ dir, dbPath, acled } = await workspace());
    writeFileSync(acled, acledCsv({ rows: 2000, seed: 7 }));
  });

  /** The store capped a few pages above its size (SQLite's max_page_count): the import cannot fit. */
  async function cappedServices() {
    const seed = testSeed();
    const app = await openApp({ dbPath, seed });
    const raw = new Database(dbPath, { readonly: true });
    const pages = raw.pragma('page_count', { simple: true }) as number;
    raw.close();
    const store = openSqliteStore({
      path: dbPath,
      placePath: (id) => app.services.gazetteer.pathOf(id),
      placePoint: (id) => app.services.gazetteer.get(id),
      gazetteerVersion: seed.gazetteerVersion,
      timeZone: app.services.settings.timeZone,
      maxPages: pages + 4,
    });
    return {
      services: { ...app.services, store },
      async close() {
        await store.close();
        await app.close();
      },
    };
  }

  it('import: one line, exit 2, nothing written', async () => {
    const content = databaseContent(dbPath);
    const result = await dataCli(['import', acled], dbPath, cappedServices);
    expectOneLine(
      result,
      /^Nothing was imported: the disk is full \(database or disk is full\): free some space and try again\.$/,
    );
    expect(databaseContent(dbPath)).toBe(content);
    expect(Object.keys(folderState(dir))).toEqual(['acled.csv', 'sitrep.db']);
  });
});
