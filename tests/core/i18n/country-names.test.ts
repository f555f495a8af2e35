import { describe, expect, it } from 'vitest';
import { formatIndicatorValue } from '../../../src/core/format.ts';
import { countryName } from '../../../src/core/i18n/country-names.ts';
import { messagesFor } from '../../../src/core/i18n/messages.ts';
import type { Indicator } from '../../../src/core/schemas.ts';

describe('country names', () => {
  it('gives the French name of a country stored in English, whatever its case', () => {
    expect(countryName('Jamaica', 'fr')).toBe('Jamaïque');
    expect(countryName('chad', 'fr')).toBe('Tchad');
    expect(countryName('El Salvador', 'fr')).toBe('Salvador');
  });

  it('keeps a name ICU does not know, and every name in English and Creole', () => {
    expect(countryName('Atlantis', 'fr')).toBe('Atlantis');
    expect(countryName('Jamaica', 'en')).toBe('Jamaica');
    expect(countryName('Jamaica', 'ht')).toBe('Jamaica');
  });

  it('names the countries of a figure in the reader’s language, with its punctuation', () => {
    const figure = {
      key: 'countries-present',
      label: 'Countries with personnel present',
      value: 2,
      comparator: 'at-least',
      unit: 'countries',
      items: ['Kenya', 'Jamaica'],
    } as Indicator;
    expect(formatIndicatorValue(figure, messagesFor('en'))).toBe('at least 2: Kenya, Jamaica');
    expect(formatIndicatorValue(figure, messagesFor('fr'))).toBe('au moins 2 : Kenya, Jamaïque');
    // Items of another kind of figure are not country names.
    expect(formatIndicatorValue({ ...figure, unit: 'people', items: ['Chad'] }, messagesFor('fr'))).toBe(
      'au moins 2 : Chad',
    );
  });

  it('separates run-on parts as each language does', () => {
    expect(messagesFor('en').parts(['a', 'b'])).toBe('a; b');
    expect(messagesFor('fr').parts(['a', 'b'])).toBe('a ; b');
    expect(messagesFor('ht').parts(['a', 'b'])).toBe('a; b');
  });
});
