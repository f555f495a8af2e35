/**
 * Named events and people: who, when and where of an event the question names ("when was
 * president Moïse assassinated?", "where was Kaetuai killed?"), and who a person is ("who is
 * Ombaka?"). People are found from the records that name them, not from a list.
 */
import { actorName, claimLine, shownClaims } from '../format.ts';
import { normalizeName } from '../places.ts';
import type { PersonSlot } from '../question-types.ts';
import type { Claim, Event, Person } from '../schemas.ts';
import type { EventQuery, StoredEvent } from '../store-port.ts';
import type { View } from '../view.ts';
import {
  type AnswerContext,
  answerView,
  baseQuery,
  recordsSection,
  sourcesText,
  subjectText,
  summaryText,
  whenText,
  whereText,
} from './common.ts';

/** Events read to find the one a question names. */
const CANDIDATES = 20;

/** Records read about one person (the newest); how many there are in all is counted apart. */
const PERSON_RECORDS = 100;

/** The records naming a person (the store's person index, seed and imported alike), newest first. */
export async function recordsNaming(ctx: AnswerContext, slot: PersonSlot): Promise<StoredEvent[]> {
  const page = await ctx.services.store.listEvents({ personName: slot.person.name }, { limit: PERSON_RECORDS });
  return page.events;
}

/** The person as a record names them: its spelling of the name and its role, if any. */
const asNamedIn = (event: Event, person: Person): Person | undefined =>
  event.people?.find((p) => normalizeName(p.name) === normalizeName(person.name));

/**
 * The events a question names, best first: those naming its people (and of its kinds), else
 * those of its kinds, actors, place and period. A claim's asserted place or date is not used to
 * find the event: it is what gets checked.
 */
export async function namedEvents(ctx: AnswerContext): Promise<StoredEvent[]> {
  const q = ctx.question;
  const ofKind = (s: StoredEvent) => q.categories.length === 0 || q.categories.includes(s.event.category);
  if (q.people.length) {
    const named = (await Promise.all(q.people.map((p) => recordsNaming(ctx, p)))).flat();
    const matching = named.filter(ofKind);
    return matching.length ? matching : named;
  }
  const query: EventQuery = {
    ...baseQuery(q, ctx.services.actors),
    categories: q.categories.length ? q.categories : undefined,
  };
  if (q.intent === 'claim') {
    query.from = undefined;
    query.until = undefined;
  }
  const events = (await ctx.services.store.listEvents(query, { limit: CANDIDATES })).events;
  // The event recorded at the place comes before one only a source put there.
  const place = q.place;
  const at = (s: StoredEvent) =>
    place && s.event.place.placeId && ctx.services.gazetteer.contains(place.id, s.event.place.placeId) ? 0 : 1;
  return events.sort((a, b) => at(a) - at(b));
}

/** Claims about one field worth showing beside a lead (the corrected and the contested). */
export function claimsAbout(
  event: Event,
  field: Claim['field'],
  ctx: AnswerContext,
  standing?: Claim['standing'],
): string[] {
  return shownClaims(event)
    .filter((c) => c.field === field && (standing === undefined || c.standing === standing))
    .map((c) => claimLine(c, ctx.m));
}

export async function answerEvent(ctx: AnswerContext): Promise<View> {
  const { question: q, m } = ctx;
  const events = await namedEvents(ctx);
  const [first] = events;
  if (!first) return answerView(ctx, m.t('answer.no-records', { scope: '' }), [recordsSection([], ctx)]);
  const event = first.event;
  const params = {
    summary: subjectText(event, m),
    when: whenText(event, ctx),
    place: whereText(event, ctx),
    source: sourcesText(event.sources, m),
  };
  let lead: string;
  let field: Claim['field'];
  if (q.asked === 'where') {
    lead = m.t('answer.event-where', params);
    field = 'place';
  } else if (q.asked === 'who') {
    const people = (event.people ?? []).map((p) =>
      p.role ? `${p.name}${m.t('answer.role', { role: p.role })}` : p.name,
    );
    const actors = event.actors.map((id) => {
      const actor = ctx.services.actors.get(id);
      return actor ? actorName(actor, m) : id;
    });
    lead = m.t('answer.event-who', {
      ...params,
      category: m.t('category.name', { category: event.category }),
      who: m.parts(people.length ? people : actors),
    });
    field = 'actors';
  } else {
    lead = m.t('answer.event-when', params);
    field = 'occurredAt';
  }
  const claims = claimsAbout(event, field, ctx);
  return answerView(ctx, [lead, ...claims].join(' '), [recordsSection(events, ctx)], event.occurredAt);
}

/** "Who is Ombaka?": the person's role and the records naming them. */
export async function answerPerson(ctx: AnswerContext): Promise<View> {
  const { question: q, m } = ctx;
  const sentences: string[] = [];
  const all: StoredEvent[] = [];
  for (const slot of q.people) {
    const [events, count] = await Promise.all([
      recordsNaming(ctx, slot),
      ctx.services.store.countEvents({ personName: slot.person.name }),
    ]);
    all.push(...events);
    const [latest] = events;
    if (!latest) continue;
    const named = asNamedIn(latest.event, slot.person);
    const role = named?.role ?? slot.person.role;
    sentences.push(
      m.t('answer.person', {
        name: named?.name ?? slot.person.name,
        role: role ? m.t('answer.role', { role }) : '',
        count,
        when: whenText(latest.event, ctx),
        summary: summaryText(latest.event, m),
        source: sourcesText(latest.event.sources, m),
      }),
    );
  }
  const lead = sentences.join(' ') || m.t('answer.no-records', { scope: '' });
  return answerView(ctx, lead, [recordsSection(all, ctx)], all[0]?.event.occurredAt);
}
