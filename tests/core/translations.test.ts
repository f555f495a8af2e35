/**
 * Hand translations of event text: every seed event has French and Creole ones; an answer in
 * that language shows them marked as a translation, others show the stored text; an edit of the
 * text drops them; export and import keep them; a store seeded before them gets them.
 */
import { describe, expect, it } from 'vitest';
import { ask } from '../../src/core/ask.ts';
import { editEvent } from '../../src/core/editing.ts';
import { eventItem } from '../../src/core/format.ts';
import { messagesFor } from '../../src/core/i18n/messages.ts';
import { Event } from '../../src/core/schemas.ts';
import { exportEvents } from '../../src/export/export.ts';
import { parseSitrepCsv } from '../../src/import/sitrep-csv.ts';
import { parseSitrepJson } from '../../src/import/sitrep-json.ts';
import { seedStore } from '../../src/store/seed.ts';
import { createTestServices, TEST_NOW, testSeed } from '../support/services.ts';

const AMBUSH = '2025-03-25-pont-sonde-ambush';

describe('hand translations of event text', () => {
  it('every seed event has a French and a Creole summary, and each differs from the English', () => {
    for (const event of testSeed().events) {
      for (const language of ['fr', 'ht'] as const) {
        const translation = event.translations?.[language];
        expect(translation?.summary, `${event.id} ${language}`).toBeTruthy();
        expect(translation?.summary).not.toBe(event.summary);
        // Details translated wherever the record has details.
        expect(Boolean(translation?.details), `${event.id} ${language} details`).toBe(Boolean(event.details));
      }
    }
  });

  it('shows the translation in its language, marked; English and an untranslated language keep the stored text', async () => {
    const services = await createTestServices();
    const stored = await services.store.getEvent(AMBUSH);
    if (!stored) throw new Error('no seed event');
    const item = (language: 'en' | 'fr' | 'ht') =>
      eventItem(stored, services.gazetteer, services.settings.timeZone, [], messagesFor(language));
    expect(item('fr').title).toBe(`${stored.event.translations?.fr?.summary} (traduction)`);
    expect(item('fr').text).toContain('Vers 16 h 30');
    expect(item('ht').title).toMatch(/^Yon machin blende PNH .* \(tradiksyon\)$/);
    expect(item('en').title).toBe(stored.event.summary);
    const { translations: _gone, ...plain } = stored.event;
    const untranslated = eventItem({ ...stored, event: plain }, services.gazetteer, 'UTC', [], messagesFor('fr'));
    expect(untranslated.title).toBe(stored.event.summary);
  });

  it('an answer written in Creole leads with the Creole summary of the record it rests on', async () => {
    const services = await createTestServices();
    const view = await ask(services, 'ki sa ki te pase 30 mas 2025?', TEST_NOW);
    const text = JSON.stringify(view);
    expect(text).toContain('(tradiksyon)');
    expect(text).not.toContain("Kenya's police chief says");
  });

  it('an edit of the summary drops the translations; an edit of another field keeps them', async () => {
    const services = await createTestServices();
    const by = { author: 'console:test', now: new Date(TEST_NOW.getTime() + 3600_000) };
    const kept = await editEvent(services, AMBUSH, { confidence: 'reported' }, 'checked', by);
    expect(kept.ok && kept.stored.event.translations?.fr).toBeDefined();
    const retold = await editEvent(services, AMBUSH, { summary: 'An ambush near Pont-Sondé.' }, 'shorter', by);
    expect(retold.ok && retold.stored.event.translations).toBeUndefined();
  });

  it('JSON and CSV exports import back with the translations', async () => {
    const services = await createTestServices();
    const original = (await services.store.getEvent(AMBUSH))?.event;
    for (const format of ['json', 'csv'] as const) {
      const { text } = await exportEvents(services, format, {});
      const rows = format === 'json' ? parseSitrepJson(text, 'x.json') : parseSitrepCsv(text, 'x.csv');
      const back = rows.find((r) => r.ok && r.event.id === AMBUSH);
      expect(back?.ok && back.event.translations, format).toEqual(original?.translations);
    }
    expect(Event.safeParse({ ...original, translations: { de: { summary: 'x' } } }).success).toBe(false);
  });

  it('a store seeded without the translations gets them from the next seed, as a revision by the seed', async () => {
    const { store } = await createTestServices();
    const seed = testSeed();
    const without = seed.events.map(({ translations: _t, ...event }) => event);
    await seedStore(store, { events: without, indicators: seed.indicators }, 'without');
    expect((await store.getEvent(AMBUSH))?.event.translations).toBeUndefined();
    await seedStore(store, { events: seed.events, indicators: seed.indicators }, 'with');
    const stored = await store.getEvent(AMBUSH);
    expect(stored?.event.translations?.ht?.summary).toMatch(/^Yon machin blende/);
    const last = (await store.history(AMBUSH)).at(-1);
    expect(last?.author).toBe('seed');
  });
});
