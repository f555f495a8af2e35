/**
 * The executor's shared answers: identical questions (same command, arguments, language clues,
 * minute and data version) run once, concurrent ones included; anything else runs again; and on
 * a worker's read-only connection a commit by the bot (or any other process) is seen at once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Caller, CommandDef } from '../../src/commands/command-types.ts';
import { commands } from '../../src/commands/commands.ts';
import type { DispatchResult } from '../../src/commands/dispatch.ts';
import type { LanguageClues } from '../../src/core/i18n/language.ts';
import { createWorkerPool } from '../../src/executor/index.ts';
import { commandAt, runJob } from '../../src/executor/jobs.ts';
import { openReadOnlyServices } from '../../src/executor/read-only-services.ts';
import { type Answering, type CachedQuestion, createViewCache, minuteOf } from '../../src/executor/view-cache.ts';
import { silentLogger } from '../../src/log.ts';
import { makeEvent } from '../support/events.ts';
import { createTestApp, TEST_NOW } from '../support/services.ts';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-view-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const caller: Caller = { platform: 'discord', userId: 'u1', teamId: 'g1', channelId: 'c1', locale: 'en-US' };
const status = commandAt(commands, 'status') as CommandDef;
const answerOf = (title: string): DispatchResult => ({
  view: { kind: 'message', title, summary: title, sections: [] },
  private: false,
  failed: false,
});

/** Counts runs; each answer names its run, and runs settle when the test says. */
function countingAnswers(clues: (q: CachedQuestion) => LanguageClues = (q) => ({ locale: q.caller.locale })) {
  const runs: Array<{ now: Date; settle: (r: DispatchResult) => void }> = [];
  const answering: Answering = {
    clues: async (q) => clues(q),
    run: (_q, now) =>
      new Promise((resolve) => {
        runs.push({ now, settle: resolve });
      }),
  };
  const settleAll = (failed = false) => {
    for (const [i, r] of runs.entries()) r.settle({ ...answerOf(`run ${i + 1}`), failed });
  };
  return { runs, answering, settleAll };
}

const ask = (over: Partial<CachedQuestion> = {}): CachedQuestion => ({
  command: status,
  path: 'status',
  args: {},
  caller,
  now: TEST_NOW,
  ...over,
});

describe('shared answers', () => {
  it('runs identical questions once, concurrent ones included, at the start of their minute', async () => {
    const cache = createViewCache({ dataVersion: () => 1 });
    const { runs, answering, settleAll } = countingAnswers();
    const first = cache.answer(ask({ now: new Date(TEST_NOW.getTime() + 12_345) }), answering);
    const second = cache.answer(
      ask({ now: new Date(TEST_NOW.getTime() + 59_000), caller: { ...caller, userId: 'u2' } }),
      answering,
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(runs).toHaveLength(1);
    expect(runs[0]?.now.toISOString()).toBe(minuteOf(TEST_NOW).toISOString());
    settleAll();
    expect((await first).view.title).toBe('run 1');
    expect((await second).view.title).toBe('run 1');
    expect((await cache.answer(ask(), answering)).view.title).toBe('run 1');
    expect(runs).toHaveLength(1);
  });

  it('runs again for other arguments, other language clues, the next minute and a new data version', async () => {
    let version = 1;
    const cache = createViewCache({ dataVersion: () => version });
    const { runs, answering, settleAll } = countingAnswers();
    const asked = [
      cache.answer(ask(), answering),
      cache.answer(ask({ args: { language: 'fr' } }), answering),
      cache.answer(ask({ caller: { ...caller, locale: 'fr' } }), answering),
      cache.answer(ask({ now: new Date(TEST_NOW.getTime() + 60_000) }), answering),
    ];
    await new Promise((resolve) => setImmediate(resolve));
    expect(runs).toHaveLength(4);
    version = 2;
    asked.push(cache.answer(ask(), answering));
    await new Promise((resolve) => setImmediate(resolve));
    expect(runs).toHaveLength(5);
    settleAll();
    expect((await Promise.all(asked)).map((r) => r.view.title)).toEqual(['run 1', 'run 2', 'run 3', 'run 4', 'run 5']);
  });

  it('does not keep a failed answer, and shares only commands declared the same for everyone', async () => {
    const cache = createViewCache({ dataVersion: () => 1 });
    const { runs, answering, settleAll } = countingAnswers();
    const failed = cache.answer(ask(), answering);
    await new Promise((resolve) => setImmediate(resolve));
    settleAll(true);
    expect((await failed).failed).toBe(true);
    void cache.answer(ask(), answering);
    await new Promise((resolve) => setImmediate(resolve));
    expect(runs).toHaveLength(2);
    const shared = commands.flatMap((c) => [c, ...(c.subcommands ?? [])]).filter((c) => cache.shares(c));
    expect(shared.map((c) => c.name).sort()).toEqual(['ask', 'location', 'preview', 'status', 'timeline']);
    expect(cache.shares(commandAt(commands, 'digest list') as CommandDef)).toBe(false);
  });

  it('on a worker’s connection, answers what the bot records as soon as it is committed', async () => {
    const file = join(dir, 'sitrep.db');
    const writer = await createTestApp(file);
    const reader = await openReadOnlyServices({ databasePath: file }, writer.services.settings);
    try {
      const dataVersion = reader.dataVersion as () => number;
      expect(typeof dataVersion).toBe('function');
      const on = {
        services: reader.services,
        commands,
        logger: silentLogger(),
        drawMap: async () => new Uint8Array(),
        views: createViewCache({ dataVersion }),
      };
      const job = {
        kind: 'command' as const,
        command: 'timeline',
        args: { from: '2025-03-20', to: '2025-03-23' },
        caller,
        now: TEST_NOW.toISOString(),
      };
      const summaries = async () => {
        const { view } = (await runJob(on, job)) as DispatchResult;
        return view.sections.flatMap((s) => s.items ?? []).map((i) => i.title);
      };
      const before = await summaries();
      expect(await summaries()).toEqual(before);
      await writer.services.store.putEvent(
        makeEvent({ id: 'recorded-between', occurredAt: '2025-03-21', summary: 'Recorded between two questions.' }),
        { author: 'test', reason: 'test', at: '2025-03-30T00:00:00Z' },
      );
      expect((await summaries()).join('\n')).toContain('Recorded between two questions.');
    } finally {
      await reader.close();
      await writer.close();
    }
  });

  it('through the worker pool, identical questions get one answer object (rendered once), others their own', async () => {
    const file = join(dir, 'pool.db');
    const writer = await createTestApp(file);
    const pool = createWorkerPool({
      store: { databasePath: file },
      settings: writer.services.settings,
      logger: silentLogger(),
      workers: 1,
      nice: 0,
    });
    try {
      await pool.start();
      const job = (userId: string, args: Record<string, unknown> = {}) =>
        pool.run({
          kind: 'command',
          command: 'status',
          args,
          caller: { ...caller, userId },
          now: TEST_NOW.toISOString(),
        });
      const [a, b, c] = await Promise.all([job('u1'), job('u2'), job('u3')]);
      const later = await job('u4');
      const french = await job('u5', { language: 'fr' });
      expect(a?.view.kind).toBe('status');
      expect(b).toBe(a);
      expect(c).toBe(a);
      expect(later).toBe(a);
      expect(french).not.toBe(a);
      expect(french.view.language).toBe('fr');
    } finally {
      await pool.stop();
      await writer.close();
    }
  });
});
