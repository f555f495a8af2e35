/**
 * Understanding a plain question: which place it names. It looks for the longest run of words
 * that is a gazetteer name (accents, case and hyphens ignored), then for a close misspelling.
 */
import { type Gazetteer, normalizeName } from './places.ts';
import type { Place } from './schemas.ts';

export interface QuestionContext {
  gazetteer: Gazetteer;
  now: Date;
  timeZone: string;
}

export interface UnderstoodQuestion {
  place?: Place | undefined;
  /** The words taken as the place. */
  placeText?: string | undefined;
  /** A period the question names, as inclusive local dates. */
  window?: { from: string; until: string; label: string } | undefined;
  /** Kinds of event or casualty asked about. */
  kinds?: string[] | undefined;
  /** What was understood, for the user to check. */
  understood: string;
}

const MAX_WORDS = 6;

export function understandQuestion(text: string, { gazetteer }: QuestionContext): UnderstoodQuestion {
  const words = normalizeName(text).split(' ').filter(Boolean);
  for (let size = Math.min(MAX_WORDS, words.length); size >= 1; size--) {
    for (let start = 0; start + size <= words.length; start++) {
      const phrase = words.slice(start, start + size).join(' ');
      const found = gazetteer.exact(phrase);
      if (found.length >= 1 && found[0]) {
        return { place: found[0], placeText: phrase, understood: gazetteer.describe(found[0]) };
      }
    }
  }
  for (let size = Math.min(MAX_WORDS, words.length); size >= 1; size--) {
    for (let start = 0; start + size <= words.length; start++) {
      const phrase = words.slice(start, start + size).join(' ');
      if (phrase.length < 5) continue;
      const best = gazetteer.search(phrase, 1)[0];
      if (best && best.score >= 30 && best.score < 50) {
        return { placeText: phrase, understood: `no place; closest: ${best.place.name}` };
      }
    }
  }
  return { understood: 'no place' };
}
