/**
 * A question's text made safe and split into words: mentions, links and markup removed, then
 * each word normalized (no accents, case, hyphens) with how it was written kept beside it.
 */
import { normalizeName } from './places.ts';

export const MAX_QUESTION_CHARS = 500;

/** Removes what must never be echoed or matched: mentions, links, markup, control characters. */
export function sanitizeQuestion(text: string): string {
  return text
    .slice(0, MAX_QUESTION_CHARS * 2)
    .replace(/<[@#!][^>]*>/g, ' ')
    .replace(/@(everyone|here|channel)\b/gi, ' ')
    .replace(/https?:\/\/\S+/gi, ' ')
    .replace(/[\p{Cc}\p{Cf}]/gu, ' ')
    .replace(/[*_~`|<>[\]{}\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_QUESTION_CHARS);
}

export interface Token {
  /** Normalized: "Pont-Sondé" gives "pont" and "sonde". */
  word: string;
  /** The word as written, for the capitalization check. */
  raw: string;
}

const JOINED = /['’`´‐‑–—-]/;
const JOINED_SPLIT = /['’`´‐‑–—-]+/;

export function tokenize(text: string): Token[] {
  return text.split(/[\s,;:!?()"«»]+/).flatMap((raw) => {
    const word = normalizeName(raw);
    if (!word) return [];
    // "l'Artibonite" → "l artibonite": two words, so the article can be skipped.
    // Most words have no apostrophe or dash: they are one part, as written.
    const parts = JOINED.test(raw) ? raw.split(JOINED_SPLIT).filter((p) => normalizeName(p)) : [raw];
    return word.split(' ').map((w, i) => ({ word: w, raw: parts[i] ?? raw }));
  });
}

/** A plural's singular, roughly, for English, French and Creole words ("kenyans" → "kenyan"). */
export function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && /[^s]s$/.test(word)) return word.slice(0, -1);
  if (word.length > 4 && word.endsWith('x') && /[aeu]ux$/.test(word)) return word.slice(0, -1);
  return word;
}

/** Whether a word was written as a name: capitalized, and not the first word of the question. */
export function writtenAsName(token: Token, index: number): boolean {
  return index > 0 && /^\p{Lu}/u.test(token.raw);
}

/** Whether a word was written as a title ("Paris", not "TABLE"), not first in the question: maybe a place's name. */
export function writtenAsTitle(token: Token, index: number): boolean {
  return index > 0 && /^\p{Lu}\p{Ll}/u.test(token.raw);
}

/** Whether a word was written in capitals ("US", "UN"): an acronym, not the pronoun or article. */
export function writtenInCapitals(token: Token): boolean {
  return /^\p{Lu}{2,}$/u.test(token.raw.replace(/[.]/g, ''));
}
