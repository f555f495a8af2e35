/**
 * Shared answers across the worker boundary: the worker sends one whole the first time and by
 * id alone while the pool keeps it; the two sides agree on what is kept, evictions included.
 */
import { expect, it } from 'vitest';
import type { JobOutcome } from '../../src/executor/protocol.ts';
import { createSharedAnswers, createSharedSent } from '../../src/executor/shared-answers.ts';

it('hands every job the first copy of its shared answer, sent whole only when the pool lacks it', () => {
  const sent = createSharedSent(3);
  const pool = createSharedAnswers(3);
  const originals = new Map<string, object>();
  let whole = 0;
  // Ids asked in turn: repeats, then more ids than are kept, then the evicted ones again.
  const asked = ['1', '1', '2', '1', '3', '4', '2', '1', '5', '1', '4', '5', '2', '2'];
  for (const [id, shared] of asked.entries()) {
    const answer = { view: `answer ${shared}` };
    const outcome: JobOutcome & { ok: true } = sent.keeps(shared)
      ? { id, ok: true, shared }
      : { id, ok: true, answer, shared };
    if ('answer' in outcome) whole += 1;
    const got = pool.answerOf(outcome);
    expect(got).toEqual(answer);
    if (!originals.has(shared) || 'answer' in outcome) originals.set(shared, got as object);
    expect(got).toBe(originals.get(shared));
  }
  expect(whole).toBeLessThan(asked.length);
  expect(pool.answerOf({ id: 99, ok: true, answer: { view: 'own' } })).toEqual({ view: 'own' });
  // An id the pool does not keep is no answer, never another's.
  expect(pool.answerOf({ id: 100, ok: true, shared: 'unknown' })).toBeUndefined();
});
