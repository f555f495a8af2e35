/**
 * The "Understood: …" line: how a question was read, in a few words, so the user can check it,
 * every word from the catalogue of the answer's language. A place question reads
 * "Pont-Sondé, Artibonite, within 20 km, 19–26 Mar 2025; attack" ("… 19–26 mas 2025; atak" in Creole).
 */
import { actorName, figureLabel } from './format.ts';
import type { Messages } from './i18n/messages.ts';
import type { Gazetteer } from './places.ts';
import { type Day, lastDayOfMonth } from './question-span.ts';
import type { PeriodSlot, PlaceSlot, Question } from './question-types.ts';

const CASUALTY_KINDS: readonly string[] = ['killed', 'injured', 'missing', 'captured'];

const dayOf = (iso: string): Day => {
  const [year = 0, month = 1, day = 1] = iso.split('-').map(Number);
  return { year, month, day };
};

/** A period in the language: a day, a month, a year, or a range of days. */
export function describePeriod(period: Pick<PeriodSlot, 'from' | 'until'>, m: Messages): string {
  const from = dayOf(period.from);
  const until = dayOf(period.until);
  const day = (d: Day) => m.day(d.year, d.month, d.day);
  const sameMonth = from.year === until.year && from.month === until.month;
  if (sameMonth && from.day === until.day) return day(from);
  if (from.year === until.year && from.month === 1 && from.day === 1 && until.month === 12 && until.day === 31)
    return String(from.year);
  if (sameMonth && from.day === 1 && until.day === lastDayOfMonth(until.year, until.month))
    return m.monthYear(from.year, from.month);
  if (sameMonth)
    return m.t('understood.days', { from: from.day, until: until.day, month: m.monthYear(from.year, from.month) });
  return m.t('understood.range', { from: day(from), until: day(until) });
}

function placeWords(slot: PlaceSlot | undefined, q: Question, gazetteer: Gazetteer, m: Messages): string[] {
  if (!slot) return q.placeText ? [m.t('understood.unknown-place', { words: q.placeText })] : [];
  const parts = [
    slot.corrected ? m.t('understood.corrected', { place: slot.place.name, words: slot.words }) : slot.place.name,
  ];
  const department = gazetteer.departmentOf(slot.place.id);
  if (slot.outside) parts.push(m.t('understood.outside'));
  else if (department && department.id !== slot.place.id) parts.push(department.name);
  if (q.radiusKm !== undefined) {
    const km = m.number(q.radiusKm);
    parts.push(m.t(q.radiusDefaulted ? 'understood.near' : 'understood.within', { km }));
  }
  return parts;
}

function kindWords(q: Question, m: Messages): string {
  const kinds = q.kinds ?? [];
  const word = (k: string) =>
    CASUALTY_KINDS.includes(k) ? m.t('casualty.kind', { n: 2, kind: k }) : m.t('category.name', { category: k });
  if (CASUALTY_KINDS.every((k) => kinds.includes(k as never))) {
    return [m.t('understood.casualties'), ...kinds.filter((k) => !CASUALTY_KINDS.includes(k)).map(word)].join(', ');
  }
  return kinds.map(word).join(', ');
}

export function describeUnderstood(q: Question, gazetteer: Gazetteer, m: Messages): string {
  const subject = q.places.find((p) => p.place === q.place);
  if (q.intent === 'place-report') {
    const parts = placeWords(subject, q, gazetteer, m);
    if (parts.length === 0) parts.push(m.t('understood.no-place'));
    parts.push(q.window ? describePeriod(q.window, m) : m.t('understood.any-date'));
    const kinds = kindWords(q, m);
    return `${parts.join(', ')}${kinds ? `; ${kinds}` : ''}`;
  }
  const parts: string[] = [
    ...q.figures.slice(0, 1).map((f) => figureLabel(f, m)),
    ...q.people.map((p) => p.person.name),
    ...q.actors.map((a) => actorName(a.actor, m)),
  ];
  const kinds = kindWords(q, m);
  if (kinds) parts.push(kinds);
  const place = placeWords(subject, q, gazetteer, m);
  if (place.length) parts.push(place.join(', '));
  if (q.window) parts.push(describePeriod(q.window, m));
  if (q.asserted?.place) parts.push(m.t('understood.said-in', { what: q.asserted.place.place.name }));
  if (q.asserted?.period) parts.push(m.t('understood.said-in', { what: describePeriod(q.asserted.period, m) }));
  const intent = m.t('understood.intent', { intent: q.intent });
  const head =
    q.asked && q.intent !== 'figure' ? m.t('understood.asked', { intent, asked: q.asked.replace(/-/g, '_') }) : intent;
  return parts.length ? `${head}${m.t('view.colon')} ${m.parts(parts)}` : head;
}
