/**
 * Asking about a person named only in an imported record (no seed event names them): the
 * question layer learns the name from the store and finds the record through the store's
 * person index, even when many newer records exist. Run against each store.
 */
import { describe, expect, it } from 'vitest';
import { ask } from '../../src/core/ask.ts';
import type { Services } from '../../src/core/services.ts';
import type { View } from '../../src/core/view.ts';
import { makeEvent } from '../support/events.ts';
import { TEST_NOW } from '../support/services.ts';

const viewText = (view: View) =>
  [view.summary ?? '', ...view.sections.flatMap((s) => [...(s.items ?? []).map((i) => JSON.stringify(i))])].join('\n');

export function describeAskingAboutPeople(
  name: string,
  open: () => Promise<{ services: Services; close: () => Promise<void> }>,
): void {
  describe(`people named in imported records (${name})`, () => {
    it('finds the record naming them among 600 newer ones, in English, French and Creole', async () => {
      const { services, close } = await open();
      try {
        const meta = { author: 'import', reason: 'test import', at: '2025-03-30T00:00:00Z' };
        const naming = makeEvent({
          id: 'imported-vendor',
          occurredAt: '2024-11-02',
          category: 'attack',
          place: { placeId: 'pont-sonde', text: 'Pont-Sondé', geoPrecision: 'locality' },
          summary: 'A market vendor, Wilfrid Desravines, was wounded by gunfire at the Pont-Sondé market.',
          people: [{ name: 'Wilfrid Desravines', role: 'market vendor' }],
        });
        await services.store.putEvents([naming], meta);
        const newer = Array.from({ length: 600 }, (_, i) =>
          makeEvent({ id: `import-newer-${String(i).padStart(3, '0')}`, occurredAt: '2025-03-01' }),
        );
        await services.store.putEvents(newer, meta);

        for (const question of [
          'what happened to Wilfrid Desravines?',
          'who is Desravines?',
          "qu'est-il arrivé à Wilfrid Desravines ?",
          'kisa ki rive Wilfrid Desravines?',
        ]) {
          const view = await ask(services, question, TEST_NOW);
          expect(viewText(view), question).toContain('Wilfrid Desravines');
          expect(
            view.sections.flatMap((s) => s.items ?? []).map((i) => i.id),
            question,
          ).toContain('imported-vendor');
        }
        // "Who is …" gives the role and the name as the record writes it.
        const who = await ask(services, 'who is wilfrid desravines?', TEST_NOW);
        expect(who.summary).toMatch(/Wilfrid Desravines.*market vendor/);
      } finally {
        await close();
      }
    });
  });
}
