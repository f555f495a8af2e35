/**
 * One copy of each answer a worker shares between jobs. The worker sends a shared answer whole
 * the first time, and afterwards only its id while the pool still keeps it: both sides keep the
 * same `SHARED_KEPT` most recently first-sent answers, in the order the messages carry them, so
 * the worker knows what the pool holds. Every job gets that one copy, so the adapters, which
 * keep what they rendered by the View, render it once, and the bot's event loop does not read
 * the same View again for every identical question (a few kilobytes each, in a burst).
 */
import type { JobOutcome } from './protocol.ts';

/** How many shared answers each side keeps. */
export const SHARED_KEPT = 64;

export interface SharedAnswers {
  /**
   * The answer to hand back for this outcome: the first copy of a shared one, else its own;
   * undefined for a shared answer sent by id alone that is not kept (the two sides disagree).
   */
  answerOf(outcome: JobOutcome & { ok: true }): unknown;
}

/** Keeps the `size` most recently arrived shared answers of one worker. */
export function createSharedAnswers(size = SHARED_KEPT): SharedAnswers {
  const kept = new Map<string, unknown>();
  return {
    answerOf(outcome) {
      if (outcome.shared === undefined) return outcome.answer;
      const known = kept.get(outcome.shared);
      if (known !== undefined || !('answer' in outcome)) return known;
      kept.set(outcome.shared, outcome.answer);
      if (kept.size > size) kept.delete(kept.keys().next().value as string);
      return outcome.answer;
    },
  };
}

/** The worker's side: whether the pool keeps the shared answer with this id (and, if not, that it will). */
export function createSharedSent(size = SHARED_KEPT): { keeps(shared: string): boolean } {
  const sent = new Set<string>();
  return {
    keeps(shared) {
      if (sent.has(shared)) return true;
      sent.add(shared);
      if (sent.size > size) sent.delete(sent.values().next().value as string);
      return false;
    },
  };
}
