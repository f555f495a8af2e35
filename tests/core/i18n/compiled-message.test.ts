/**
 * Compiled catalogue messages write what intl-messageformat writes: every message of every
 * language, with each branch of its selects and plurals and numbers of every plural category,
 * against the same messages formatted through the library alone.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { catalogues, type MessageKey } from '../../../src/core/i18n/catalogue.ts';
import { compileMessage } from '../../../src/core/i18n/compiled-message.ts';
import { LANGUAGES } from '../../../src/core/i18n/language.ts';
import { createMessages, type MessageParams } from '../../../src/core/i18n/messages.ts';

type Node = { type: number; value?: string; options?: Record<string, { value: Node[] }> };

const NUMBERS = [0, 1, 2, 3, 5, 11, 21, 100, 1000, 1234567, 1.5, -1];

/** Parameter sets that reach every branch: each select option (and an unknown one), each number. */
function paramSets(message: string): MessageParams[] {
  const kinds = new Map<string, Set<string | number>>();
  const walk = (nodes: Node[]) => {
    for (const node of nodes) {
      const name = node.value ?? '';
      const values = kinds.get(name) ?? new Set<string | number>();
      if (node.type === 1) values.add('text <b> & "quoted"').add('');
      if (node.type === 2 || node.type === 6) for (const n of NUMBERS) values.add(n);
      if (node.type === 5) for (const key of [...Object.keys(node.options ?? {}), 'no-such-option']) values.add(key);
      if (node.type >= 1 && node.type <= 6) kinds.set(name, values);
      for (const option of Object.values(node.options ?? {})) walk(option.value);
    }
  };
  walk(new IntlMessageFormat(message, 'en', undefined, { ignoreTag: true }).getAst() as Node[]);
  const names = [...kinds.keys()];
  const width = Math.max(1, ...[...kinds.values()].map((v) => v.size));
  // Each value of each parameter at least once, the others cycling beside it.
  return Array.from({ length: width }, (_, i) =>
    Object.fromEntries(
      names.map((name, j) => {
        const values = [...(kinds.get(name) ?? [])];
        return [name, values[(i + j) % values.length] as string | number];
      }),
    ),
  );
}

describe('compiled messages', () => {
  it.each(LANGUAGES)('%s: every message reads as the library writes it, branch by branch', (language) => {
    const compiled = createMessages(language);
    const library = createMessages(language, { compiled: false });
    let checked = 0;
    for (const key of Object.keys(catalogues[language]) as MessageKey[]) {
      for (const params of paramSets(catalogues[language][key])) {
        let expected: string;
        try {
          expected = library.t(key, params);
        } catch {
          // A value the message refuses (a select with no `other`): the compiled one refuses it too.
          expect(() => compiled.t(key, params), key).toThrow();
          continue;
        }
        expect(compiled.t(key, params), `${key} ${JSON.stringify(params)}`).toBe(expected);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('leaves to the library what it does not compile, and a missing parameter still throws', () => {
    const formatters = { number: String, plural: () => 'other' };
    const ast = (message: string) => new IntlMessageFormat(message, 'en').getAst();
    expect(compileMessage(ast('{d, date, short}'), formatters)).toBeUndefined();
    expect(compileMessage(ast('{n, number, percent}'), formatters)).toBeUndefined();
    expect(compileMessage(ast('{n, selectordinal, one {#st} other {#th}}'), formatters)).toBeUndefined();
    const fast = compileMessage(ast('{a} and {b}'), formatters);
    expect(fast?.({ a: 'x', b: 2 })).toBe('x and 2');
    expect(fast?.({ a: 'x' })).toBeUndefined();
    expect(() => createMessages('en').t('casualty.line')).toThrow(/list/);
  });

  it('writes # only inside its own plural, not inside a select nested in it (as the library)', () => {
    const message = '{n, plural, one {# {k, select, a {a#} other {o#}}} other {# many}}';
    const library = new IntlMessageFormat(message, 'en-US', undefined, { ignoreTag: true });
    const rules = new Intl.PluralRules('en-US');
    const fast = compileMessage(library.getAst(), { number: (n) => String(n), plural: (n) => rules.select(n) });
    for (const params of [
      { n: 1, k: 'a' },
      { n: 1, k: 'b' },
      { n: 4, k: 'a' },
    ]) {
      expect(fast?.(params)).toBe(String(library.format(params)));
    }
  });
});
