/**
 * Casualties: how many killed, injured, missing or captured; of whom, where, when ("how many
 * Kenyans were killed", "who is missing?"). Totals come from the store; a report with no number
 * is "unknown (1 report)", never 0; the part from disputed reports is said.
 */
import type { Messages } from '../i18n/messages.ts';
import { describePeriod } from '../question-describe.ts';
import type { CasualtyGroup, CasualtyKind, Event } from '../schemas.ts';
import type { CasualtyTotals, EventQuery, StoredEvent } from '../store-port.ts';
import type { View, ViewSection } from '../view.ts';
import {
  type AnswerContext,
  answerView,
  baseQuery,
  recordsSection,
  scopeText,
  sourcesText,
  summaryText,
  whenText,
  whereText,
} from './common.ts';
import { figureField, figureSentence, figuresCounting } from './figures.ts';

const GROUPS: CasualtyGroup[] = ['mss', 'police', 'gang', 'civilian', 'military', 'other'];
const KINDS: CasualtyKind[] = ['killed', 'injured', 'missing', 'captured'];
/** Events read per group to find the records behind a total. */
const READ_PER_GROUP = 20;
/** A lead longer than this is shortened on a first screen (first-screen.ts): reports past it are left to the records. */
const LEAD_CHARS = 380;
/** Group and kind totals named in a lead at most; more are counted there and listed under it. */
const LEAD_PHRASES = 4;

/**
 * Every group and kind may be asked at once (24 totals): the lead names as many of the first
 * totals as fit a first screen whole (at most four), with the latest record if it still fits,
 * and counts the rest, which the caller lists below.
 */
function casualtyLead(
  phrases: string[],
  sentence: (counts: string, latest: boolean) => string,
  m: Messages,
): { lead: string; named: number } {
  let lead = '';
  for (let named = Math.min(LEAD_PHRASES, phrases.length); named >= 1; named--) {
    const counts = phrases.slice(0, named);
    if (phrases.length > named) counts.push(m.t('answer.more-totals', { count: phrases.length - named }));
    for (const latest of [true, false]) {
      lead = sentence(m.parts(counts), latest);
      if (lead.length <= LEAD_CHARS) return { lead, named };
    }
  }
  // Not even one total fits with the scope: the shortest sentence, which the screen clips.
  return { lead, named: 1 };
}

/** The group a sentence names: the one asked about, else people in general. */
const groupOf = (groups: readonly CasualtyGroup[]): CasualtyGroup =>
  groups.length === 1 ? (groups[0] as CasualtyGroup) : 'other';

/** "1 MSS member killed", "at least 3 civilians injured (1 from disputed reports)", "gang members killed: unknown (1 report)". */
export function countPhrase(
  group: CasualtyGroup,
  kind: CasualtyKind,
  totals: CasualtyTotals,
  disputed: CasualtyTotals | undefined,
  m: Messages,
): string | undefined {
  const t = totals[group][kind];
  if (t.count === 0 && t.unknownReports === 0) return undefined;
  const reports = () => m.t('total.reports', { count: t.unknownReports });
  const n = t.count === 0 ? 2 : t.count;
  const noun = m.t('answer.noun', { group, n });
  const kindWord = m.t('answer.kind', { kind, n, group });
  const d = disputed?.[group][kind];
  const withDisputed = (value: string) =>
    d && d.count > 0
      ? m.t('total.disputed-count', { value, count: m.number(d.count) })
      : d && d.unknownReports > 0
        ? m.t('total.disputed', { value })
        : value;
  if (t.count === 0)
    return withDisputed(
      m.t('answer.count-unknown', { noun, kind: kindWord, value: m.t('total.unknown', { reports: reports() }) }),
    );
  const number =
    t.atLeast || t.unknownReports > 0 ? m.t('total.at-least', { count: m.number(t.count) }) : m.number(t.count);
  const phrase = m.t('answer.count', { value: number, noun, kind: kindWord });
  return withDisputed(t.unknownReports > 0 ? m.t('total.plus-unknown', { value: phrase, reports: reports() }) : phrase);
}

const hurt = (event: Event, groups: readonly CasualtyGroup[], kinds: readonly CasualtyKind[]) =>
  event.casualties.filter((c) => groups.includes(c.group) && kinds.includes(c.kind));

/** The events behind the totals, newest first: those reporting the kinds asked, of the groups asked. */
async function eventsBehind(
  ctx: AnswerContext,
  query: EventQuery,
  groups: readonly CasualtyGroup[],
  kinds: readonly CasualtyKind[],
): Promise<StoredEvent[]> {
  const out = new Map<string, StoredEvent>();
  for (const group of groups) {
    const page = await ctx.services.store.listEvents({ ...query, casualtyGroup: group }, { limit: READ_PER_GROUP });
    for (const s of page.events) if (hurt(s.event, groups, kinds).length) out.set(s.event.id, s);
  }
  return [...out.values()].sort((a, b) => (a.event.occurredAt < b.event.occurredAt ? 1 : -1));
}

function asked(ctx: AnswerContext) {
  const q = ctx.question;
  return {
    groups: q.groups.length ? q.groups : GROUPS,
    kinds: q.casualtyKinds.length ? q.casualtyKinds : KINDS,
  };
}

export async function answerCasualties(ctx: AnswerContext): Promise<View> {
  const { services, question: q, m } = ctx;
  const { groups, kinds } = asked(ctx);
  const query: EventQuery = {
    ...baseQuery(ctx.question, ctx.services.actors, true),
    categories: q.categories.length ? q.categories : undefined,
  };
  const { scope, actor } = scopeText(ctx, (p) => describePeriod(p, m));
  const phrases: string[] = [];
  // A group's totals are the same with or without `casualtyGroup` (other events add 0 to it), and
  // without it the store reads them from its per-key totals instead of summing the events.
  const totals = await services.store.casualtyTotals(query);
  const disputed = await services.store.casualtyTotals({ ...query, confidences: ['disputed'] });
  for (const group of groups) {
    for (const kind of kinds) {
      const phrase = countPhrase(group, kind, totals, disputed, m);
      if (phrase) phrases.push(phrase);
    }
  }
  const events = await eventsBehind(ctx, query, groups, kinds);
  const [latest] = events;
  let lead: string;
  let named = phrases.length;
  if (phrases.length === 0) {
    const group = groupOf(groups);
    lead = m.t('answer.no-casualties', {
      noun: m.t('answer.noun', { group, n: 2 }),
      kind: m.list(
        kinds.map((kind) => m.t('answer.kind', { kind, n: 2, group })),
        'or',
      ),
      scope,
      actor,
    });
  } else {
    const latestText = latest
      ? m.t('answer.latest', {
          when: whenText(latest.event, ctx),
          place: whereText(latest.event, ctx),
          source: sourcesText(latest.event.sources, m),
        })
      : '';
    const shortened = casualtyLead(
      phrases,
      (counts, withLatest) => m.t('answer.casualties', { counts, scope, actor, latest: withLatest ? latestText : '' }),
      m,
    );
    lead = shortened.lead;
    named = shortened.named;
  }
  const all: ViewSection[] =
    named < phrases.length
      ? [{ heading: m.t('answer.all-casualties'), items: phrases.map((title) => ({ title, sources: [] })) }]
      : [];
  // National counts ("killed in gang violence in 2024") answer a question that names no place,
  // group or narrower actor; no list of events adds up to them, so they are shown beside it.
  const national = (!q.place || q.place.kind === 'country') && q.groups.length === 0 && !actor;
  const counted = national ? figuresCounting(kinds, q.window, ctx.series) : [];
  if (phrases.length === 0 && counted.length)
    lead = [lead, ...counted.map((observations) => figureSentence(observations, m))].join(' ');
  const figures: ViewSection[] = counted.length
    ? [
        {
          heading: m.t('answer.figures'),
          fields: counted.map((observations) => figureField(observations, m)).filter((f) => f !== undefined),
        },
      ]
    : [];
  const newest =
    latest?.event.occurredAt ??
    counted
      .map(([first]) => first?.asOf ?? '')
      .sort()
      .at(-1);
  return answerView(ctx, lead, [...all, ...figures, recordsSection(events, ctx)], newest);
}

/** "Who is missing?": the people each report names (its note), newest first. */
export async function answerWhoWasHurt(ctx: AnswerContext): Promise<View> {
  const { question: q, m } = ctx;
  const { groups, kinds } = asked(ctx);
  const query: EventQuery = {
    ...baseQuery(ctx.question, ctx.services.actors, true),
    categories: q.categories.length ? q.categories : undefined,
  };
  const events = await eventsBehind(ctx, query, groups, kinds);
  const sentences = events.slice(0, 2).map((s) => {
    const [first, ...others] = hurt(s.event, groups, kinds);
    const count = [first, ...others]
      .filter((c) => c !== undefined)
      .map((c) => {
        const n = c.count ?? 2;
        const words = {
          noun: m.t('answer.noun', { group: c.group, n }),
          kind: m.t('answer.kind', { kind: c.kind, n, group: c.group }),
        };
        if (c.count === null) return m.t('answer.count-none', words);
        const value = m.t('value.compared', { comparator: c.qualifier.replace(/-/g, '_'), value: m.number(c.count) });
        return m.t('answer.count', { value, ...words });
      });
    const who =
      m.parts([first?.note, ...others.map((c) => c.note)].filter((n): n is string => Boolean(n))) ||
      summaryText(s.event, m);
    return m.t('answer.casualty-who', {
      count: m.list(count),
      who,
      when: whenText(s.event, ctx),
      place: whereText(s.event, ctx),
      source: sourcesText(s.event.sources, m),
    });
  });
  // As many reports as a first screen shows whole; the others are in the records below.
  const shown = sentences.filter((_, i) => sentences.slice(0, i + 1).join(' ').length <= LEAD_CHARS || i === 0);
  const lead =
    shown.join(' ') ||
    m.t('answer.no-casualties', {
      noun: m.t('answer.noun', { group: groupOf(groups), n: 2 }),
      kind: m.list(
        kinds.map((kind) => m.t('answer.kind', { kind, n: 2, group: groupOf(groups) })),
        'or',
      ),
      ...scopeText(ctx, (p) => describePeriod(p, m)),
    });
  return answerView(ctx, lead, [recordsSection(events, ctx)], events[0]?.event.occurredAt);
}
