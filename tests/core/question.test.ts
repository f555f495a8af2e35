import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Gazetteer } from '../../src/core/places.ts';
import { MAX_QUESTION_CHARS, sanitizeQuestion, understandQuestion } from '../../src/core/question.ts';
import { peopleOf } from '../../src/core/question-vocabulary.ts';
import { loadSeedData } from '../../src/data/load.ts';

const gazetteer = new Gazetteer(loadSeedData().places);
const context = { gazetteer, now: new Date('2025-03-26T15:00:00Z'), timeZone: 'America/Port-au-Prince' };
const understand = (text: string) => understandQuestion(text, context);

describe('understandQuestion', () => {
  it('says what it understood: place, department and period', () => {
    expect(understand('what happened in Pont-Sondé from 18 to 25 March?').understood).toBe(
      'Pont-Sondé, Artibonite, 18–25 Mar 2025',
    );
    expect(understand('what happened near Pont-Sondé from 18 to 25 March?').understood).toBe(
      'Pont-Sondé, Artibonite, near (within 10 km), 18–25 Mar 2025',
    );
    expect(understand('Artibonite in February').understood).toBe('Artibonite, Feb 2025');
    expect(understand('Kenscoff').understood).toBe('Kenscoff, Ouest, any date');
  });

  it('says when a place was read from a misspelling, and which words', () => {
    const q = understand('attacks in kenscof');
    expect(q.place?.id).toBe('kenscoff');
    expect(q.correctedFrom).toBe('kenscof');
    expect(q.understood).toBe('Kenscoff (read from "kenscof"), Ouest, any date; attack');
  });

  it('finds the kinds of event and casualty asked about, in three languages', () => {
    expect(understand('casualties in Artibonite').kinds).toEqual(['killed', 'injured', 'missing', 'captured']);
    expect(understand('how many killed or wounded in Savien').kinds).toEqual(['killed', 'injured']);
    expect(understand('enlèvements et morts à Tabarre').kinds).toEqual(['kidnapping', 'killed']);
    expect(understand('atak ak kidnapin nan Kafou').kinds).toEqual(['attack', 'kidnapping']);
    expect(understand('missing officer near Savien').kinds).toEqual(['missing']);
    expect(understand('what happened in Delmas').kinds).toBeUndefined();
  });

  it('prefers the exact commune "Carrefour" to "Carrefour Paye", and the longer name when both are there', () => {
    expect(understand('Carrefour').place?.id).toBe('carrefour');
    expect(understand('near carrefour paye').place?.id).toBe('carrefour-paye');
    expect(understand('Kafou').place?.id).toBe('carrefour');
  });

  it('leaves a name shared by two places unresolved, with its words, so the caller can offer the choices', () => {
    const q = understand('what happened in Saint-Louis?');
    expect(q.place).toBeUndefined();
    expect(q.placeText).toBe('saint louis');
    expect(() => gazetteer.resolve(q.placeText ?? '')).toThrow(/Saint-Louis-du-Nord.*Saint-Louis-du-Sud/);
  });

  it('keeps an unknown or foreign name for a "did you mean" answer rather than guessing', () => {
    const q = understand('what about Paris?');
    expect(q.place).toBeUndefined();
    expect(q.placeText).toBe('paris');
  });

  it('does not take common words for places ("no", "okay"), unless written as a name', () => {
    expect(understand('no attacks in Martissant?').place?.id).toBe('martissant');
    expect(understand('okay what happened in Tabarre').place?.id).toBe('tabarre');
    expect(understand('sa k pase Okay yè').place?.id).toBe('les-cayes');
  });

  it('reads a distance around the place, in three languages', () => {
    const q = understand('attacks within 20 km of Pont-Sondé last week');
    expect([q.place?.id, q.radiusKm]).toEqual(['pont-sonde', 20]);
    expect(q.understood).toBe('Pont-Sondé, Artibonite, within 20 km, 19–26 Mar 2025; attack');
    expect(understand('à moins de 15 km de Kenscoff').radiusKm).toBe(15);
    expect(understand('atak nan 30 km Okap').radiusKm).toBe(30);
    expect(understand('Delmas 33').radiusKm).toBeUndefined();
  });

  it('does not read a Creole month as a place', () => {
    expect(understand('Gonayiv 18 mas 2025').place?.id).toBe('gonaives');
  });
});

describe('understandQuestion on any text', () => {
  it('never throws, never echoes markup, and gives a window that starts before it ends', () => {
    const word = fc.constantFrom(
      'Pont-Sondé',
      'kenscof',
      '<@1>',
      '@here',
      'last week',
      'depuis le 1er mars',
      'mas',
      '2024',
    );
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.array(word, { maxLength: 8 }).map((w) => w.join(' ')),
    );
    fc.assert(
      fc.property(text, (t) => {
        const q = understand(t);
        expect(q.understood).not.toMatch(/[<>@]/);
        if (q.window) expect(q.window.from <= q.window.until).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('sanitizeQuestion', () => {
  it('removes mentions, links, markup and control characters', () => {
    expect(sanitizeQuestion('<@123> @everyone **what** happened\u0000 in <#55> `Delmas` https://x.test/a')).toBe(
      'what happened in Delmas',
    );
  });

  it('cuts very long text', () => {
    expect(sanitizeQuestion(`Delmas ${'a'.repeat(5000)}`).length).toBe(MAX_QUESTION_CHARS);
  });

  it('never echoes a mention in what was understood', () => {
    const q = understand('@here <@!42> attacks in <@&7> Martissant');
    expect(q.place?.id).toBe('martissant');
    expect(q.understood).not.toMatch(/[@<>]/);
  });
});

describe('peopleOf', () => {
  it('lists each person the records name once, with every record naming them', () => {
    const people = peopleOf([
      { id: 'a', people: [{ name: 'Jack Ombaka', role: 'MSS spokesperson' }] },
      { id: 'b', people: [{ name: 'Jovenel Moïse' }, { name: 'JACK OMBAKA' }] },
      { id: 'c' },
    ]);
    expect(people).toEqual([
      { name: 'Jack Ombaka', role: 'MSS spokesperson', eventIds: ['a', 'b'] },
      { name: 'Jovenel Moïse', eventIds: ['b'] },
    ]);
  });
});
