/**
 * /timeline: events newest first, filtered by dates, place (with the places inside it),
 * category and actor, one page at a time with an opaque cursor that survives restarts.
 */
import { actorWithParts } from './actor-parts.ts';
import { type Cursor, decodeCursor, encodeCursor } from './cursor.ts';
import { newestRecordAgeLine, recordAgeLine, withAgeLine } from './data-age.ts';
import { UserError } from './errors.ts';
import { actorName, describePlace, eventItem } from './format.ts';
import type { Language } from './i18n/language.ts';
import { type Messages, messagesFor } from './i18n/messages.ts';
import type { EventCategory } from './schemas.ts';
import type { Services } from './services.ts';
import { sourceFreshness } from './source-freshness.ts';
import type { EventQuery, PageRequest, StoredEvent } from './store-port.ts';
import { dayAfter } from './time.ts';
import type { View, ViewAction } from './view.ts';

export interface TimelineFilter {
  /** First day (inclusive): 2025-03-01, 2025-03 or 2025. */
  from?: string | undefined;
  /** Last day (inclusive). */
  to?: string | undefined;
  /** A place name or gazetteer id. */
  location?: string | undefined;
  category?: EventCategory | undefined;
  /** An actor id or name ("mss", "Kenyan police"). */
  actor?: string | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

export const MAX_PAGE = 25;

export function resolveActor(services: Services, text: string): string {
  const wanted = text.trim().toLowerCase();
  for (const actor of services.actors.values()) {
    if (
      actor.id === wanted ||
      actor.name.toLowerCase() === wanted ||
      actor.aliases.some((a) => a.toLowerCase() === wanted)
    ) {
      return actor.id;
    }
  }
  const known = [...services.actors.keys()].join(', ');
  throw new UserError('unknown-actor', { actor: text, known });
}

/** Checks a filter and turns it into a store query; shared by timeline, location and digest. */
export function buildQuery(
  services: Services,
  filter: TimelineFilter,
  m: Messages = messagesFor('en'),
): { query: EventQuery; labels: string[] } {
  const labels: string[] = [];
  const query: EventQuery = {};
  if (filter.from) {
    query.from = filter.from;
    if (filter.to !== filter.from) labels.push(m.t('timeline.from', { date: m.date(filter.from) }));
  }
  if (filter.to) {
    query.until = dayAfter(filter.to);
    // One day, typed as from and to the same date: "on 31 Mar 2025".
    labels.push(m.t(filter.to === filter.from ? 'timeline.on' : 'timeline.to', { date: m.date(filter.to) }));
  }
  if (query.from && query.until && query.from >= query.until) {
    throw new UserError('from-after-to', { from: filter.from ?? '', to: filter.to ?? '' });
  }
  if (filter.location) {
    const place = services.gazetteer.get(filter.location) ?? services.gazetteer.resolve(filter.location);
    query.placeId = place.id;
    labels.push(describePlace(place, services.gazetteer, m));
  }
  if (filter.category) {
    query.categories = [filter.category];
    labels.push(m.t('category.name', { category: filter.category }));
  }
  if (filter.actor) {
    const actorId = resolveActor(services, filter.actor);
    query.actorIds = actorWithParts(services.actors, actorId);
    const actor = services.actors.get(actorId);
    labels.push(actor ? actorName(actor, m) : actorId);
  }
  return { query, labels };
}

/** The page a cursor asks for; a skipping one passes over its first events with a query of their own. */
async function pageAt(services: Services, query: EventQuery, limit: number, cursor: Cursor | undefined) {
  const request: PageRequest = { limit };
  if (cursor?.direction === 'before') request.before = cursor.key;
  else if (cursor?.key) request.after = cursor.key;
  if (cursor?.skip) {
    const skipped = await services.store.listEvents(query, { limit: cursor.skip, after: request.after });
    if (!skipped.nextKey) return { events: [] };
    request.after = skipped.nextKey;
  }
  return services.store.listEvents(query, request);
}

export async function timeline(
  services: Services,
  filter: TimelineFilter,
  now: Date,
  language: Language = 'en',
): Promise<View> {
  return (await timelinePage(services, filter, now, language)).view;
}

/** A timeline page and the events it shows, for an answer that says more of them than the list. */
export interface TimelinePage {
  view: View;
  /** Newest first. */
  events: StoredEvent[];
  /** No cursor moved it: its first event is the newest that matches (none when nothing does). */
  first: boolean;
}

export async function timelinePage(
  services: Services,
  filter: TimelineFilter,
  now: Date,
  language: Language = 'en',
): Promise<TimelinePage> {
  const m = messagesFor(language);
  const limit = filter.limit ?? services.settings.pageSize;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
    throw new UserError('limit-range', { max: MAX_PAGE, got: String(limit) });
  }
  const { query, labels } = buildQuery(services, filter, m);
  const cursor = filter.cursor ? decodeCursor(filter.cursor) : undefined;
  if (cursor?.skip !== undefined && cursor.skip > MAX_PAGE) throw new UserError('bad-cursor');
  // Independent reads, sent at once: on a shared store each is a round trip. The first page
  // starts with the newest matching record, so only a later page asks for it.
  const [page, laterPageAge, freshness] = await Promise.all([
    pageAt(services, query, limit, cursor),
    cursor ? newestRecordAgeLine(services, query, now, m) : undefined,
    sourceFreshness(services, m),
  ]);
  const age = cursor ? laterPageAge : recordAgeLine(services, page.events[0]?.event.occurredAt, now, m);
  const pageNumber = cursor ? cursor.page : 1;

  // Compact arguments (place id, not the typed name) so a page button fits its platform's limit.
  const args: ViewAction['args'] = {};
  if (filter.from) args.from = filter.from;
  if (filter.to) args.to = filter.to;
  if (query.placeId) args.location = query.placeId;
  if (filter.category) args.category = filter.category;
  if (query.actorIds?.[0]) args.actor = query.actorIds[0];
  if (filter.limit) args.limit = filter.limit;

  const actions: ViewAction[] = [];
  const first = page.events[0];
  const last = page.events[page.events.length - 1];
  if (page.previousKey && first) {
    actions.push({
      kind: 'page',
      label: m.t('button.previous'),
      command: 'timeline',
      args,
      cursor: encodeCursor({ direction: 'before', page: Math.max(1, pageNumber - 1), key: page.previousKey }),
    });
  }
  if (page.nextKey && last) {
    actions.push({
      kind: 'page',
      label: m.t('button.next'),
      command: 'timeline',
      args,
      cursor: encodeCursor({ direction: 'after', page: pageNumber + 1, key: page.nextKey }),
    });
  }
  const { gazetteer, settings } = services;
  const view: View = {
    kind: 'timeline',
    language,
    title: labels.length ? m.t('timeline.title-filtered', { labels: labels.join(' · ') }) : m.t('timeline.title'),
    summary: withAgeLine(age, freshness),
    sections: [
      {
        heading: pageNumber > 1 ? m.t('timeline.page', { page: pageNumber }) : m.t('timeline.newest'),
        items: page.events.map((s) => eventItem(s, gazetteer, settings.timeZone, [], m)),
        empty: m.t('timeline.empty'),
      },
    ],
    actions,
    page: {
      number: pageNumber,
      hasPrevious: page.previousKey !== undefined,
      hasNext: page.nextKey !== undefined,
      // Newer events before this page's first: previousKey is that first event's key.
      continuation: { command: 'timeline', args, firstKey: page.previousKey },
    },
    footer: m.t('view.footer', { zone: settings.timeZone }),
    sourcesNote: true,
  };
  return { view, events: page.events, first: cursor === undefined };
}
