/**
 * What a question asks, decided from the slots it filled and its question words, most specific
 * first: the future is out of reach; a claim checks a named event's place or date; who, when
 * and where of a named event; a figure; who was hurt; how many; a place; a list of events.
 */
import type { Gazetteer } from './places.ts';
import type { FoundPlace } from './question-places.ts';
import type { Asked, AssertedSlot, FigureSlot, Intent, Language, PeriodSlot, PersonSlot } from './question-types.ts';
import { ASKED_WORDS, EXISTENTIAL, FUTURE, LANGUAGE_WORDS, NEWS } from './question-words.ts';
import type { CasualtyKind, EventCategory } from './schemas.ts';

export interface Clues {
  /** The normalized question, padded with spaces: " when did ariel henry resign ". */
  padded: string;
  /** The question as written (sanitized): "où" is "where", "ou" is "or". */
  raw: string;
  places: FoundPlace[];
  /** Words between two places, normalized ("in", "a", "nan"). */
  between?: string | undefined;
  unresolvedPlace: boolean;
  window?: PeriodSlot | undefined;
  categories: EventCategory[];
  casualtyKinds: CasualtyKind[];
  actors: number;
  people: PersonSlot[];
  figures: FigureSlot[];
  /** Content words no slot took. */
  leftover: number;
}

export interface Decision {
  intent: Intent;
  asked?: Asked | undefined;
  /** Index in `places` of the subject place. */
  subject: number;
  asserted?: AssertedSlot | undefined;
}

export function askedOf(padded: string, raw: string): Asked | undefined {
  if (ASKED_WORDS.when.test(padded)) return 'when';
  if (ASKED_WORDS.where.test(padded) || /(^|[\s'’])où(?![\p{L}])/iu.test(raw)) return 'where';
  if (ASKED_WORDS.who.test(padded)) return 'who';
  if (ASKED_WORDS.howMany.test(padded)) return 'how-many';
  if (ASKED_WORDS.what.test(padded)) return undefined;
  if (ASKED_WORDS.yesNo.test(padded)) return 'yes-no';
  return undefined;
}

/** "X in Y" where Y does not hold X (nor shares its arrondissement): a claim about X's place. */
function placeClaim(clues: Clues, gazetteer: Gazetteer): AssertedSlot | undefined {
  const [subject, claimed] = clues.places;
  if (!subject || !claimed || !/^(in|at|a|au|dans|nan|of|de)$/.test(clues.between ?? '')) return undefined;
  const holder = gazetteer.ancestors(claimed.slot.place.id).find((p) => p.kind === 'arrondissement');
  const holds = (outer: string) => gazetteer.contains(outer, subject.slot.place.id);
  if (holds(claimed.slot.place.id) || (holder && holds(holder.id))) return undefined;
  if (gazetteer.contains(subject.slot.place.id, claimed.slot.place.id)) return undefined;
  return { place: claimed.slot };
}

export function decideIntent(clues: Clues, gazetteer: Gazetteer): Decision {
  const { padded, window, people, figures } = clues;
  const asked = askedOf(padded, clues.raw);
  const named = people.length > 0;
  const eventWords = clues.categories.length > 0;
  const hasPlace = clues.places.length > 0 || clues.unresolvedPlace;
  const decision = (intent: Intent, extra: Partial<Decision> = {}): Decision => ({
    intent,
    asked,
    subject: 0,
    ...extra,
  });

  if (window?.future || (FUTURE.test(padded) && !(window && !window.future))) return decision('future');
  const claimedPlace = placeClaim(clues, gazetteer);
  if (claimedPlace) return decision('claim', { asserted: claimedPlace });
  // A named event with a place or date the question asserts: "Moise assassination in 2023".
  const hurt = clues.casualtyKinds.length > 0;
  // A named event ("Moïse", "the Kenyan officer shot") said to be somewhere or at some time: the
  // place or date is the claim, not the subject. "Was there an attack in Kenscoff?" asks, it does not claim.
  const namedEvent = named || (asked === 'yes-no' && eventWords && !EXISTENTIAL.test(padded));
  if (namedEvent && asked !== 'when' && asked !== 'where' && asked !== 'who') {
    if (window) return decision('claim', { asserted: { period: window } });
    if (clues.places[0] && (asked === 'yes-no' || eventWords || hurt))
      return decision('claim', { asserted: { place: clues.places[0].slot }, subject: -1 });
  }
  if ((asked === 'when' || asked === 'where') && (named || eventWords || clues.actors > 0)) return decision('event');
  if (asked === 'who' && ((eventWords && !hurt) || (named && (eventWords || hurt)))) return decision('event');
  if (
    figures.length &&
    (asked === 'how-many' || !hasPlace || clues.places.every((p) => p.slot.place.kind === 'country'))
  )
    return decision('figure');
  if (asked === 'who' || (ASKED_WORDS.name.test(padded) && (clues.casualtyKinds.length || named)))
    return decision('people');
  if (named && !hasPlace) return decision('people');
  if (clues.casualtyKinds.length && (asked === 'how-many' || !hasPlace)) return decision('casualties');
  if (hasPlace) return decision('place-report');
  if (eventWords || clues.actors > 0 || window || NEWS.test(padded)) return decision('timeline');
  return decision('unknown');
}

/** The language most of the question's telling words belong to; English when none tells. */
export function detectLanguage(words: readonly string[], raw: string, whole: string): Language {
  const score: Record<Language, number> = { en: 0, fr: 0, ht: 0 };
  for (const word of words) {
    for (const language of ['en', 'fr', 'ht'] as const) if (LANGUAGE_WORDS[language].has(word)) score[language] += 1;
  }
  if (/[éêçàûœ]/i.test(raw)) score.fr += 1;
  if (/[ò]/i.test(raw)) score.ht += 1;
  if (/\b(sa k|kisa k|sak)\b/i.test(whole)) score.ht += 2;
  if (/\b(qu|s|c|l|d)['’]\p{L}|est-ce/iu.test(whole)) score.fr += 1;
  const best = Math.max(score.en, score.fr, score.ht);
  if (best === 0) return 'en';
  return score.en === best ? 'en' : score.fr === best ? 'fr' : 'ht';
}
