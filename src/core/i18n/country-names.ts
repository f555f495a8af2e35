/**
 * Country names in the reader's language. Figures list countries by their English names (as the
 * sources give them); ICU knows every region's name in French, so the names are matched through
 * the region codes rather than a list kept here. ICU has no Haitian Creole names: those stay as
 * stored, as do names ICU does not know.
 */
import type { Language } from './language.ts';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const byLanguage = new Map<Language, Map<string, string>>();

function namesIn(language: Language): Map<string, string> {
  let names = byLanguage.get(language);
  if (!names) {
    names = new Map();
    const english = new Intl.DisplayNames('en', { type: 'region', fallback: 'none' });
    const local = new Intl.DisplayNames(language, { type: 'region', fallback: 'none' });
    for (const first of LETTERS)
      for (const second of LETTERS) {
        const code = first + second;
        const [from, to] = [english.of(code), local.of(code)];
        if (from && to && from !== to) names.set(from.toLowerCase(), to);
      }
    byLanguage.set(language, names);
  }
  return names;
}

/** `name` (English) in `language`, or as given. */
export function countryName(name: string, language: Language): string {
  if (language !== 'fr') return name;
  return namesIn(language).get(name.toLowerCase()) ?? name;
}
