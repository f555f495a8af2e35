/**
 * Every error code renders in each language from the catalogue, with its parameters, and the
 * adapters' one fallback message comes from there too.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { userErrorView } from '../../../src/commands/dispatch.ts';
import { fallbackText, UserError, type UserErrorCode, userErrorText } from '../../../src/core/errors.ts';
import { catalogues } from '../../../src/core/i18n/catalogue.ts';
import { LANGUAGES } from '../../../src/core/i18n/language.ts';
import { messagesFor } from '../../../src/core/i18n/messages.ts';

const codes = Object.keys(catalogues.en)
  .filter((k) => k.startsWith('error.') && k !== 'error.title' && k !== 'error.fallback')
  .map((k) => k.slice('error.'.length) as UserErrorCode);

/** Parameters for a message: every `{name}` given a marker value, numbers for plurals. */
function paramsFor(code: UserErrorCode): Record<string, string | number> {
  const ast = new IntlMessageFormat(catalogues.en[`error.${code}`], 'en', undefined, { ignoreTag: true }).getAst();
  const names = ast.flatMap((node) => ('value' in node && node.type >= 1 && node.type <= 6 ? [node.value] : []));
  return Object.fromEntries(names.map((n) => [n, ['length', 'count'].includes(n) ? 3 : `«${n}»`]));
}

describe('errors as codes', () => {
  it('has codes to check', () => {
    expect(codes.length).toBeGreaterThan(60);
  });

  it.each(LANGUAGES)('every code renders in %s with its parameters', (language) => {
    const messages = messagesFor(language);
    for (const code of codes) {
      const params = paramsFor(code);
      const text = userErrorText(new UserError(code, params), messages);
      expect(text.length, code).toBeGreaterThan(3);
      const selectors = new Set([...catalogues.en[`error.${code}`].matchAll(/\{(\w+), select/g)].map((m) => m[1]));
      for (const [name, value] of Object.entries(params))
        if (selectors.has(name)) continue;
        else if (typeof value === 'string') expect(text, `${code} ${name}`).toContain(value);
    }
  });

  it('French and Creole texts are not the English ones', () => {
    for (const code of codes) {
      if (['cli-usage', 'cli-open-failed', 'bad-claim'].includes(code)) continue; // only their parameters
      const english = userErrorText(new UserError(code, paramsFor(code)), messagesFor('en'));
      for (const language of ['fr', 'ht'] as const) {
        expect(
          userErrorText(new UserError(code, paramsFor(code)), messagesFor(language)),
          `${language} ${code}`,
        ).not.toBe(english);
      }
    }
  });

  it('keeps the English text as the message (logs) and the code and parameters for the adapters', () => {
    const err = new UserError('limit-range', { max: 25, got: '40' });
    expect(err.message).toBe('limit must be a whole number from 1 to 25 (got 40).');
    expect(err.code).toBe('limit-range');
    const view = userErrorView(err, 'ht');
    expect(view.title).toBe('Nou pa ka reponn sa');
    expect(view.summary).toBe('limit dwe yon nonm antye ant 1 ak 25 (nou resevwa 40).');
  });

  it('has one fallback message, in each language', () => {
    expect(fallbackText()).toMatch(/^Sorry, something went wrong/);
    expect(fallbackText(messagesFor('fr'))).toMatch(/^Désolé/);
    expect(fallbackText(messagesFor('ht'))).toMatch(/^Padon/);
  });
});
