/**
 * `sitrep backup <file>`: a consistent copy while another process writes (every event committed
 * before the backup began, and no half of a later one), which opens and answers `sitrep status`;
 * bad targets give one line, exit 2, and leave no file behind.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { otherUser, runSitrep } from '../../support/cli-runs.ts';
import { waitFor } from '../../support/timing.ts';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-backup-'));
const writerScript = fileURLToPath(new URL('../../support/event-writer.ts', import.meta.url));
let writer: ChildProcess | undefined;

afterAll(() => {
  writer?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function startWriter(path: string): { process: ChildProcess; written: string[] } {
  const child = spawn(process.execPath, ['--import', 'tsx', writerScript, path], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { PATH: process.env.PATH ?? '' },
  });
  writer = child;
  const written: string[] = [];
  let partial = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const parts = (partial + chunk.toString('utf8')).split('\n');
    partial = parts.pop() ?? '';
    written.push(...parts);
  });
  return { process: child, written };
}

describe('sitrep backup', () => {
  it('copies every committed event while a writer writes; the copy answers status', async () => {
    const db = join(dir, 'live.db');
    const copy = join(dir, 'copy.db');
    const { process: child, written } = startWriter(db);
    await waitFor(() => (written.length >= 20 ? true : undefined), 60_000, 'the writer to commit 20 events');
    const before = written.length;
    const result = await runSitrep(['backup', copy], db);
    const after = written.length;
    child.stdin?.end();
    await once(child, 'exit');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Backed up .*live\.db to .*copy\.db: \d+ events, [\d.]+ MB\.\n$/);
    // The writer kept writing through the backup: it really ran alongside one.
    expect(after).toBeGreaterThan(before);

    const backup = new Database(copy, { readonly: true, fileMustExist: true });
    try {
      expect(backup.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(backup.pragma('journal_mode', { simple: true })).toBe('delete');
      const ids = backup
        .prepare<[], { id: string }>("SELECT id FROM events WHERE id LIKE 'written-%'")
        .all()
        .map((r) => Number(r.id.slice('written-'.length)))
        .sort((a, b) => a - b);
      // A prefix of what was written: everything committed before the backup began, no gap.
      expect(ids.length).toBeGreaterThanOrEqual(before);
      expect(ids).toEqual(ids.map((_, i) => i));
      // Each event with its revision: no transaction half copied.
      const revisions = backup
        .prepare<[], { n: number }>("SELECT count(*) AS n FROM event_revisions WHERE event_id LIKE 'written-%'")
        .get();
      expect(revisions?.n).toBe(ids.length);
    } finally {
      backup.close();
    }
    expect(readdirSync(dir).filter((f) => f.includes('copy') && f !== 'copy.db')).toEqual([]);

    const status = await runSitrep(['status'], copy);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout.length).toBeGreaterThan(100);
  });

  it('refuses a bad target in one line, exit 2, and leaves no file', async () => {
    const db = join(dir, 'bad-targets.db');
    expect((await runSitrep(['status'], db)).code).toBe(0);
    const existing = join(dir, 'existing.db');
    writeFileSync(existing, 'keep me');
    const cases: Array<[string[], RegExp]> = [
      [['backup'], /name the file to write/],
      [['backup', ''], /name the file to write/],
      [['backup', existing], /already exists/],
      [['backup', dir], /is a directory/],
      [['backup', join(dir, 'missing', 'copy.db')], /does not exist/],
      [['backup', join(existing, 'copy.db')], /is not a directory/],
      [['backup', join(dir, 'a.db'), join(dir, 'b.db')], /one file only/],
    ];
    const files = readdirSync(dir).sort();
    for (const [args, message] of cases) {
      const result = await runSitrep(args, db);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split('\n'), result.stderr).toHaveLength(1);
    }
    expect(readdirSync(dir).sort()).toEqual(files);
    expect(readFileSync(existing, 'utf8')).toBe('keep me');

    const missing = await runSitrep(['backup', join(dir, 'from-nothing.db')], join(dir, 'no-such.db'));
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toMatch(/^sitrep backup: there is no database at ".*no-such\.db" to back up\.$/);
    const foreign = join(dir, 'foreign.db');
    new Database(foreign).exec('CREATE TABLE notes (text TEXT)').close();
    const files2 = readdirSync(dir).sort();
    const notOurs = await runSitrep(['backup', join(dir, 'from-foreign.db')], foreign);
    expect(notOurs.code).toBe(2);
    expect(notOurs.stderr.trim()).toMatch(/^sitrep backup: the database at ".*foreign\.db" is not a Sitrep database/);
    expect(readdirSync(dir).sort()).toEqual(files2);
    expect(files2.filter((f) => !files.includes(f))).toEqual(['foreign.db']);
  });

  it('refuses a directory this user may not write, leaving nothing', async (ctx) => {
    const user = otherUser();
    if ('skip' in user) return ctx.skip(user.skip);
    const db = join(dir, 'readable.db');
    expect((await runSitrep(['status'], db)).code).toBe(0);
    chmodSync(db, 0o644);
    chmodSync(dir, 0o755);
    const locked = join(dir, 'locked');
    mkdirSync(locked, { mode: 0o755 });
    const result = await runSitrep(['backup', join(locked, 'copy.db')], db, user.prefix);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toMatch(/^sitrep backup: this user may not write in ".*locked"\.$/);
    expect(readdirSync(locked)).toEqual([]);
  });

  it('says to use pg_dump for a Postgres store', async () => {
    const result = await runSitrep(['backup', join(dir, 'pg.sql')], join(dir, 'unused.db'), [], {
      SITREP_DATABASE_URL: 'postgres://sitrep@127.0.0.1:5432/sitrep',
    });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      'sitrep backup: the store is a Postgres database (SITREP_DATABASE_URL); back it up with pg_dump.',
    );
  });
});
