/** `sitrep sources ...` and `sitrep leads` against a local feed server, and bad input: one line, exit 2. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../../src/app.ts';
import { runIntakeCli } from '../../../src/bots/console/intake-cli.ts';
import { loadConfig } from '../../../src/config.ts';
import { rssFeed } from '../../support/feed-fixtures.ts';
import { FeedServer, staticFeed } from '../../support/feed-server.ts';
import { silentLog } from '../../support/intake-harness.ts';
import { testSeed } from '../../support/services.ts';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-intake-cli-'));
const dbPath = join(dir, 'sitrep.db');
const server = new FeedServer();
const config = loadConfig({ SITREP_DB_PATH: dbPath, SITREP_ALLOW_PRIVATE_SOURCES: 'true' });

/** The commands that lowered the process's priority (the real CLI lowers it before polling). */
const backgrounded: string[] = [];

async function sitrep(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runIntakeCli(argv, {
    config,
    openServices: async () => await openApp({ dbPath, seed: testSeed() }),
    now: () => new Date('2025-03-26T12:00:00Z'),
    io: { out: (t) => out.push(t), err: (t) => err.push(t) },
    log: silentLog,
    asBackground: () => backgrounded.push(argv.join(' ')),
  });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

beforeAll(async () => {
  await server.start();
  server.routes.set(
    '/feed.xml',
    staticFeed(() =>
      rssFeed([
        {
          title: 'Ambush near Pont-Sondé: gangs kill 2 Kenyan officers',
          link: 'https://wire.example.org/ambush',
          date: '2025-03-25T23:00:00Z',
        },
      ]),
    ),
  );
});
afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('sitrep sources and leads', () => {
  it('add, list, poll, leads (text and JSON), pause, resume, remove', async () => {
    const added = await sitrep('sources', 'add', server.url('/feed.xml'));
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('Source added: #1');
    expect(added.stdout).toMatch(
      /#1 rss · every 15 min\n {4}http:\/\/127\.0\.0\.1:\d+\/feed\.xml · nothing delivered yet/,
    );
    expect((await sitrep('sources', 'add', server.url('/feed.xml'))).stdout).toContain('Already a source: #1');

    const polled = await sitrep('sources', 'poll');
    expect(polled).toMatchObject({ code: 0, stdout: '#1 1 new lead, 0 updated, 0 joined others, 0 seen before' });
    expect((await sitrep('sources', 'poll')).stdout).toBe('#1 unchanged since the last poll');
    // Polling runs as background work; listing and adding do not.
    expect(backgrounded).toEqual(['sources poll', 'sources poll']);

    const leads = await sitrep('leads');
    expect(leads.stdout).toMatch(/^Leads waiting for triage\n/);
    expect(leads.stdout).toContain('#1 Ambush near Pont-Sondé: gangs kill 2 Kenyan officers');
    expect(leads.stdout).toContain('Read: Pont-Sondé');
    expect(leads.stdout).toContain('Likely the recorded event 2025-03-25-pont-sonde-ambush');
    const asJson = JSON.parse((await sitrep('leads', '--json')).stdout);
    expect(asJson).toHaveLength(1);
    expect(asJson[0]).toMatchObject({ state: 'new', link: 'https://wire.example.org/ambush' });

    expect((await sitrep('sources', 'pause', '1')).stdout).toBe('Source #1 paused.');
    expect((await sitrep('sources', 'list')).stdout).toContain('Paused: paused by console');
    expect((await sitrep('sources', 'resume', '1')).stdout).toBe('Source #1 resumed.');
    expect((await sitrep('sources', 'remove', '1')).stdout).toBe('Source #1 removed.');
    expect((await sitrep('sources', 'list')).stdout).toContain('No sources. Add one: sitrep sources add <url>.');
  });

  it('speaks French and Creole with --language, as chat does', async () => {
    const fr = await sitrep('sources', 'add', server.url('/fr.xml'), '--language', 'fr');
    expect(fr.stdout).toContain('Source ajoutée : #');
    expect(fr.stdout).toContain('rien livré');
    const id = /Source ajoutée : #(\d+)/.exec(fr.stdout)?.[1] ?? '';
    expect((await sitrep('sources', 'pause', id, '--language', 'ht')).stdout).toBe(`Sous #${id} an poz.`);
    expect((await sitrep('sources', 'list', '--language', 'ht')).stdout).toMatch(/^Sous yo\n/);
    expect((await sitrep('leads', '--language', 'fr')).stdout).toMatch(/^Pistes/);
    const wrong = await sitrep('sources', 'remove', 'x', '--language', 'fr');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).not.toMatch(/needs a source id/);
    await sitrep('sources', 'remove', id);
  });

  it('leads a page at a time, the next named at the end; --json lists every one', async () => {
    const items = Array.from({ length: 23 }, (_, i) => ({
      title: `Roadblock number ${i + 1} on Route Nationale 1`,
      link: `https://wire.example.org/roadblock/${i + 1}`,
      date: '2025-03-25T10:00:00Z',
    }));
    server.routes.set(
      '/many.xml',
      staticFeed(() => rssFeed(items)),
    );
    const added = await sitrep('sources', 'add', server.url('/many.xml'));
    const id = /Source added: #(\d+)/.exec(added.stdout)?.[1] ?? '';
    await sitrep('sources', 'poll');
    const all = JSON.parse((await sitrep('leads', '--json')).stdout) as { id: number; title: string }[];
    expect(all.length).toBeGreaterThanOrEqual(23);
    expect(all.map((l) => l.id)).toEqual([...all.map((l) => l.id)].sort((a, b) => b - a));
    expect(JSON.parse((await sitrep('leads', '--json', '--limit', '5')).stdout)).toEqual(all.slice(0, 5));

    const seen: number[] = [];
    let argv = ['leads', '--limit', '10'];
    for (let page = 1; ; page++) {
      const { code, stdout } = await sitrep(...argv);
      expect(code).toBe(0);
      if (page === 1) expect(stdout).toContain(`${all.length} leads wait for triage.`);
      seen.push(...[...stdout.matchAll(/^ +#(\d+) /gm)].map((m) => Number(m[1])));
      const next = /^Next page: sitrep (leads list .+)$/m.exec(stdout)?.[1];
      if (!next) break;
      argv = next.split(' ').map((w) => w.replace(/^"|"$/g, ''));
      expect(argv).toEqual(['leads', 'list', '--limit', '10', '--cursor', expect.stringMatching(/^a\d+~\d+$/)]);
    }
    expect(seen).toEqual(all.map((l) => l.id));
    const bad = await sitrep('leads', '--cursor', 'page-two');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/page position is not valid/);
    await sitrep('sources', 'remove', id);
  });

  it.each([
    [['sources', 'add', 'not a url'], /is not a URL/],
    [['sources', 'add', 'ftp://example.org/feed'], /Only http and https/],
    [['sources', 'add', 'https://example.org/feed', '--kind', 'csv'], /--kind must be one of: rss, atom/],
    [['sources', 'add', 'https://example.org/feed', '--every', '1'], /--every must be from 5 to 10080/],
    [['sources', 'remove', 'x'], /needs a source id/],
    [['sources', 'pause', '99'], /No source #99/],
    [['sources', 'fly'], /Unknown: sitrep sources fly/],
    [['leads', '--limit', '0'], /--limit must be from 1 to 200/],
    [['leads', '--colour', 'red'], /Unknown option '--colour'/],
    [['sources', 'list', '--language', 'de'], /--language must be one of: en, fr, ht/],
  ])('bad input %j: one line, exit 2, nothing changed', async (argv, message) => {
    const before = (await sitrep('sources', 'list', '--json')).stdout;
    const { code, stdout, stderr } = await sitrep(...argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.split('\n')).toHaveLength(1);
    expect((await sitrep('sources', 'list', '--json')).stdout).toBe(before);
  });

  it('reached from the sitrep command', async () => {
    const bin = new URL('../../../bin/sitrep.js', import.meta.url).pathname;
    const result = await promisify(execFile)(process.execPath, [bin, 'sources', 'add', 'nope'], {
      env: { PATH: process.env.PATH, SITREP_DB_PATH: join(dir, 'bin.db'), LOG_LEVEL: 'silent' },
    }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe('"nope" is not a URL; give one like https://example.org/feed.xml.');
  });
});
