/**
 * Every catalogue has every key, each message parses as ICU MessageFormat and uses the same
 * placeholders as English; numbers, dates and plurals come out right in each language.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { commands } from '../../../src/commands/commands.ts';
import { fieldLabel, fieldPlaceholder } from '../../../src/commands/form-text.ts';
import { catalogues, englishParts, type MessageKey } from '../../../src/core/i18n/catalogue.ts';
import { chooseLanguage, LANGUAGES, languageOfLocale } from '../../../src/core/i18n/language.ts';
import { messagesFor } from '../../../src/core/i18n/messages.ts';

type Node = { type: number; value?: string; options?: Record<string, { value: Node[] }>; children?: Node[] };

/** Argument names a message uses, nested ones included (ICU element types 1–6 carry a name). */
function placeholders(message: string): string[] {
  const names = new Set<string>();
  const walk = (nodes: Node[]) => {
    for (const node of nodes) {
      if (node.type >= 1 && node.type <= 6 && node.value) names.add(node.value);
      for (const option of Object.values(node.options ?? {})) walk(option.value);
      if (node.children) walk(node.children);
    }
  };
  walk(new IntlMessageFormat(message, 'en', undefined, { ignoreTag: true }).getAst() as Node[]);
  return [...names].sort();
}

const english = catalogues.en;
const keys = Object.keys(english) as MessageKey[];

describe('message catalogues', () => {
  it('hold a few hundred messages', () => {
    expect(keys.length).toBeGreaterThan(150);
  });

  it('are put together from parts that share no key (a later part would hide an earlier one)', () => {
    const partKeys = Object.values(englishParts).flatMap((part) => Object.keys(part));
    expect(partKeys.length).toBe(keys.length);
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s has every key and no other', (language) => {
    expect(Object.keys(catalogues[language]).sort()).toEqual([...keys].sort());
  });

  it.each(LANGUAGES)('%s: every message parses and has the same placeholders as English', (language) => {
    const mismatched = keys.filter(
      (key) => placeholders(catalogues[language][key]).join() !== placeholders(english[key]).join(),
    );
    expect(mismatched).toEqual([]);
  });

  it('the placeholder check itself sees a missing one', () => {
    expect(placeholders('{a} and {n, plural, one {# {b}} other {{c}}}')).toEqual(['a', 'b', 'c', 'n']);
  });

  it('no translation is left in English (same text is allowed only for names and codes)', () => {
    const same = (language: 'fr' | 'ht') =>
      keys.filter((k) => catalogues[language][k] === english[k] && /[a-z]{4,} [a-z]{4,}/i.test(english[k]));
    expect(same('fr')).toEqual([]);
    expect(same('ht')).toEqual([]);
  });
});

describe('numbers, dates and plurals', () => {
  it('writes stored dates (year, month, day, timestamp) in each language', () => {
    const dates = (language: 'en' | 'fr' | 'ht') =>
      ['2025', '2025-03', '2025-02-23', '2025-03-26T08:00:00-04:00', 'soon'].map(messagesFor(language).date);
    expect(dates('en')).toEqual(['2025', 'Mar 2025', '23 Feb 2025', '26 Mar 2025', 'soon']);
    expect(dates('fr')).toEqual(['2025', 'mars 2025', '23 févr. 2025', '26 mars 2025', 'soon']);
    expect(dates('ht')).toEqual(['2025', 'mas 2025', '23 fevriye 2025', '26 mas 2025', 'soon']);
  });

  it('formats numbers in each language; Creole from its catalogue', () => {
    expect(messagesFor('en').number(100000)).toBe('100,000');
    expect(messagesFor('fr').number(100000)).toBe('100\u202f000');
    expect(messagesFor('ht').number(100000)).toBe('100 000');
    expect(messagesFor('ht').number(1234567.5, 1)).toBe('1 234 567,5');
    expect(messagesFor('ht').number(-5601)).toBe('-5 601');
    // Written again from what was kept, the same; -0 is not 0.
    expect([messagesFor('en').number(100000), messagesFor('en').number(0), messagesFor('en').number(-0)]).toEqual([
      '100,000',
      '0',
      '-0',
    ]);
  });

  it('writes days with month names: Intl for en and fr, the catalogue for Creole', () => {
    expect(messagesFor('en').day(2025, 3, 18)).toBe('18 Mar 2025');
    expect(messagesFor('fr').day(2025, 3, 18)).toBe('18 mars 2025');
    expect(messagesFor('ht').day(2025, 3, 18)).toBe('18 mas 2025');
    expect(messagesFor('ht').monthYear(2024, 4)).toBe('avril 2024');
    expect(messagesFor('fr').monthYear(2024, 4)).toBe('avr. 2024');
  });

  it('chooses plural forms per language, and formats the count inside', () => {
    expect(messagesFor('en').t('total.reports', { count: 1 })).toBe('1 report');
    expect(messagesFor('en').t('total.reports', { count: 100000 })).toBe('100,000 reports');
    expect(messagesFor('fr').t('total.reports', { count: 0 })).toBe('0 rapport');
    expect(messagesFor('fr').t('total.reports', { count: 2 })).toBe('2 rapports');
    expect(messagesFor('ht').t('total.reports', { count: 100000 })).toBe('100 000 rapò');
    expect(messagesFor('ht').t('status.footer', { count: 12345, newest: 'x', zone: 'z' })).toBe(
      '12 345 evènman anrejistre · dènye a: x · lè z',
    );
    expect(messagesFor('en').t('status.footer', { count: 0, newest: 'none', zone: 'z' })).toBe(
      '0 events on record · times in z',
    );
    expect(messagesFor('fr').t('casualty.kind', { kind: 'killed', n: 2 })).toBe('tués');
  });

  it('lists in each language', () => {
    expect(messagesFor('en').list(['a', 'b', 'c'])).toBe('a, b, and c');
    expect(messagesFor('fr').list(['a', 'b', 'c'])).toBe('a, b et c');
    expect(messagesFor('ht').list(['a', 'b', 'c'])).toBe('a, b ak c');
  });
});

describe('which language', () => {
  it('follows explicit > question > chosen > locale > channel > English', () => {
    expect(chooseLanguage({ explicit: 'ht', question: 'fr', chosen: 'en', locale: 'fr', channel: 'fr' })).toBe('ht');
    expect(chooseLanguage({ explicit: 'xx', question: 'fr', chosen: 'ht' })).toBe('fr');
    expect(chooseLanguage({ chosen: 'ht', locale: 'fr' })).toBe('ht');
    expect(chooseLanguage({ locale: 'fr-CA', channel: 'ht' })).toBe('fr');
    expect(chooseLanguage({ locale: 'es-ES', channel: 'ht' })).toBe('ht');
    expect(chooseLanguage({})).toBe('en');
    expect(languageOfLocale('en-GB')).toBe('en');
    expect(languageOfLocale(undefined)).toBeUndefined();
  });
});

describe('form titles', () => {
  it("fit Slack's 24 characters and Discord's 45 in every language", () => {
    for (const language of LANGUAGES) {
      for (const key of keys.filter((k) => k.startsWith('form.title-'))) {
        const title = messagesFor(language).t(key);
        expect(title.length, `${key} in ${language}`).toBeLessThanOrEqual(24);
      }
    }
  });

  it("label every field in the language within Discord's 45 characters, English only where declared", () => {
    const forms = commands.flatMap((c) => [c, ...(c.subcommands ?? [])]).flatMap((c) => (c.form ? [c.form] : []));
    const fields = forms.flatMap((f) => f.fields);
    expect(fields.length).toBeGreaterThan(8);
    for (const language of LANGUAGES) {
      const m = messagesFor(language);
      for (const field of fields) {
        const label = fieldLabel(field, m);
        expect(label.length, `${field.name} in ${language}`).toBeLessThanOrEqual(45);
        if (language !== 'en') expect(label, `${field.name} in ${language}`).not.toBe(field.label);
        expect((fieldPlaceholder(field, m) ?? '').length).toBeLessThanOrEqual(100);
      }
    }
  });
});
