/**
 * The CLI as a user runs it (`bin/sitrep.js`, the built bundle) on a Postgres store: the first
 * command creates the tables and the seed; another time zone is refused in one line naming
 * `sitrep rebuild-derived`; sources and leads are kept there; `migrate-store` copies a SQLite store into an
 * empty database.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { type CliResult, sitrepBin } from '../../support/cli-runs.ts';
import { rssFeed } from '../../support/feed-fixtures.ts';
import { FeedServer, staticFeed } from '../../support/feed-server.ts';
import { createBareDatabase, createTestDatabase } from '../../support/postgres.ts';

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
});

it('keeps sources and leads in the Postgres store: add a source, poll it, list its leads', async () => {
  const server = await new FeedServer().start();
  try {
    server.routes.set(
      '/feed.xml',
      staticFeed(() =>
        rssFeed([
          {
            title: 'Gang attack in Pont-Sondé',
            link: 'https://wire.example.org/1',
            id: '1',
            date: '2025-03-26T10:00:00Z',
          },
          { title: 'Clashes in Delmas', link: 'https://wire.example.org/2', id: '2', date: '2025-03-26T11:00:00Z' },
        ]),
      ),
    );
    const env = { SITREP_DATABASE_URL: await createTestDatabase(), SITREP_ALLOW_PRIVATE_SOURCES: 'true' };
    const added = await sitrep(['sources', 'add', server.url('/feed.xml')], env);
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toContain('Source added: #1');
    expect(await sitrep(['sources', 'poll'], env)).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^#1 2 new leads/),
    });
    const leads = await sitrep(['leads', '--json'], env);
    expect(leads.code).toBe(0);
    expect((JSON.parse(leads.stdout) as { title: string }[]).map((l) => l.title)).toEqual([
      'Clashes in Delmas',
      'Gang attack in Pont-Sondé',
    ]);
    // Polled again: nothing new.
    expect((await sitrep(['sources', 'poll'], env)).stdout).toMatch(/^#1 (unchanged since the last poll|0 new lead)/);
    expect(JSON.parse((await sitrep(['leads', '--json'], env)).stdout)).toHaveLength(2);
  } finally {
    await server.stop();
  }
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
