/**
 * The "Understood: …" line: how a question was read, in a few words, so the user can check it.
 * A place question reads "Pont-Sondé, Artibonite, within 20 km, 19–26 March 2025; attack".
 */
import type { Gazetteer } from './places.ts';
import type { Intent, PlaceSlot, Question } from './question-types.ts';

const INTENT_WORDS: Record<Exclude<Intent, 'place-report'>, string> = {
  casualties: 'casualties',
  figure: 'figure',
  event: 'event',
  claim: 'claim to check',
  people: 'people',
  timeline: 'events',
  future: 'the future',
  unknown: 'nothing Sitrep can answer',
};

function placeWords(slot: PlaceSlot | undefined, q: Question, gazetteer: Gazetteer): string[] {
  if (!slot) return q.placeText ? [`"${q.placeText}" (no single known place)`] : [];
  const parts = [slot.corrected ? `${slot.place.name} (read from "${slot.words}")` : slot.place.name];
  const department = gazetteer.departmentOf(slot.place.id);
  if (slot.outside) parts.push('outside Haiti');
  else if (department && department.id !== slot.place.id) parts.push(department.name);
  if (q.radiusKm !== undefined)
    parts.push(q.radiusDefaulted ? `near (within ${q.radiusKm} km)` : `within ${q.radiusKm} km`);
  return parts;
}

function kindWords(q: Question): string {
  const kinds = q.kinds ?? [];
  const casualties = ['killed', 'injured', 'missing', 'captured'] as const;
  if (casualties.every((k) => kinds.includes(k))) {
    return ['casualties', ...kinds.filter((k) => !(casualties as readonly string[]).includes(k))].join(', ');
  }
  return kinds.join(', ');
}

export function describeUnderstood(q: Question, gazetteer: Gazetteer): string {
  const subject = q.places.find((p) => p.place === q.place);
  if (q.intent === 'place-report') {
    const parts = placeWords(subject, q, gazetteer);
    if (parts.length === 0) parts.push('no place');
    parts.push(q.window ? q.window.label : 'any date');
    const kinds = kindWords(q);
    return `${parts.join(', ')}${kinds ? `; ${kinds}` : ''}`;
  }
  const parts: string[] = [
    ...q.figures.slice(0, 1).map((f) => f.label),
    ...q.people.map((p) => p.person.name),
    ...q.actors.map((a) => a.actor.name),
  ];
  const kinds = kindWords(q);
  if (kinds) parts.push(kinds);
  const place = placeWords(subject, q, gazetteer);
  if (place.length) parts.push(place.join(', '));
  if (q.window) parts.push(q.window.label);
  if (q.asserted?.place) parts.push(`said to be in ${q.asserted.place.place.name}`);
  if (q.asserted?.period) parts.push(`said to be in ${q.asserted.period.label}`);
  const head = q.asked && q.intent !== 'figure' ? `${INTENT_WORDS[q.intent]} (${q.asked})` : INTENT_WORDS[q.intent];
  return parts.length ? `${head}: ${parts.join('; ')}` : head;
}
