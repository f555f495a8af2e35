/**
 * The names a question can use besides places, taken from the data itself: actors (names and
 * aliases: "Kenyan", "kényan", "Kenya police" are the MSS contingent), people the records name,
 * and figures (keys, labels, aliases), so a new actor, person or figure is askable without
 * code. Built once; matching a question against it is a few map look-ups and short edit
 * distances.
 */
import { distance as editDistance } from 'fastest-levenshtein';
import { normalizeName } from './places.ts';
import { stem, type Token, writtenInCapitals } from './question-text.ts';
import type { ActorSlot, FigureSlot, PersonSlot, VocabularyInput } from './question-types.ts';
import { conceptOf, STOP } from './question-words.ts';
import type { Actor, Indicator, Person } from './schemas.ts';

interface Phrase<T> {
  /** Stemmed, normalized words. */
  words: string[];
  value: T;
}

interface FigureEntry {
  key: string;
  label: string;
  /** Concept sets of the label, the key and each alias; aliases match when whole. */
  phrases: Array<{ concepts: string[]; alias: boolean }>;
}

/** Phrases by the first letter of their first word, longest first. */
interface PhraseIndex<T> {
  byInitial: Map<string, Phrase<T>[]>;
}

function indexPhrases<T>(phrases: Phrase<T>[]): PhraseIndex<T> {
  const byInitial = new Map<string, Phrase<T>[]>();
  for (const phrase of phrases.sort(byLength)) {
    const initial = phrase.words[0]?.[0] ?? '';
    byInitial.set(initial, [...(byInitial.get(initial) ?? []), phrase]);
  }
  return { byInitial };
}

export interface QuestionVocabulary {
  actors: PhraseIndex<Actor>;
  people: PhraseIndex<Person>;
  figures: FigureEntry[];
  /** Every word the vocabulary knows: no place is read from a misspelling of one. */
  known: Set<string>;
}

const words = (text: string) => normalizeName(text).split(' ').filter(Boolean).map(stem);

/** Longest first, so "Kenyan government" wins over "Kenyan". */
const byLength = <T>(a: Phrase<T>, b: Phrase<T>) => b.words.length - a.words.length;

export function createQuestionVocabulary(input: VocabularyInput): QuestionVocabulary {
  const known = new Set<string>();
  const actors: Phrase<Actor>[] = [];
  for (const actor of input.actors) {
    for (const name of new Set([actor.name, ...actor.aliases])) {
      const w = words(name);
      if (w.length) actors.push({ words: w, value: actor });
      for (const word of w) known.add(word);
    }
  }
  const people: Phrase<Person>[] = [];
  for (const person of input.people) {
    const w = words(person.name);
    if (w.length === 0) continue;
    people.push({ words: w, value: person });
    // "Moïse", "Henry", "Kaetuai": one name is enough, when it is not a common word.
    for (const one of w) if (one.length >= 4 && !STOP.has(one)) people.push({ words: [one], value: person });
    for (const word of w) known.add(word);
  }
  const figures = new Map<string, FigureEntry>();
  for (const indicator of input.indicators) {
    const entry = figures.get(indicator.key) ?? { key: indicator.key, label: indicator.label, phrases: [] };
    const add = (text: string, alias: boolean) => {
      const stems = words(text);
      const concepts = conceptsOf(stems);
      for (const w of stems) if (!STOP.has(w)) known.add(w);
      if (concepts.length && !entry.phrases.some((p) => p.concepts.join(' ') === concepts.join(' ')))
        entry.phrases.push({ concepts, alias });
      for (const c of concepts) known.add(c);
    };
    add(indicator.label, false);
    add(indicator.key.replace(/-/g, ' '), false);
    for (const alias of indicator.aliases ?? []) add(alias, true);
    figures.set(indicator.key, entry);
  }
  return { actors: indexPhrases(actors), people: indexPhrases(people), figures: [...figures.values()], known };
}

const built: Array<{ signature: string; vocabulary: QuestionVocabulary }> = [];

/**
 * The vocabulary of this data, built once: /ask calls it with every question, and the data
 * (actors, figures, people) rarely changes. Keeps the last few, by content.
 */
export function vocabularyOf(input: VocabularyInput): QuestionVocabulary {
  const actors = [...input.actors];
  // The same actors and frozen figures (as the store keeps them) and the same names as the last
  // question: its vocabulary, without writing the signature of it all again.
  if (
    last &&
    sameItems(last.actors, actors) &&
    input.indicators.every((i) => Object.isFrozen(i)) &&
    sameItems(last.indicators, input.indicators) &&
    sameItems(
      last.people,
      input.people.map((p) => p.name),
    )
  )
    return last.vocabulary;
  const signature = JSON.stringify([
    actors.map((a) => [a.id, a.kind, a.name, a.aliases]),
    input.indicators.map((i) => [i.key, i.label, i.aliases]),
    input.people.map((p) => p.name),
  ]);
  let vocabulary = built.find((b) => b.signature === signature)?.vocabulary;
  if (!vocabulary) {
    vocabulary = createQuestionVocabulary({ ...input, actors });
    built.unshift({ signature, vocabulary });
    built.length = Math.min(built.length, 4);
  }
  last = { actors, indicators: [...input.indicators], people: input.people.map((p) => p.name), vocabulary };
  return vocabulary;
}

let last:
  | { actors: Actor[]; indicators: readonly Indicator[]; people: readonly string[]; vocabulary: QuestionVocabulary }
  | undefined;

const sameItems = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export const EMPTY_VOCABULARY: QuestionVocabulary = createQuestionVocabulary({
  actors: [],
  indicators: [],
  people: [],
});

/** A person the records name, with the ids of the records that name them ("who is Ombaka?" reads them). */
export interface NamedPerson extends Person {
  eventIds: string[];
}

/** Each person the records name, once (by normalized name), in the order first named. */
export function peopleOf(
  events: Iterable<{ id?: string | undefined; people?: readonly Person[] | undefined }>,
): NamedPerson[] {
  const seen = new Map<string, NamedPerson>();
  for (const event of events) {
    for (const person of event.people ?? []) {
      const key = normalizeName(person.name);
      const named = seen.get(key) ?? { ...person, eventIds: [] };
      seen.set(key, named);
      if (event.id && !named.eventIds.includes(event.id)) named.eventIds.push(event.id);
    }
  }
  return [...seen.values()];
}

/**
 * The people of the seed (with their roles) and everyone else the stored events name (imported
 * or reported), each once: the store gives the others' names as normalizeName writes them.
 */
export function withNamedPeople(known: readonly Person[], stored: readonly string[]): Person[] {
  const seen = new Set(known.map((p) => normalizeName(p.name)));
  return [...known, ...stored.filter((name) => name && !seen.has(name)).map((name) => ({ name }))];
}

/** The same word, or a misspelling of a long one that starts alike. */
export function sameWord(word: string, known: string): boolean {
  if (word === known) return true;
  if (known.length < 5 || word[0] !== known[0] || Math.abs(word.length - known.length) > 2) return false;
  return editDistance(word, known) <= (known.length >= 9 ? 2 : 1);
}

interface PhraseMatch<T> {
  values: T[];
  start: number;
  end: number;
  words: string;
}

/**
 * The vocabulary's phrases found among the words not yet taken, longest first; marks the words
 * taken. A one-word acronym that is also a common word ("US", "UN") counts only in capitals.
 */
function takePhrases<T>(tokens: Token[], taken: boolean[], phrases: PhraseIndex<T>): PhraseMatch<T>[] {
  const out: PhraseMatch<T>[] = [];
  const stems = tokens.map((t) => stem(t.word));
  for (let i = 0; i < tokens.length; i++) {
    if (taken[i]) continue;
    let best: PhraseMatch<T> | undefined;
    // A phrase matches only if its first word starts with the same letter (sameWord requires it).
    for (const phrase of phrases.byInitial.get((stems[i] as string)[0] ?? '') ?? []) {
      const n = phrase.words.length;
      if (best && n < best.end - best.start) break;
      if (i + n > tokens.length) continue;
      let ok = true;
      for (let k = 0; k < n && ok; k++) {
        const s = stems[i + k] as string;
        ok = !taken[i + k] && sameWord(s, phrase.words[k] as string);
      }
      if (!ok) continue;
      const only = tokens[i] as Token;
      if (n === 1 && (STOP.has(only.word) || only.word === 'un') && !writtenInCapitals(only)) continue;
      if (n === 1 && /^\d+$/.test(only.word)) continue;
      if (best) {
        if (!best.values.includes(phrase.value)) best.values.push(phrase.value);
      } else {
        best = {
          values: [phrase.value],
          start: i,
          end: i + n,
          words: tokens
            .slice(i, i + n)
            .map((t) => t.word)
            .join(' '),
        };
      }
    }
    if (best) {
      for (let k = best.start; k < best.end; k++) taken[k] = true;
      out.push(best);
      i = best.end - 1;
    }
  }
  return out;
}

export function takeActors(tokens: Token[], taken: boolean[], vocabulary: QuestionVocabulary): ActorSlot[] {
  const out: ActorSlot[] = [];
  for (const m of takePhrases(tokens, taken, vocabulary.actors)) {
    for (const actor of m.values) if (!out.some((a) => a.actor.id === actor.id)) out.push({ actor, words: m.words });
  }
  return out;
}

export function takePeople(tokens: Token[], taken: boolean[], vocabulary: QuestionVocabulary): PersonSlot[] {
  const out: PersonSlot[] = [];
  for (const m of takePhrases(tokens, taken, vocabulary.people)) {
    for (const person of m.values) if (!out.some((p) => p.person === person)) out.push({ person, words: m.words });
  }
  return out;
}

/** Concepts of the content words ("Port-Au-Prince" is one: the capital). */
function conceptsOf(stemmed: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < stemmed.length; i++) {
    const w = stemmed[i] as string;
    if (w === 'port' && stemmed[i + 1] === 'au' && stemmed[i + 2] === 'prince') {
      out.push('capital');
      i += 2;
    } else if (!STOP.has(w) && !/^\d+$/.test(w) && w.length > 1) {
      const c = conceptOf(w);
      if (!out.includes(c)) out.push(c);
    }
  }
  return out;
}

/**
 * Figures the question names, best first: all of an alias, or at least three quarters (and two
 * words) of a label or key (`loose`: 60 %) ("how many people were killed in gang violence" names
 * killed-gang-violence-2024; "how many gang members were killed" does not).
 */
export function matchFigures(tokens: Token[], vocabulary: QuestionVocabulary, loose = false): FigureSlot[] {
  if (vocabulary.figures.length === 0) return [];
  const asked = conceptsOf(tokens.map((t) => stem(t.word)));
  // Figures share most of their concepts: each is compared with the question's words once.
  const seen = new Map<string, boolean>();
  const has = (c: string) => {
    let found = seen.get(c);
    if (found === undefined) {
      found = asked.includes(c) || asked.some((a) => a.length >= 6 && sameWord(a, c));
      seen.set(c, found);
    }
    return found;
  };
  const out: Array<FigureSlot & { matched: number }> = [];
  for (const figure of vocabulary.figures) {
    let best: { score: number; matched: number } | undefined;
    for (const phrase of figure.phrases) {
      let matched = 0;
      for (const concept of phrase.concepts) if (has(concept)) matched++;
      const score = matched / phrase.concepts.length;
      const ok = phrase.alias ? score === 1 : matched >= 2 && score >= (loose ? 0.6 : 0.75);
      if (ok && (!best || score > best.score || (score === best.score && matched > best.matched)))
        best = { score, matched };
    }
    if (best) out.push({ key: figure.key, label: figure.label, score: best.score, matched: best.matched });
  }
  return out
    .sort((a, b) => b.matched - a.matched || b.score - a.score)
    .map(({ key, label, score }) => ({ key, label, score }));
}
