/**
 * What every direct answer shares: the query a question's slots make, how an event's date,
 * place and sources are written in a lead sentence, and the View: the lead sentence first (the
 * summary, so every platform's first screen shows it), then the records behind it, then
 * "Understood: …" so the reader sees how the question was read.
 */
import { actorWithParts } from '../actor-parts.ts';
import { dataAgeLine } from '../data-age.ts';
import { actorName, eventItem, placeLabel } from '../format.ts';
import type { Messages } from '../i18n/messages.ts';
import type { Question } from '../question-types.ts';
import { GROUP_OF_ACTOR_KIND } from '../question-words.ts';
import type { Actor, Event, Indicator, Source } from '../schemas.ts';
import type { Services } from '../services.ts';
import type { EventQuery, StoredEvent } from '../store-port.ts';
import { dayAfter, formatOccurred } from '../time.ts';
import type { View, ViewSection } from '../view.ts';

export interface AnswerContext {
  services: Services;
  question: Question;
  m: Messages;
  now: Date;
  /** The "Understood: …" line in the answer's language. */
  understood: string;
  /** The latest observation of each figure, as read once for the question. */
  indicators: readonly Indicator[];
  /** Every series of figures by key, read with them. */
  series: ReadonlyMap<string, readonly Indicator[]>;
}

/** Records listed under a lead; more are counted, not shown. */
export const LISTED_RECORDS = 5;

/**
 * The events the question's place, period and actor select (categories and group by the caller).
 * An actor includes its parts (the mission its contingents). `narrowActors`: only an actor
 * narrower than a casualty group (a contingent, a government) filters: "MSS casualties" are the
 * group's, "Kenyan" ones the contingent's.
 */
export function baseQuery(q: Question, actorsById: ReadonlyMap<string, Actor>, narrowActors = false): EventQuery {
  const actor = (narrowActors ? narrowerActors(q) : q.actors)[0]?.actor;
  return {
    placeId: q.place && q.place.kind !== 'country' ? q.place.id : undefined,
    from: q.window?.from,
    until: q.window ? dayAfter(q.window.until) : undefined,
    actorIds: actor ? actorWithParts(actorsById, actor.id) : undefined,
  };
}

const narrowerActors = (q: Question) =>
  q.actors.filter((a) => a.actor.kind === 'contingent' || !GROUP_OF_ACTOR_KIND[a.actor.kind]);

/** A record's summary as a lead's subject: whole when short, else the kind of event. */
export function subjectText(event: Event, m: Messages): string {
  const summary = summaryText(event, m);
  return summary.length <= SUBJECT_CHARS ? summary : m.t('category.name', { category: event.category });
}
const SUBJECT_CHARS = 160;

/** "source: MSS statement +2": the first publisher, and how many more the record lists. */
export function sourcesText(sources: readonly Source[], m: Messages): string {
  const publishers = [...new Set(sources.map((s) => s.publisher))];
  const more = publishers.length > 1 ? ` +${m.number(publishers.length - 1)}` : '';
  return m.t('answer.source', { sources: `${publishers[0] ?? ''}${more}` });
}

/** A record's summary inside a sentence: without its closing full stop; a hand translation marked. */
export function summaryText(event: Event, m: Messages): string {
  const translation = event.translations?.[m.language];
  const summary = (translation?.summary ?? event.summary).replace(/[.。]\s*$/, '');
  return translation ? m.t('text.translated', { text: summary }) : summary;
}

export function whenText(event: Event, ctx: AnswerContext): string {
  return formatOccurred(event.occurredAt, event.timePrecision, ctx.services.settings.timeZone, ctx.m);
}

export function whereText(event: Event, ctx: AnswerContext): string {
  return placeLabel(event, ctx.services.gazetteer, ctx.m);
}

/**
 * The place and period the question named, as a lead's opening ("in Kenscoff, Mar 2025: "), and
 * the actor when it is narrower than the group its casualties are counted in ("Kenyan police"
 * among the MSS).
 */
export function scopeText(
  ctx: AnswerContext,
  describePeriod: (p: { from: string; until: string }) => string,
): { scope: string; actor: string } {
  const { question: q, m } = ctx;
  const parts: string[] = [];
  if (q.place && q.place.kind !== 'country') parts.push(m.t('answer.in-place', { place: q.place.name }));
  if (q.window) parts.push(m.t('answer.in-period', { period: describePeriod(q.window) }));
  const narrower = narrowerActors(q);
  return {
    scope: parts.length ? m.t('answer.scope', { scope: parts.join(', ') }) : '',
    actor: narrower.length
      ? m.t('answer.of-actor', { actors: narrower.map((a) => actorName(a.actor, m)).join(', ') })
      : '',
  };
}

/** The records behind a lead, each once with its sources, newest first; the rest counted. */
export function recordsSection(events: readonly StoredEvent[], ctx: AnswerContext, total?: number): ViewSection {
  const { services, m } = ctx;
  const seen = new Set<string>();
  const unique = events.filter((s) => !seen.has(s.event.id) && seen.add(s.event.id));
  const shown = unique.slice(0, LISTED_RECORDS);
  const rest = Math.max(0, (total ?? unique.length) - shown.length);
  return {
    heading: m.t('answer.records'),
    items: shown.map((s) => eventItem(s, services.gazetteer, services.settings.timeZone, [], m)),
    more: rest > 0 ? m.t('answer.more-records', { count: rest }) : undefined,
    empty: m.t('answer.no-records', { scope: '' }),
  };
}

/**
 * The answer: the lead sentence first, the records, then how the question was read. `newest`
 * is the date of the newest record the answer rests on, so an old one is said to be old.
 */
export function answerView(ctx: AnswerContext, lead: string, sections: ViewSection[], newest?: string): View {
  const { m, question: q, services, now } = ctx;
  const timeZone = services.settings.timeZone;
  const age = dataAgeLine(newest, now, m, {
    timeZone,
    staleAfterDays: services.settings.staleAfterDays,
    scope: q.place && q.place.kind !== 'country' ? 'here' : 'all',
  });
  return {
    kind: 'message',
    language: m.language,
    title: m.t('answer.title', { intent: q.intent, asked: (q.asked ?? 'other').replace(/-/g, '_') }),
    // A lead may open with a record's words or a count phrase: its first letter is a capital.
    summary: lead.charAt(0).toLocaleUpperCase(m.language) + lead.slice(1),
    sections: [
      ...sections,
      {
        heading: m.t('ask.question'),
        fields: [{ label: m.t('ask.understood'), value: m.t('ask.preface', { understood: ctx.understood }) }],
      },
    ],
    footer: [age, m.t('answer.footer', { zone: timeZone })].filter(Boolean).join(' · '),
  };
}
