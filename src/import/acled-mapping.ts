/**
 * How ACLED's vocabulary maps to Sitrep's, both ways: event types and sub-event types to
 * categories, actor names to actor ids, precision codes to precisions, ACLED ids to event ids.
 * Import and export share these tables, so an exported row imports back to the same event.
 */
import { normalizeName } from '../core/places.ts';
import type { Actor, Event, EventCategory } from '../core/schemas.ts';

/** ACLED's event types and, for each, its sub-event types (ACLED codebook, 2024). */
export const ACLED_EVENT_TYPES: Record<string, readonly string[]> = {
  Battles: ['Armed clash', 'Government regains territory', 'Non-state actor overtakes territory'],
  'Violence against civilians': ['Attack', 'Abduction/forced disappearance', 'Sexual violence'],
  'Explosions/Remote violence': [
    'Air/drone strike',
    'Chemical weapon',
    'Grenade',
    'Remote explosive/landmine/IED',
    'Shelling/artillery/missile attack',
    'Suicide bomb',
  ],
  Protests: ['Peaceful protest', 'Protest with intervention', 'Excessive force against protesters'],
  Riots: ['Violent demonstration', 'Mob violence'],
  'Strategic developments': [
    'Agreement',
    'Arrests',
    'Change to group/activity',
    'Disrupted weapons use',
    'Headquarters or base established',
    'Looting/property destruction',
    'Non-violent transfer of territory',
    'Other',
  ],
};

/** Sub-event type → the event type it belongs to. */
export const ACLED_TYPE_OF_SUB: ReadonlyMap<string, string> = new Map(
  Object.entries(ACLED_EVENT_TYPES).flatMap(([type, subs]) => subs.map((sub) => [sub, type] as const)),
);

const SUB_CATEGORY: Record<string, EventCategory> = {
  'Armed clash': 'clash',
  'Government regains territory': 'clash',
  'Non-state actor overtakes territory': 'clash',
  Attack: 'attack',
  'Abduction/forced disappearance': 'kidnapping',
  'Sexual violence': 'attack',
  'Peaceful protest': 'protest',
  'Protest with intervention': 'protest',
  'Excessive force against protesters': 'protest',
  'Violent demonstration': 'protest',
  'Mob violence': 'attack',
  Agreement: 'agreement',
  'Headquarters or base established': 'deployment',
  'Looting/property destruction': 'attack',
};

/** A sub-event type's category: explosions are attacks; other strategic developments are "other". */
export function categoryOfSub(sub: string): EventCategory {
  return SUB_CATEGORY[sub] ?? (ACLED_TYPE_OF_SUB.get(sub) === 'Explosions/Remote violence' ? 'attack' : 'other');
}

/** For an event that did not come from ACLED: the closest ACLED sub-event type of its category. */
const SUB_OF_CATEGORY: Record<EventCategory, string> = {
  clash: 'Armed clash',
  attack: 'Attack',
  kidnapping: 'Abduction/forced disappearance',
  assassination: 'Attack',
  deployment: 'Headquarters or base established',
  political: 'Other',
  agreement: 'Agreement',
  statement: 'Other',
  protest: 'Peaceful protest',
  humanitarian: 'Other',
  other: 'Other',
};

export function acledTypesOf(event: Event): { eventType: string; subEventType: string } {
  const sub =
    event.subCategory && ACLED_TYPE_OF_SUB.has(event.subCategory) ? event.subCategory : SUB_OF_CATEGORY[event.category];
  return { eventType: ACLED_TYPE_OF_SUB.get(sub) ?? 'Strategic developments', subEventType: sub };
}

/** ACLED's country-prefixed ids ("HTI12345") become "acled-hti12345"; a Sitrep id written out by export stays itself. */
const ACLED_ID = /^[A-Za-z]{3}\d+$/;

export function eventIdOf(acledId: string): string {
  return ACLED_ID.test(acledId) ? `acled-${acledId.toLowerCase()}` : acledId;
}

export function acledIdOf(eventId: string): string {
  const rest = eventId.startsWith('acled-') ? eventId.slice('acled-'.length) : undefined;
  return rest !== undefined && ACLED_ID.test(rest) ? rest.toUpperCase() : eventId;
}

/** ACLED time_precision: 1 the day is known, 2 within a week (kept as the day), 3 the month. */
export function timePrecisionOf(code: number): Event['timePrecision'] {
  return code === 3 ? 'month' : 'day';
}
export function timePrecisionCode(precision: Event['timePrecision']): number {
  return precision === 'day' || precision === 'datetime' ? 1 : 3;
}

/** ACLED geo_precision: 1 the town or place itself, 2 near it or part of a region, 3 a larger region. */
export function geoPrecisionOf(code: number): Event['place']['geoPrecision'] {
  return code === 1 ? 'locality' : code === 2 ? 'commune' : 'department';
}
export function geoPrecisionCode(precision: Event['place']['geoPrecision']): number {
  return precision === 'exact' || precision === 'locality' ? 1 : precision === 'commune' ? 2 : 3;
}

/** Words in ACLED actor names that identify one of Sitrep's actors, tried in order. */
const ACTOR_PATTERNS: Array<[RegExp, string]> = [
  [/multinational security support|\bmss\b/i, 'mss'],
  [/kenya/i, 'mss-kenya'],
  [/police forces of haiti|haitian national police|\bhnp\b|\bpnh\b/i, 'hnp'],
  [/gang|viv ansanm|mawozo|\bg9\b|g-?pep|5 segond|gran grif|kraze bary|ti makak|canaan/i, 'gangs'],
  [/civilians/i, 'civilians'],
  [/transitional presidential council/i, 'tpc'],
  [/government of haiti|military forces of haiti/i, 'gov-haiti'],
  [/united states/i, 'gov-us'],
  [/united nations|\bbinuh\b/i, 'un'],
];

/** An ACLED actor name → a Sitrep actor id: its exact name or alias, else a telling word; undefined if none. */
export function createActorMatcher(actors: ReadonlyMap<string, Actor>) {
  const byName = new Map<string, string>();
  for (const actor of actors.values()) {
    for (const name of [actor.id, actor.name, ...actor.aliases]) byName.set(normalizeName(name), actor.id);
  }
  return (text: string): string | undefined => {
    const exact = byName.get(normalizeName(text));
    if (exact) return exact;
    const found = ACTOR_PATTERNS.find(([pattern]) => pattern.test(text))?.[1];
    return found && actors.has(found) ? found : undefined;
  };
}

/** The columns an ACLED export writes, in ACLED's order. */
export const ACLED_COLUMNS_OUT = [
  'event_id_cnty',
  'event_date',
  'year',
  'time_precision',
  'event_type',
  'sub_event_type',
  'actor1',
  'actor2',
  'country',
  'admin1',
  'admin2',
  'admin3',
  'location',
  'latitude',
  'longitude',
  'geo_precision',
  'source',
  'notes',
  'fatalities',
  'timestamp',
] as const;
