/**
 * Every command's options, as any platform could send them, through dispatch: each call ends in
 * an answer or a clear user error (never a failure on our side), and every answer renders within
 * Discord's and Slack's limits.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/commands/dispatch.ts';
import { timeline } from '../../src/core/timeline.ts';
import {
  callableCommands,
  callerArb,
  createFailureLog,
  createFuzzApp,
  expectWithinLimits,
  FUZZ_NOW,
  fuzzed,
  RUNS,
  rawArgsFor,
} from './fuzz-support.ts';

const READING = new Set(['status', 'timeline', 'location', 'digest preview', 'ask']);
const app = await createFuzzApp();
afterAll(async () => await app.close());
const { services } = app;
const placeNames = app.seed.places.flatMap((p) => [p.name, p.id, ...p.aliases]).slice(0, 400);
// Real cursors, so paging is reached too, not only the malformed-cursor error.
const cursors: string[] = [];
for (const location of [undefined, 'artibonite', 'ouest']) {
  const view = await timeline(services, { location }, FUZZ_NOW);
  cursors.push(...(view.actions ?? []).map((a) => a.cursor));
}

describe('fuzz: command options through dispatch', () => {
  for (const { path, command } of callableCommands()) {
    it(`/${path} answers or explains, within platform limits`, async () => {
      const kinds = new Set<string>();
      await fc.assert(
        fc.asyncProperty(rawArgsFor(command, placeNames, cursors), callerArb, async (raw, caller) => {
          const { failures, log } = createFailureLog();
          const result = await dispatch(command, raw, { services, now: FUZZ_NOW, caller }, log);
          expect(failures, JSON.stringify(failures.map((f) => String((f.obj as { err?: unknown }).err)))).toEqual([]);
          expect(result.failed).toBe(false);
          if (result.view.kind === 'error') {
            expect(result.private).toBe(true);
            expect(result.view.summary?.length ?? 0).toBeGreaterThan(10);
            expect(result.view.summary?.length ?? 0).toBeLessThan(1500);
          }
          expectWithinLimits(result.view, result.private);
          kinds.add(result.view.kind);
        }),
        fuzzed(RUNS),
      );
      // The cases reach real answers, not only the error paths (commands that read; writing ones
      // need a reporter or a scheduler, which this fixture leaves out on purpose).
      if (READING.has(path)) expect([...kinds].filter((k) => k !== 'error').length).toBeGreaterThan(0);
    });
  }
});
