/**
 * What a question asks, as the question layer reads it: an intent and the slots it fills. The
 * answering code reads these; nothing here knows how an answer is worded.
 */
import type { Actor, CasualtyGroup, CasualtyKind, EventCategory, Indicator, Person, Place } from './schemas.ts';

export type Language = 'en' | 'fr' | 'ht';

/**
 * - `place-report`: what happened at or near a place ("attacks near Pont-Sondé last week").
 * - `casualties`: how many killed, injured, missing or captured; of whom, where, when.
 * - `figure`: a figure the store holds ("how many Kenyan police are deployed").
 * - `event`: who, when or where of a named event ("when did Ariel Henry resign").
 * - `claim`: a statement to check ("was the Pont-Sondé attack in Port-au-Prince?").
 * - `people`: who ("who is missing?", "who is Ombaka?").
 * - `timeline`: events by category, actor or period, with no place ("kidnappings this month").
 * - `future`: what will happen: out of reach.
 * - `unknown`: nothing to go on; `examples` says what would work.
 */
export type Intent =
  | 'place-report'
  | 'casualties'
  | 'figure'
  | 'event'
  | 'claim'
  | 'people'
  | 'timeline'
  | 'future'
  | 'unknown';

/** The question word: what the answer's first sentence must say. */
export type Asked = 'who' | 'when' | 'where' | 'how-many' | 'yes-no';

export interface PlaceSlot {
  place: Place;
  /** The words taken as the place (normalized). */
  words: string;
  /** Read from a misspelling of the place's name. */
  corrected?: true | undefined;
  /** A place of the gazetteer outside Haiti (Nairobi, New York): said so, never "in Haiti". */
  outside?: true | undefined;
}

/** A period as inclusive local dates (YYYY-MM-DD). */
export interface PeriodSlot {
  from: string;
  until: string;
  label: string;
  /** The whole period is after today ("next week"). */
  future?: true | undefined;
}

export interface ActorSlot {
  actor: Actor;
  words: string;
}

export interface PersonSlot {
  person: Person;
  words: string;
}

export interface FigureSlot {
  key: string;
  label: string;
  /** How much of the figure's name the question holds (0–1). */
  score: number;
}

/** What a claim asserts about its subject (the question's place, people and categories). */
export interface AssertedSlot {
  place?: PlaceSlot | undefined;
  period?: PeriodSlot | undefined;
}

export interface Question {
  intent: Intent;
  language: Language;
  asked?: Asked | undefined;
  /** The subject place; for a claim, the place the claim is about. */
  place?: Place | undefined;
  places: PlaceSlot[];
  /** The words taken as a place (normalized), also when they name no single place. */
  placeText?: string | undefined;
  /** The words, when the place was read from a misspelling of its name ("kenscof"). */
  correctedFrom?: string | undefined;
  /** "within 20 km of", or "near" (then `radiusDefaulted`). */
  radiusKm?: number | undefined;
  radiusDefaulted?: true | undefined;
  /** The period asked about (for a claim, its subject's; the claimed one is in `asserted`). */
  window?: PeriodSlot | undefined;
  categories: EventCategory[];
  casualtyKinds: CasualtyKind[];
  groups: CasualtyGroup[];
  actors: ActorSlot[];
  people: PersonSlot[];
  figures: FigureSlot[];
  asserted?: AssertedSlot | undefined;
  /** Kinds of event or casualty asked about, in the order named (categories and casualty kinds). */
  kinds?: Array<CasualtyKind | EventCategory> | undefined;
  /** For `unknown`: three questions that would work, in the asker's language. */
  examples?: string[] | undefined;
  /** What was understood, for the user to check: "Pont-Sondé, Artibonite, 19–26 March 2025". */
  understood: string;
}

/** What the question layer matches words against, built once from the data (question-vocabulary.ts). */
export interface VocabularyInput {
  actors: Iterable<Actor>;
  indicators: readonly Indicator[];
  people: readonly Person[];
}
