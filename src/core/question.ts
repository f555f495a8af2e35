/**
 * Understanding a plain question ("what happened near Pont Sonde last week?", "combien de
 * policiers kényans sont déployés ?", "kiyès ki disparèt?"): its intent and the slots it fills
 * (place, period, categories, actors, people, figures, casualty kinds and groups), its language,
 * and a line saying what was understood so the user can correct it. Offline and pure: the
 * gazetteer, the vocabulary built from the data, chrono-node and word lists.
 *
 * Order matters: the period's words go first ("mas" is March in Creole), then names of several
 * words that are places, then actors, people and the words of kinds and groups; only the words
 * left can be a one-word place or a misspelt one ("kenyans" is never Canaan).
 */
import { messagesFor } from './i18n/messages.ts';
import type { Gazetteer } from './places.ts';
import { findWindow } from './question-dates.ts';
import { describeUnderstood } from './question-describe.ts';
import { askedOf, decideIntent, detectLanguage } from './question-intent.ts';
import { type PlacesFound, takeExactPlaces, takeMisspeltPlaces } from './question-places.ts';
import {
  MAX_QUESTION_CHARS,
  sanitizeQuestion,
  stem,
  type Token,
  tokenize,
  writtenInCapitals,
} from './question-text.ts';
import type { PeriodSlot, PlaceSlot, Question } from './question-types.ts';
import {
  EMPTY_VOCABULARY,
  matchFigures,
  type QuestionVocabulary,
  sameWord,
  takeActors,
  takePeople,
} from './question-vocabulary.ts';
import {
  EXAMPLES,
  GROUP_OF_ACTOR_KIND,
  GROUP_WORDS,
  KIND_SPELLINGS,
  KIND_WORDS,
  NEAR,
  NEAR_DEFAULT_KM,
} from './question-words.ts';
import type { CasualtyGroup, CasualtyKind, EventCategory } from './schemas.ts';

export type { QuestionKind } from './question-words.ts';
export { MAX_QUESTION_CHARS, sanitizeQuestion };
/** The earlier name of a Question, still used by callers that read only place and period. */
export type UnderstoodQuestion = Question;

export interface QuestionContext {
  gazetteer: Gazetteer;
  now: Date;
  timeZone: string;
  /** Actors, people and figures from the data; without it only places, periods and kinds are read. */
  vocabulary?: QuestionVocabulary | undefined;
}

const RADIUS =
  /(?:within|in\s+a\s+radius\s+of|[àa]\s+moins\s+de|dans\s+un\s+rayon\s+de|nan\s+yon\s+reyon\s+|nan)\s+(\d{1,3})\s*(?:km|kilom[eè]t(?:er|re)?s?)(?![\p{L}])/iu;
const CASUALTY_KINDS: readonly string[] = ['killed', 'injured', 'missing', 'captured'];
const JOINERS = /^(and|et|ak|or|ou|to|vs|between|entre|from)$/;

const kindsOf = (word: string) => KIND_WORDS.find(([, pattern]) => pattern.test(word))?.[0];
/** The kinds a misspelt kind word stands for ("kiled", "assasinated"). */
const misspeltKindsOf = (word: string) => {
  const spelling = word.length >= 5 ? KIND_SPELLINGS.find((k) => sameWord(word, k)) : undefined;
  return spelling ? kindsOf(spelling) : undefined;
};
const groupOf = (word: string) => GROUP_WORDS.find(([, pattern]) => pattern.test(word))?.[0];

const dayFormats = new Map<string, Intl.DateTimeFormat>();
/** Today's local date (YYYY-MM-DD) in the zone: a period after it is in the future. */
export function localToday(now: Date, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format.format(now);
}

/** What the words name, read alike for a question and for a news item (src/core/leads.ts). */
interface Slots {
  question: string;
  tokens: Token[];
  /** The words of the period and the distance: no slot's, but they tell the asker's language. */
  timeWords: Token[];
  /** Words that are names of places or people, which say nothing of the asker's language. */
  named: boolean[];
  places: PlacesFound;
  window: PeriodSlot | undefined;
  radius: RegExpExecArray | null;
  kinds: Set<CasualtyKind | EventCategory>;
  groups: Set<CasualtyGroup>;
  actors: ReturnType<typeof takeActors>;
  people: ReturnType<typeof takePeople>;
  figures: ReturnType<typeof matchFigures>;
  categories: EventCategory[];
  casualtyKinds: CasualtyKind[];
  decision: ReturnType<typeof decideIntent>;
}

function readSlots(text: string, context: QuestionContext): Slots {
  const { gazetteer, now, timeZone } = context;
  const vocabulary = context.vocabulary ?? EMPTY_VOCABULARY;
  const question = sanitizeQuestion(text);
  const found = findWindow(question, now, timeZone);
  let window: PeriodSlot | undefined;
  if (found) {
    window = { from: found.from, until: found.until, label: found.label };
    if (found.from > localToday(now, timeZone)) window.future = true;
  }
  const rest = found
    ? `${question.slice(0, found.index)} ${question.slice(found.index + found.text.length)}`
    : question;
  const radius = RADIUS.exec(rest);
  const tokens = tokenize(radius ? rest.replace(radius[0], ' ') : rest);
  const timeWords = tokenize(`${found?.text ?? ''} ${radius?.[0] ?? ''}`);
  const taken = tokens.map(() => false);

  const isKindOrGroup = (word: string) => kindsOf(word) !== undefined || groupOf(word) !== undefined;
  const places: PlacesFound = { places: [] };
  takeExactPlaces(tokens, taken, gazetteer, 2, places, isKindOrGroup);
  const beforeActors = [...taken];
  const actors = takeActors(tokens, taken, vocabulary);
  const afterActors = [...taken];
  const people = takePeople(tokens, taken, vocabulary);
  const named = taken.map((t, i) => beforeActors[i] || (t && !afterActors[i]));
  const kinds = new Set<CasualtyKind | EventCategory>();
  const groups = new Set<CasualtyGroup>();
  for (const { actor } of actors) {
    const group = GROUP_OF_ACTOR_KIND[actor.kind];
    if (group) groups.add(group);
  }
  tokens.forEach((t, i) => {
    if (taken[i]) return;
    const k = kindsOf(t.word) ?? misspeltKindsOf(t.word);
    const g = groupOf(t.word);
    for (const kind of k ?? []) kinds.add(kind);
    if (g) groups.add(g);
    if (k || g) taken[i] = true;
  });
  takeExactPlaces(tokens, taken, gazetteer, 1, places, isKindOrGroup);
  const isKnown = (word: string) => isKindOrGroup(word) || vocabulary.known.has(stem(word));
  takeMisspeltPlaces(tokens, taken, gazetteer, places, isKnown);
  pickFromQualifier(places, gazetteer);
  places.places.sort((a, b) => a.start - b.start);
  for (const p of places.places) for (let k = p.start; k < p.end; k++) named[k] = true;

  const padded = ` ${tokens.map((t) => t.word).join(' ')} `;
  const casualtyKinds = casualtyKindsOf(kinds);
  // "How many" with no casualty named: a figure's name may be given in part ("how many Kenyan police are there").
  const figures =
    vocabulary.figures.length === 0
      ? []
      : matchFigures(tokens, vocabulary, casualtyKinds.length === 0 && askedOf(padded, question) === 'how-many');
  const categories = [...kinds].filter((k): k is EventCategory => !CASUALTY_KINDS.includes(k));
  const [first, second] = places.places;
  const between = first && second ? betweenWords(tokens, first.end, second.start) : undefined;
  const decision = decideIntent(
    {
      padded,
      raw: question,
      places: places.places,
      between,
      unresolvedPlace: places.places.length === 0 && places.unresolved !== undefined,
      window,
      categories,
      casualtyKinds,
      actors: actors.length,
      people,
      figures,
      leftover: tokens.filter((_, i) => !taken[i]).length,
    },
    gazetteer,
  );
  return {
    question,
    tokens,
    timeWords,
    named,
    places,
    window,
    radius,
    kinds,
    groups,
    actors,
    people,
    figures,
    categories,
    casualtyKinds,
    decision,
  };
}

/**
 * What a news item's words name, read as understandQuestion reads them: the subject place, the
 * kinds and the period. Without what only an answer needs (the asker's language, examples, the
 * line saying what was understood), which is most of the rest of the work.
 */
export function readNamed(text: string, context: QuestionContext): Pick<Question, 'place' | 'kinds' | 'window'> {
  const { places, decision, kinds, window } = readSlots(text, context);
  const out: Pick<Question, 'place' | 'kinds' | 'window'> = {};
  const subject = places.places[decision.subject]?.slot;
  if (subject) out.place = subject.place;
  if (window && !decision.asserted?.period) out.window = window;
  if (kinds.size) out.kinds = [...kinds];
  return out;
}

export function understandQuestion(text: string, context: QuestionContext): Question {
  const { gazetteer } = context;
  const slots = readSlots(text, context);
  const { question, tokens, places, window, radius, kinds, decision } = slots;
  const telling = [...tokens.filter((t, i) => !slots.named[i] && !writtenInCapitals(t)), ...slots.timeWords];
  const subject: PlaceSlot | undefined = places.places[decision.subject]?.slot;
  const out: Question = {
    intent: decision.intent,
    language: detectLanguage(
      telling.map((t) => t.word),
      telling.map((t) => t.raw).join(' '),
      question,
    ),
    places: places.places.map((p) => p.slot),
    categories: slots.categories,
    casualtyKinds: slots.casualtyKinds,
    groups: [...slots.groups],
    actors: slots.actors,
    people: slots.people,
    figures: decision.intent === 'figure' ? slots.figures : [],
    understood: '',
  };
  if (decision.asked) out.asked = decision.asked;
  if (subject) {
    out.place = subject.place;
    out.placeText = subject.words;
    if (subject.corrected) out.correctedFrom = subject.words;
  } else if (places.unresolved) {
    out.placeText = places.unresolved.words;
  }
  if (radius) out.radiusKm = Number(radius[1]);
  else if (subject && nearWordBefore(tokens, places.places[decision.subject]?.start ?? 0)) {
    out.radiusKm = NEAR_DEFAULT_KM;
    out.radiusDefaulted = true;
  }
  if (decision.asserted) out.asserted = decision.asserted;
  if (window && !decision.asserted?.period) out.window = window;
  if (kinds.size) out.kinds = [...kinds];
  if (decision.intent === 'unknown') out.examples = EXAMPLES[out.language];
  out.understood = describeUnderstood(out, gazetteer, messagesFor(out.language));
  return out;
}

function casualtyKindsOf(kinds: Iterable<CasualtyKind | EventCategory>): CasualtyKind[] {
  return [...kinds].filter((k): k is CasualtyKind => CASUALTY_KINDS.includes(k));
}

/** The word right before the second place, when nothing joins the two ("Pont-Sondé attack in Port-au-Prince"). */
function betweenWords(tokens: Token[], end: number, start: number): string | undefined {
  const gap = tokens.slice(end, start).map((t) => t.word);
  if (gap.some((w) => JOINERS.test(w))) return undefined;
  return gap.at(-1);
}

function nearWordBefore(tokens: Token[], start: number): boolean {
  const before = tokens
    .slice(Math.max(0, start - 4), start)
    .map((t) => t.word)
    .join(' ');
  return NEAR.test(before);
}

/** "Saint-Louis in Nord": of the places sharing a name, the one inside another place named. */
function pickFromQualifier(found: PlacesFound, gazetteer: Gazetteer): void {
  if (!found.unresolved || found.places.length === 0) return;
  const candidates = gazetteer.exact(found.unresolved.words);
  const inside = candidates.filter((c) => found.places.some((p) => gazetteer.contains(p.slot.place.id, c.id)));
  const place = inside[0];
  if (inside.length !== 1 || !place) return;
  const { words, start } = found.unresolved;
  found.places.unshift({ slot: { place, words }, start, end: start + words.split(' ').length });
  found.unresolved = undefined;
}
