/**
 * The benchmark as a smoke test (`npm run bench:smoke`, run by CI after the suite): a quick run
 * at 10k events with a few calls finishes and reports every query beside its floor, cold start,
 * memory, the Slack load (median of three runs), the Discord burst, the import and intake (items
 * per second, and /status while another process polls). It checks that
 * the harness measures every figure, not how fast anything is: speed is judged by `npm run bench`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-bench-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const measured = (value: unknown) => typeof value === 'number' && Number.isFinite(value) && value > 0;

describe('npm run bench -- --quick', () => {
  it('reports every query, its floor, cold start, memory, Slack and Discord load and import', () => {
    const out = join(dir, 'results.json');
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'bench/run.ts',
        '--quick',
        '--calls=20',
        '--cold-starts=1',
        '--slack-requests=40',
        '--discord-requests=24',
        '--import-rows=300',
        '--intake-items=300',
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
      'ask',
      'ask',
    ]);
    for (const q of quick.queries) {
      for (const value of [q.core.p50, q.core.p99, q.floor.p50, q.floor.p99, q.ratioP99]) {
        expect(measured(value), q.name).toBe(true);
      }
    }
    expect(measured(quick.coldStart.cliStatusMedianMs)).toBe(true);
    expect(measured(quick.memory.botRssMB)).toBe(true);

    const { slack } = results;
    expect(slack.runs).toHaveLength(3);
    expect(slack.runs.map((r: { ratioP99: number }) => r.ratioP99)).toContain(slack.ratioP99);
    expect([slack.bot.errors, slack.bareBolt.errors]).toEqual([0, 0]);
    expect([slack.bot.ack.p99, slack.bareBolt.ack.p99, slack.bot.answer.p99, slack.ratioP99].every(measured)).toBe(
      true,
    );

    const { discord } = results;
    expect([discord.bot.requests, discord.bare.requests]).toEqual([24, 24]);
    expect([discord.bot.errors, discord.bare.errors]).toEqual([0, 0]);
    for (const app of [discord.bot, discord.bare]) {
      expect([app.ack.p50, app.ack.p99, app.answer.p99, app.ackSeconds].every(measured)).toBe(true);
      expect(app.late).toBeGreaterThanOrEqual(0);
    }
    // The bot's answers with a map end with the map, after the first callback.
    expect(discord.bot.answer.p99).toBeGreaterThanOrEqual(discord.bot.ack.p99);
    expect(measured(discord.ratioP99)).toBe(true);
    expect(results.verdicts.some((v: { target: string }) => v.target.startsWith('Discord:'))).toBe(true);

    expect(results.import.rows).toBe(300);
    expect(measured(results.import.rowsPerSecond)).toBe(true);
    expect(results.scaledTests).toBeNull();
    // Intake: items per second from the local feed, and /status while another process polls.
    expect(results.intake.leads).toBe(results.intake.items);
    expect([results.intake.itemsPerSecond, results.intake.repollItemsPerSecond].every(measured)).toBe(true);
    const polled = results.intake.statusDuringPoll;
    expect([polled.during.p99, polled.without.p99, polled.ratioP99, polled.pollSeconds].every(measured)).toBe(true);
    expect(results.verdicts.some((v: { target: string }) => v.target.startsWith('/status p99 during a poll'))).toBe(
      true,
    );
    expect(run.stdout).toMatch(/\/status at 10,000 events while another process polls \d+ new items/);
    expect(results.understanding.questions).toBeGreaterThanOrEqual(200);
    expect(results.understanding.understand.p50).toBeGreaterThan(0);
    expect(run.stdout).toContain('Understanding a question');
    expect(run.stdout).toContain('x floor');
    expect(run.stdout).toMatch(/Discord, 24 interactions at 50 in flight/);
  });
});
