import { describe, expect, it } from 'vitest';
import { Gazetteer } from '../../src/core/places.ts';
import { loadSeedData } from '../../src/data/load.ts';

const gazetteer = new Gazetteer(loadSeedData().places);
const ids = (text: string, limit?: number) => gazetteer.autocomplete(text, limit).map((s) => s.id);

describe('Gazetteer matching', () => {
  it.each([
    ['Ponsonde', 'pont-sonde'],
    ['PONT SONDE', 'pont-sonde'],
    ['Okap', 'cap-haitien'],
    ['Tigwav', 'petit-goave'],
    ['Pòtoprens', 'port-au-prince'],
    ['potoprens', 'port-au-prince'],
    ['Kwadebouke', 'croix-des-bouquets'],
    ['petite-riviere-de-l’artibonite', 'petite-riviere-de-l-artibonite'],
    ['Carrefour', 'carrefour'],
    ['carrefour paye', 'carrefour-paye'],
    ['RN 1', 'rn1'],
    ['rn-2', 'rn2'],
    ['Saint-Marc', 'saint-marc'],
    ['arrondissement de saint marc', 'arr-saint-marc'],
  ])('resolves %s to %s', (text, id) => {
    expect(gazetteer.resolve(text).id).toBe(id);
  });

  it('answers a name two places share with both choices', () => {
    expect(() => gazetteer.resolve('Petite Rivière')).toThrow(
      /names 2 places: Petite-Rivière-de-l'Artibonite \(commune, Artibonite\); Petite-Rivière-de-Nippes \(commune, Nippes\)/,
    );
    const thrown = (() => {
      try {
        gazetteer.resolve('saint louis');
      } catch (err) {
        return err;
      }
    })();
    expect(thrown).toMatchObject({
      code: 'ambiguous-place',
      suggestions: ['Saint-Louis-du-Nord', 'Saint-Louis-du-Sud'],
    });
  });

  it('answers a typo with "did you mean", and reads a misspelling only one place is close to', () => {
    expect(() => gazetteer.resolve('Kensco')).toThrow(/Did you mean: Kenscoff/);
    expect(() => gazetteer.resolve('Martisan')).toThrow(/Did you mean: Martissant/);
    expect(gazetteer.resolve('Martisan', true).id).toBe('martissant');
    expect(() => gazetteer.resolve('Marti', true)).toThrow(/Did you mean: Martissant/);
    expect(gazetteer.misspelled('gonaive').map((m) => m.place.id)).toEqual(['gonaives']);
  });

  it('never shows back a mention, markup or a very long name', () => {
    expect(() => gazetteer.resolve(`<@123> @everyone **${'x'.repeat(300)}**`)).toThrow(
      /^Unknown place "123 everyone x{40,51}…"\./,
    );
  });

  it('names the nearest places of Haiti to a point', () => {
    const near = gazetteer.nearest({ lat: 19.15, lon: -72.62 }, 3).map((n) => n.place.id);
    expect(near[0]).toBe('pont-sonde');
  });
});

describe('autocomplete', () => {
  it('returns the expected place first for "pon", "kens", "cite"', () => {
    expect(ids('pon')[0]).toBe('pont-sonde');
    expect(ids('kens')[0]).toBe('kenscoff');
    expect(ids('cite')[0]).toBe('cite-soleil');
  });

  it('ranks the capital and communes before smaller places of the same name', () => {
    expect(ids('port')[0]).toBe('port-au-prince');
    expect(ids('car').slice(0, 1)).toEqual(['carrefour']);
    expect(ids('delmas')).toEqual(['delmas', 'delmas-2', 'delmas-33']);
  });

  it('gives at most 25 suggestions, each labelled within 100 characters', () => {
    const all = gazetteer.autocomplete('a', 100);
    expect(all.length).toBeGreaterThan(25);
    const some = gazetteer.autocomplete('a');
    expect(some).toHaveLength(25);
    for (const s of some) expect(s.label.length).toBeLessThanOrEqual(100);
    expect(gazetteer.autocomplete('pon')[0]?.label).toBe('Pont-Sondé (locality, Saint-Marc, Artibonite)');
  });

  it('suggests the departments for an empty query', () => {
    expect(ids('')).toHaveLength(10);
  });
});
