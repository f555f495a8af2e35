/**
 * One copy of each answer a worker shares between jobs. Such an answer crosses from the worker
 * as a new copy every time; every job gets the first copy instead, so the adapters, which keep
 * what they rendered by the View, render it once.
 */
import type { JobOutcome } from './protocol.ts';

export interface SharedAnswers {
  /** The answer to hand back for this outcome: the first copy of a shared one, else its own. */
  answerOf(outcome: JobOutcome & { ok: true }): unknown;
}

/** Keeps the `size` most recently arrived shared answers of one worker. */
export function createSharedAnswers(size = 64): SharedAnswers {
  const kept = new Map<string, unknown>();
  return {
    answerOf(outcome) {
      if (outcome.shared === undefined) return outcome.answer;
      const known = kept.get(outcome.shared);
      if (known !== undefined) return known;
      kept.set(outcome.shared, outcome.answer);
      if (kept.size > size) kept.delete(kept.keys().next().value as string);
      return outcome.answer;
    },
  };
}
