/**
 * The benchmark as a smoke test: the quick run (10k events) with few calls finishes and reports
 * every query beside its floor, cold start, memory and the Slack load. It checks that the
 * harness measures, not how fast anything is: speed is judged by `npm run bench`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-bench-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run bench -- --quick', () => {
  it('reports every query, its floor, cold start, memory, Slack load and import', () => {
    const out = join(dir, 'results.json');
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'bench/run.ts',
        '--quick',
        '--calls=20',
        '--slack-requests=100',
        '--import-rows=300',
        `--out=${out}`,
      ],
      { encoding: 'utf8' },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const results = JSON.parse(readFileSync(out, 'utf8'));
    const [quick] = results.runs;
    expect(quick.events).toBe(10_000);
    expect(quick.queries.map((q: { name: string }) => q.name.split(' ')[0])).toEqual([
      'status',
      'timeline',
      'timeline',
      'location',
      'location',
      'digest',
      'ask',
    ]);
    for (const q of quick.queries) {
      for (const value of [q.core.p50, q.core.p99, q.floor.p50, q.floor.p99, q.ratioP99]) {
        expect(Number.isFinite(value) && value > 0, q.name).toBe(true);
      }
    }
    expect(quick.coldStart.cliStatusMedianMs).toBeGreaterThan(0);
    expect(quick.memory.botRssMB).toBeGreaterThan(0);
    expect(results.slack.bot.errors).toBe(0);
    expect(results.slack.bareBolt.errors).toBe(0);
    expect(results.slack.bot.answer.p99).toBeGreaterThan(0);
    expect(results.import.rows).toBe(300);
    expect(results.import.rowsPerSecond).toBeGreaterThan(0);
    expect(run.stdout).toContain('x floor');
  }, 300_000);
});
