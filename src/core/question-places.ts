/**
 * The places a question names, read from the words no other slot has taken: exact names first
 * (longest run of words first), then misspellings, strictly (a short word is read as a place
 * only right after "in", "near", "à", "nan"…, and only when one place is that close).
 */
import type { Gazetteer } from './places.ts';
import { type Token, writtenAsName, writtenAsTitle } from './question-text.ts';
import type { PlaceSlot } from './question-types.ts';
import { BEFORE_PLACE, CAPITALIZED_ONLY, STOP } from './question-words.ts';

const MAX_PLACE_WORDS = 7;

export interface FoundPlace {
  slot: PlaceSlot;
  start: number;
  end: number;
}

export interface PlacesFound {
  places: FoundPlace[];
  /** Words that stand where a place would but name no single place ("Saint-Louis", "Paris"). */
  unresolved?: { words: string; start: number } | undefined;
}

function slotOf(place: PlaceSlot['place'], words: string, corrected = false): PlaceSlot {
  const slot: PlaceSlot = { place, words };
  if (corrected) slot.corrected = true;
  if (place.kind === 'foreign') slot.outside = true;
  return slot;
}

/**
 * Exact names of `minWords` words or more among the words not taken; marks them taken. A name
 * several places share, none of them by its own name, is kept as unresolved words.
 */
export function takeExactPlaces(
  tokens: Token[],
  taken: boolean[],
  gazetteer: Gazetteer,
  minWords: number,
  out: PlacesFound,
  isOtherWord: (word: string) => boolean,
): void {
  const usable = (t: Token, i: number) =>
    CAPITALIZED_ONLY.has(t.word) ? writtenAsName(t, i) : !STOP.has(t.word) && !isOtherWord(t.word);
  for (let size = Math.min(MAX_PLACE_WORDS, tokens.length); size >= minWords; size--) {
    for (let start = 0; start + size <= tokens.length; start++) {
      if (!gazetteer.startsAName((tokens[start] as Token).word)) continue;
      if (taken.slice(start, start + size).some(Boolean)) continue;
      const run = tokens.slice(start, start + size);
      if (size === 1 && !usable(run[0] as Token, start)) continue;
      const text = run.map((t) => t.word).join(' ');
      const found = gazetteer.exactNormalized(text);
      if (found.length === 0) continue;
      const place = found.length === 1 ? found[0] : gazetteer.preferred(text, found);
      for (let k = start; k < start + size; k++) taken[k] = true;
      if (place) out.places.push({ slot: slotOf(place, text), start, end: start + size });
      else out.unresolved ??= { words: text, start };
    }
  }
}

/** Misspelt names among the content words left; then, failing all, words that stand where a place would. */
export function takeMisspeltPlaces(
  tokens: Token[],
  taken: boolean[],
  gazetteer: Gazetteer,
  out: PlacesFound,
  isOtherWord: (word: string) => boolean,
): void {
  const content = (t: Token, i: number) =>
    !taken[i] && !STOP.has(t.word) && !isOtherWord(t.word) && !/^\d+$/.test(t.word);
  for (let size = Math.min(4, tokens.length); size >= 1; size--) {
    for (let start = 0; start + size <= tokens.length; start++) {
      const run = tokens.slice(start, start + size);
      if (!run.every((t, k) => content(t, start + k))) continue;
      const text = run.map((t) => t.word).join(' ');
      // A short word is read as a misspelt place right after "in", "à", "nan"…, or when it is all the question.
      const short = BEFORE_PLACE.has(tokens[start - 1]?.word ?? '') || size === tokens.length;
      // Only names that start alike: a misspelling is read only then, and it keeps this fast.
      const result = gazetteer.sureMisspelling(text, short, true);
      if (result.place) {
        for (let k = start; k < start + size; k++) taken[k] = true;
        out.places.push({ slot: slotOf(result.place, text, true), start, end: start + size });
      } else if (result.close && out.places.length === 0 && (short || writtenAsTitle(run[0] as Token, start))) {
        // Close to a place's name, and where a place would stand: worth a "did you mean".
        out.unresolved ??= { words: text, start };
      }
    }
  }
  if (out.places.length || out.unresolved) return;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (!content(t, i)) continue;
    if (BEFORE_PLACE.has(tokens[i - 1]?.word ?? '') || writtenAsTitle(t, i)) {
      out.unresolved = { words: t.word, start: i };
      return;
    }
  }
}
