/** The CLI run as a real process, as a user runs it: `node bin/sitrep.js <command>`. */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const bin = new URL('../../../bin/sitrep.js', import.meta.url).pathname;
let dbPath: string;

async function sitrep(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      env: { PATH: process.env.PATH, SITREP_DB_PATH: dbPath, LOG_LEVEL: 'silent' },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(() => {
  dbPath = join(mkdtempSync(join(tmpdir(), 'sitrep-cli-')), 'nested', 'sitrep.db');
});

describe('sitrep CLI', () => {
  it('status: figures with dates and sources, disputed marked; creates the database', async () => {
    const { code, stdout } = await sitrep('status', '--full');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Deployed \(Kenyan police\): at least 800\n\s+\(as of Mar 2025; Seed news report/);
    expect(stdout).toMatch(/Missing: 1 \(1 from disputed reports\) \[DISPUTED\]/);
    expect(existsSync(dbPath)).toBe(true);
  });

  it('timeline with filters, and --json prints the View', async () => {
    const { code, stdout } = await sitrep('timeline', '--location', 'Artibonite', '--limit', '2', '--json');
    expect(code).toBe(0);
    const view = JSON.parse(stdout);
    expect(view.kind).toBe('timeline');
    expect(view.sections[0].items.map((i: { id: string }) => i.id)).toEqual([
      '2025-03-25-pont-sonde-ambush',
      '2025-03-18-kenyan-officer-shot',
    ]);
    const next = view.actions.find((a: { label: string }) => a.label === 'Next');
    const page2 = await sitrep('timeline', '--location', 'Artibonite', '--limit', '2', '--cursor', next.cursor);
    expect(page2.stdout).toMatch(/Ségur-Savien/);
    expect(page2.stdout).not.toMatch(/2025-03-25-pont-sonde-ambush/);
  });

  it('location "pont sonde" and Artibonite; ask about Kenscoff', async () => {
    const pont = await sitrep('location', 'pont sonde', '--full');
    expect(pont.stdout).toMatch(/^Pont-Sondé: what happened/);
    expect(pont.stdout).toMatch(/Place \(superseded\): "Port-au-Prince's Pont-Sondé area"/);
    const dept = await sitrep('location', 'Artibonite', '--radius-km', '0', '--full');
    expect(dept.stdout).toMatch(/Ségur-Savien/);
    const asked = await sitrep('ask', 'what happened in Kenscoff?', '--full');
    expect(asked.code).toBe(0);
    expect(asked.stdout).toMatch(/Belot/);
    expect(asked.stdout).toMatch(/Condition \(contested\)/);
  });

  it('the first answer is one screen, saying what is left for --full', async () => {
    const { code, stdout } = await sitrep('status');
    expect(code).toBe(0);
    expect(stdout.trimEnd().split('\n').length).toBeLessThanOrEqual(26);
    expect(stdout).toMatch(/\+\d+ more/);
    expect(stdout.trimEnd()).toMatch(/Add --full for the whole answer\.$/);
    const creole = await sitrep('status', '--language', 'ht');
    expect(creole.stdout).toMatch(/^MSS Ayiti: kote misyon an ye/);
  });

  it('digest of the article days', async () => {
    const { code, stdout } = await sitrep('digest', '--since', '2025-03-25', '--until', '2025-03-27');
    expect(code).toBe(0);
    expect(stdout).toMatch(/\[NEW\]/);
    expect(stdout).toMatch(/Changed figures/);
  });

  it.each([
    [['timeline', '--from', '2025-13-01'], /from must be a date like 2025-03-25/],
    [['location', 'Atlantis'], /Unknown place "Atlantis"/],
    [['timeline', '--limit', '500'], /limit must be from 1 to 25/],
    [['timeline', '--colour', 'red'], /Unknown option '--colour'.*accepts: --from, --to/],
    [['fly'], /Unknown command "fly"/],
  ])('bad input %j: one line, exit code 2', async (args, message) => {
    const { code, stdout, stderr } = await sitrep(...args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('an unreadable database path: exit 2, naming the path', async () => {
    // A path under a regular file can be neither created nor opened, even by root.
    const blocker = join(mkdtempSync(join(tmpdir(), 'sitrep-cli-')), 'a-file');
    writeFileSync(blocker, 'not a folder');
    const { code, stderr } = await run(process.execPath, [bin, 'status'], {
      env: { PATH: process.env.PATH, SITREP_DB_PATH: join(blocker, 'sitrep.db'), LOG_LEVEL: 'silent' },
    }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(/a-file/);
  });
});
