/**
 * What triage shows, in every language: the sources with their state, the leads waiting, and one
 * lead as its triage message (what Sitrep read from it, the events it likely describes or recent
 * ones nearby, who decided what) with its Record / Add to event / Dismiss buttons.
 */
import { casualtyLine } from './format.ts';
import type { Language } from './i18n/language.ts';
import { type Messages, messagesFor } from './i18n/messages.ts';
import type { Lead, LeadState, Source } from './intake-port.ts';
import type { Services } from './services.ts';
import type { Subscription } from './subscription-port.ts';
import { dayAfter, formatInstant } from './time.ts';
import type { View, ViewCommandAction, ViewItem } from './view.ts';

/**
 * Of the leads waiting when a triage channel is set, how many it gets. A desk that sets the
 * channel after weeks of polling wants the latest news, not hundreds of messages: ten go out in
 * about ten seconds (Slack takes about one post a second per channel) and read as one screen;
 * /leads lists every one that waits.
 */
export const WAITING_POSTED = 10;

/** How far before a lead's day recent events nearby are looked for. */
const NEARBY_DAYS = 7;
const NEARBY_MAX = 3;

function sourceItem(source: Source, zone: string, m: Messages): ViewItem {
  const delivered = source.lastDeliveredAt
    ? m.t('sources.delivered', { when: formatInstant(source.lastDeliveredAt, zone, m) })
    : m.t('sources.never');
  const state = source.paused
    ? m.t('sources.paused', { reason: source.pausedReason ?? '' })
    : [
        m.t('sources.next', { when: formatInstant(source.nextPollAt, zone, m) }),
        source.failures > 0
          ? m.t('sources.failing', {
              count: source.failures,
              since: formatInstant(source.failingSince ?? source.lastPolledAt ?? source.addedAt, zone, m),
              error: source.lastError ?? '',
            })
          : '',
      ]
        .filter(Boolean)
        .join('; ');
  return {
    title: m.t('sources.item', { id: source.id, kind: source.kind, minutes: Math.round(source.intervalSeconds / 60) }),
    text: `${source.url} · ${delivered}; ${state}`,
    sources: [],
  };
}

/** `/sources list`: every source, its state, when it last delivered and why it is paused. */
export function sourcesView(
  sources: readonly Source[],
  triage: Subscription | undefined,
  zone: string,
  language: Language = 'en',
): View {
  const m = messagesFor(language);
  return {
    kind: 'message',
    language,
    title: m.t('sources.title'),
    summary: triage ? m.t('sources.triage') : m.t('sources.no-triage'),
    sections: [
      // The channel is a reference each renderer writes as a link to it.
      ...(triage
        ? [
            {
              heading: m.t('sources.triage-heading'),
              fields: [
                {
                  channel: triage.channelId,
                  label: m.t('sources.triage-heading'),
                  value: m.t('sources.triage-platform', { platform: triage.platform }),
                },
              ],
            },
          ]
        : []),
      { heading: m.t('sources.title'), items: sources.map((s) => sourceItem(s, zone, m)), empty: m.t('sources.none') },
    ],
    footer: m.t('sources.footer', { zone }),
  };
}

/** The lead's match reasons ("same place, 1 day apart") in the language. */
function whyText(why: string, m: Messages): string {
  const parts = why.split(', ').map((part) => {
    const apart = /^(\d+) days? apart$/.exec(part);
    if (apart) return m.t('lead.why', { part: 'days_apart', days: Number(apart[1]) });
    const key =
      { 'same place': 'same_place', 'place inside the other': 'place_inside', 'same department': 'same_department' }[
        part
      ] ?? part.replace(' ', '_');
    return m.t('lead.why', { part: key, days: 0 });
  });
  return parts.join(', ');
}

/** What Sitrep read from the lead's words: places, day, category, casualties. */
function readLine(lead: Lead, services: Pick<Services, 'gazetteer'>, m: Messages): string | undefined {
  const { reading } = lead;
  const what = [
    ...reading.placeIds.map((id) => services.gazetteer.get(id)?.name ?? id),
    reading.occurredOn ? m.date(reading.occurredOn) : undefined,
    reading.category ? m.t('category.name', { category: reading.category }) : undefined,
    casualtyLine(reading.casualties, m),
  ].filter((x): x is string => !!x);
  return what.length > 0 ? m.t('lead.read', { what: what.join(' · ') }) : undefined;
}

/** Recent events around the lead's place and day that are not already among its matches. */
export async function nearbyEvents(services: Pick<Services, 'store' | 'gazetteer'>, lead: Lead): Promise<string[]> {
  const place = lead.reading.placeIds[0];
  const day = lead.reading.occurredOn;
  if (!place || !day) return [];
  const area = services.gazetteer.departmentOf(place)?.id ?? place;
  const from = new Date(Date.parse(`${day}T00:00:00Z`) - NEARBY_DAYS * 86_400_000).toISOString().slice(0, 10);
  const matched = new Set(lead.reading.matches.map((x) => x.eventId));
  const page = await services.store.listEvents({ placeId: area, from, until: dayAfter(day) }, { limit: 10 });
  return page.events
    .map((e) => e.event.id)
    .filter((id) => !matched.has(id))
    .slice(0, NEARBY_MAX);
}

/** The lead's buttons while it waits; none once it is decided. */
export function leadButtons(lead: Lead, m: Messages): ViewCommandAction[] {
  if (lead.state !== 'new' && lead.state !== 'posted') return [];
  const args = { id: lead.id };
  return [
    { kind: 'command', label: m.t('button.lead-record'), command: 'leads record', args, style: 'primary' },
    { kind: 'command', label: m.t('button.lead-attach'), command: 'leads attach', args },
    { kind: 'command', label: m.t('button.lead-dismiss'), command: 'leads dismiss', args, style: 'danger' },
  ];
}

const DECIDED: readonly LeadState[] = ['recorded', 'attached', 'dismissed'];

/** "Recorded as event X by alice, 26 Mar 2025, 12:00." */
export function decisionLine(lead: Lead, zone: string, m: Messages): string | undefined {
  if (!DECIDED.includes(lead.state) || !lead.decidedAt) return undefined;
  return m.t('lead.decided', {
    state: lead.state,
    event: lead.eventId ?? '',
    how: lead.note === 'conflict' ? 'conflict' : 'source',
    who: lead.decidedBy ?? '?',
    when: formatInstant(lead.decidedAt, zone, m),
  });
}

/** One lead as its triage message. `nearby` are recent events around it (nearbyEvents). */
export function leadView(
  lead: Lead,
  services: Pick<Services, 'gazetteer' | 'settings'>,
  language: Language = 'en',
  nearby: readonly string[] = [],
): View {
  const m = messagesFor(language);
  const zone = services.settings.timeZone;
  const waiting = lead.state === 'new' || lead.state === 'posted';
  const lines = [
    lead.summary ? lead.summary.slice(0, 400) : undefined,
    readLine(lead, services, m),
    ...lead.reading.matches.map((x) => m.t('lead.likely', { id: x.eventId, why: whyText(x.why, m) })),
    waiting && nearby.length > 0 ? m.t('lead.nearby', { ids: nearby.join(', ') }) : undefined,
    lead.alsoFrom.length > 0
      ? m.t('lead.also', { publishers: m.list([...new Set(lead.alsoFrom.map((a) => a.publisher))]) })
      : undefined,
    lead.revision > 1 ? m.t('lead.edited', { revision: lead.revision }) : undefined,
  ].filter((x): x is string => !!x);
  const item: ViewItem = {
    id: `lead-${lead.id}`,
    when: lead.publishedAt ? formatInstant(lead.publishedAt, zone, m) : undefined,
    title: lead.title,
    text: lines.join('\n'),
    sources: [{ publisher: lead.publisher, url: lead.link, title: undefined }],
    badges: lead.revision > 1 ? ['updated'] : waiting ? ['new'] : undefined,
  };
  const state = m.t('lead.state', { state: lead.state });
  return {
    kind: 'message',
    language,
    title: m.t('lead.title', { id: lead.id, title: lead.title.slice(0, 200) }),
    summary: decisionLine(lead, zone, m) ?? m.t('lead.buttons-note'),
    sections: [{ heading: lead.publisher, items: [item] }],
    footer: m.t('lead.footer', { id: lead.id, state, zone }),
    buttons: leadButtons(lead, m),
  };
}

/** `/leads`: what waits for triage, newest first. */
export function leadsView(
  leads: readonly Lead[],
  services: Pick<Services, 'gazetteer' | 'settings'>,
  language: Language = 'en',
): View {
  const m = messagesFor(language);
  const zone = services.settings.timeZone;
  const items: ViewItem[] = leads.map((lead) => {
    const one = leadView(lead, services, language).sections[0]?.items?.[0];
    return { ...(one as ViewItem), id: undefined, title: `#${lead.id} ${lead.title}` };
  });
  return {
    kind: 'message',
    language,
    title: m.t('leads.title'),
    sections: [{ heading: m.t('leads.title'), items, empty: m.t('leads.none') }],
    footer: m.t('leads.footer', { zone }),
  };
}

/**
 * What the channel being set as the triage channel will get of the `waiting` leads, in a
 * sentence; `alreadyHere` of the newest WAITING_POSTED are in it already (it is set again).
 */
export function waitingLine(waiting: number, alreadyHere: number, language: Language = 'en'): string {
  const shown = Math.min(waiting, WAITING_POSTED);
  const key = shown > 0 && alreadyHere >= shown ? 'sources.triage-waiting-here' : 'sources.triage-waiting';
  return messagesFor(language).t(key, { shown, more: waiting - shown });
}

/**
 * The line a triage channel gets after the leads that were waiting when it was set: how many
 * older ones wait too, and that /leads lists them.
 */
export function moreWaitingView(count: number, language: Language = 'en'): View {
  const m = messagesFor(language);
  return {
    kind: 'message',
    language,
    title: m.t('leads.title'),
    summary: m.t('leads.more-waiting', { count }),
    sections: [],
  };
}

const DAY_MS = 86_400_000;

/**
 * The line a digest carries when sources have been failing for more than a day by `at`: each
 * one whose polls have all failed for more than a day (paused for it or not), with when that
 * began and the last error. A source that answers with nothing new is well. Undefined when every
 * source is well.
 */
export function failingSourcesLine(
  sources: readonly Source[],
  at: Date,
  zone: string,
  language: Language = 'en',
): string | undefined {
  const m = messagesFor(language);
  // A store from before failingSince was kept counts from the last poll (the earliest failure known).
  const since = (s: Source) => s.failingSince ?? s.lastPolledAt ?? s.addedAt;
  const failing = sources.filter((s) => s.failures > 0 && at.getTime() - Date.parse(since(s)) > DAY_MS);
  if (failing.length === 0) return undefined;
  return failing
    .map((s) =>
      m.t('freshness.source-failing', {
        id: s.id,
        host: hostOf(s.url),
        since: formatInstant(since(s), zone, m),
        error: (s.lastError ?? '').slice(0, 120),
      }),
    )
    .join('; ');
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url.slice(0, 60);
  }
}
