/**
 * Understanding a plain question ("what happened near Pont Sonde last week?", "attaques à
 * Kenscoff ce mois-ci", "kidnapin nan Kwadebouke semèn pase"): the place, the period and the
 * kinds of event or casualty it asks about, and a line saying what was understood so the user
 * can correct it. Offline: the gazetteer, chrono-node and word lists, no service or model.
 */

import { type Gazetteer, normalizeName } from './places.ts';
import { findWindow } from './question-dates.ts';
import type { CasualtyKind, EventCategory, Place } from './schemas.ts';

export interface QuestionContext {
  gazetteer: Gazetteer;
  now: Date;
  timeZone: string;
}

export type QuestionKind = CasualtyKind | EventCategory;

export interface UnderstoodQuestion {
  place?: Place | undefined;
  /** The words taken as the place (normalized), also when they name no single place. */
  placeText?: string | undefined;
  /** A period the question names, as inclusive local dates. */
  window?: { from: string; until: string; label: string } | undefined;
  /** Kinds of event or casualty asked about. */
  kinds?: QuestionKind[] | undefined;
  /** "within 20 km of …", "à moins de 20 km", "nan 20 km": events that far around the place too. */
  radiusKm?: number | undefined;
  /** The words, when the place was read from a misspelling of its name ("kenscof"). */
  correctedFrom?: string | undefined;
  /** What was understood, for the user to check: "Pont-Sondé, Artibonite, 19–26 March 2025". */
  understood: string;
}

export const MAX_QUESTION_CHARS = 500;
const RADIUS =
  /(?:within|in\s+a\s+radius\s+of|[àa]\s+moins\s+de|dans\s+un\s+rayon\s+de|nan\s+yon\s+reyon\s+|nan)\s+(\d{1,3})\s*(?:km|kilom[eè]t(?:er|re)?s?)(?![\p{L}])/iu;
const MAX_PLACE_WORDS = 7;

/** Words that ask for a kind of event or casualty, in English, French and Creole (normalized). */
const KIND_WORDS: Array<[QuestionKind[], RegExp]> = [
  [['killed', 'injured', 'missing', 'captured'], /^(casualt(y|ies)|victim(s|e|es)?|viktim|bilan)$/],
  [
    ['killed'],
    /^(kill(ed|ings?)?|dead|deaths?|died|fatalit(y|ies)|murder(s|ed)?|tue(s|e|es)?|morts?|deces|mouri|touye|mo)$/,
  ],
  [['injured'], /^(injur(ed|y|ies)|wounded|hurt|blesse(s|e|es)?|blese)$/],
  [['missing'], /^(missing|disappeared|disparus?|disparues?|disparet|pedi)$/],
  [['captured'], /^(captured|hostages?|otages?|otaj)$/],
  [['kidnapping'], /^(kidnap(s|ped|ping|pings)?|abduct(ed|ion|ions)|enlevements?|kidnapin|kidnape|anlevman)$/],
  [['attack'], /^(attack(s|ed)?|ambush(es|ed)?|shootings?|shot|attaques?|embuscades?|fusillades?|atak|anbiskad)$/],
  [['clash'], /^(clash(es)?|fighting|gunfights?|firefights?|affrontements?|combats?|batay)$/],
  [['protest'], /^(protests?|demonstrations?|manifestations?|manifestasyon)$/],
  [['deployment'], /^(deploy(ed|ment|ments)?|deploiements?|deplwaman)$/],
  [['humanitarian'], /^(displaced|humanitarian|deplaces|deplase|imanite)$/],
  [['assassination'], /^(assassinat(ed|ion|ions)?|asasina)$/],
];

/**
 * Words never taken as a place on their own (function words and question words of the three
 * languages, and names that are also common words: "Nò" is Nord in Creole, "no" in English).
 */
const STOP = new Set(
  (
    'a an and at by for from in into near of off on or the to with what whats where when who how any there here is are was were ' +
    'happened happen happening news latest report reports situation about around since until last this past week month year today ' +
    'le la les l de du des d et en au aux a dans pres pour sur ou quoi quest ce cette qui que quel quelle quelles est sont ' +
    'sest passe passes depuis semaine mois annee hier aujourdhui ' +
    'ki sa k kisa kote nan bo lot ak pou pase jodi ye semen mwa ane depi gen te se yo li ' +
    'no to okay ok sant sid nip pech lavil'
  ).split(' '),
);
/** Common words that are also place names: a place only when capitalized mid-sentence. */
const CAPITALIZED_ONLY = new Set(['no', 'to', 'okay', 'sant', 'sid', 'nip', 'pech', 'lavil', 'haiti']);

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

interface Token {
  word: string;
  /** The word as written, for the capitalization check. */
  raw: string;
}

function tokens(text: string): Token[] {
  return text.split(/[\s,;:!?()"«»]+/).flatMap((raw) => {
    const word = normalizeName(raw);
    if (!word) return [];
    // "l'Artibonite" → "l artibonite": two words, so the article can be skipped.
    return word.split(' ').map((w, i) => ({ word: w, raw: i === 0 ? raw : (raw.split(/['’-]/)[i] ?? raw) }));
  });
}

interface PlaceFound {
  place?: Place;
  text: string;
  /** The words were a misspelling of the place's name. */
  corrected?: boolean;
}

function findPlace(words: Token[], gazetteer: Gazetteer): PlaceFound | undefined {
  const usable = (t: Token, i: number) => !CAPITALIZED_ONLY.has(t.word) || (i > 0 && /^\p{Lu}/u.test(t.raw));
  let ambiguous: PlaceFound | undefined;
  for (let size = Math.min(MAX_PLACE_WORDS, words.length); size >= 1; size--) {
    for (let start = 0; start + size <= words.length; start++) {
      const run = words.slice(start, start + size);
      if (
        size === 1 &&
        run[0] &&
        (!usable(run[0], start) || (STOP.has(run[0].word) && !CAPITALIZED_ONLY.has(run[0].word)))
      )
        continue;
      const text = run.map((t) => t.word).join(' ');
      const found = gazetteer.exact(text);
      if (found.length === 1 && found[0]) return { place: found[0], text };
      if (found.length > 1) {
        const preferred = gazetteer.preferred(text, found);
        if (preferred) return { place: preferred, text };
        ambiguous ??= { text };
      }
    }
    if (ambiguous) return ambiguous;
  }
  // A misspelling: only runs of content words, and only one clear candidate.
  for (let size = Math.min(4, words.length); size >= 1; size--) {
    for (let start = 0; start + size <= words.length; start++) {
      const run = words.slice(start, start + size);
      if (run.some((t) => STOP.has(t.word) || isKindWord(t.word))) continue;
      const text = run.map((t) => t.word).join(' ');
      const close = gazetteer.misspelled(text);
      const best = close[0];
      if (!best) continue;
      const tied = close.filter((c) => c.distance === best.distance);
      // Taken as meant only when long enough to be unmistakable and starting alike ("paris" is not Karis).
      const sure =
        tied.length === 1 &&
        text.length >= 6 &&
        gazetteer.namesOf(best.place).some((n) => normalizeName(n)[0] === text[0]);
      if (sure) return { place: best.place, text, corrected: true };
      return { text };
    }
  }
  const named = namedWords(words);
  return named ? { text: named } : undefined;
}

const BEFORE_PLACE = new Set([
  'in',
  'at',
  'near',
  'around',
  'from',
  'a',
  'au',
  'dans',
  'pres',
  'vers',
  'nan',
  'bo',
  'kote',
  'lot',
]);

/** The words that stand where a place would ("in Paris", "à Miami"), for a "did you mean" answer. */
function namedWords(words: Token[]): string | undefined {
  for (let i = 0; i < words.length; i++) {
    const t = words[i];
    if (!t || STOP.has(t.word) || isKindWord(t.word) || /^\d+$/.test(t.word)) continue;
    const prev = words[i - 1];
    if ((prev && BEFORE_PLACE.has(prev.word)) || (i > 0 && /^\p{Lu}/u.test(t.raw))) return t.word;
  }
  return undefined;
}

function isKindWord(word: string): boolean {
  return KIND_WORDS.some(([, pattern]) => pattern.test(word));
}

function findKinds(words: Token[]): QuestionKind[] {
  const kinds = new Set<QuestionKind>();
  for (const { word } of words) {
    for (const [found, pattern] of KIND_WORDS) if (pattern.test(word)) for (const k of found) kinds.add(k);
  }
  return [...kinds];
}

export function understandQuestion(text: string, { gazetteer, now, timeZone }: QuestionContext): UnderstoodQuestion {
  const question = sanitizeQuestion(text);
  const window = findWindow(question, now, timeZone);
  // The words of the period are not a place ("mas" is March in Creole).
  const rest = window
    ? `${question.slice(0, window.index)} ${question.slice(window.index + window.text.length)}`
    : question;
  const radius = RADIUS.exec(rest);
  const words = tokens(radius ? rest.replace(radius[0], ' ') : rest);
  const found = findPlace(words, gazetteer);
  const kinds = findKinds(words);
  const out: UnderstoodQuestion = { understood: '' };
  if (found) {
    out.placeText = found.text;
    if (found.place) out.place = found.place;
    if (found.place && found.corrected) out.correctedFrom = found.text;
  }
  if (window) out.window = { from: window.from, until: window.until, label: window.label };
  if (kinds.length > 0) out.kinds = kinds;
  if (radius) out.radiusKm = Number(radius[1]);
  out.understood = describeUnderstood(out, gazetteer, found?.corrected === true);
  return out;
}

/** "Pont-Sondé, Artibonite, 19–26 March 2025; attack, killed". */
function describeUnderstood(q: UnderstoodQuestion, gazetteer: Gazetteer, corrected: boolean): string {
  const parts: string[] = [];
  if (q.place) {
    const department = gazetteer.departmentOf(q.place.id);
    parts.push(corrected ? `${q.place.name} (read from "${q.placeText}")` : q.place.name);
    if (department && department.id !== q.place.id) parts.push(department.name);
    if (q.radiusKm !== undefined) parts.push(`within ${q.radiusKm} km`);
  } else {
    parts.push(q.placeText ? `"${q.placeText}" (no single known place)` : 'no place');
  }
  parts.push(q.window ? q.window.label : 'any date');
  const kinds = summarizeKinds(q.kinds);
  return `${parts.join(', ')}${kinds ? `; ${kinds}` : ''}`;
}

function summarizeKinds(kinds: QuestionKind[] | undefined): string {
  if (!kinds || kinds.length === 0) return '';
  const casualties: QuestionKind[] = ['killed', 'injured', 'missing', 'captured'];
  if (casualties.every((k) => kinds.includes(k))) {
    return ['casualties', ...kinds.filter((k) => !casualties.includes(k))].join(', ');
  }
  return kinds.join(', ');
}
