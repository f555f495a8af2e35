/**
 * The lead of a question answered with a list of events ("how many kidnappings in 2025", "what
 * did Viv Ansanm do"): how many records match, and the newest, before the list itself.
 */
import type { StoredEvent } from '../store-port.ts';
import { buildQuery, type TimelineFilter, type TimelinePage } from '../timeline.ts';
import { type AnswerContext, sourcesText, whenText, whereText } from './common.ts';

/**
 * `listed`: the list shown below the lead, read meanwhile. When it is the first page of the
 * same filter, its first event is the newest and is not read again.
 */
export async function timelineLead(
  ctx: AnswerContext,
  filter: TimelineFilter,
  listed?: Promise<Pick<TimelinePage, 'events' | 'first'>>,
): Promise<string> {
  const { services, m } = ctx;
  const { query, labels } = buildQuery(services, filter, m);
  const newestOf = async (): Promise<StoredEvent | undefined> => {
    const page = await listed;
    if (page?.first) return page.events[0];
    return (await services.store.listEvents(query, { limit: 1 })).events[0];
  };
  // An actor with parts (the gangs and each gang) is several overlapping sets, which the stores
  // count only by reading every event of them: the newest is said without the count.
  const countable = (query.actorIds?.length ?? 0) <= 1;
  const [count, newest] = await Promise.all([countable ? services.store.countEvents(query) : undefined, newestOf()]);
  const scope = labels.length ? ` (${labels.join(', ')})` : '';
  if (count === 0 || !newest) return m.t('answer.timeline-none', { scope });
  const where = {
    when: whenText(newest.event, ctx),
    place: whereText(newest.event, ctx),
    source: sourcesText(newest.event.sources, m),
  };
  if (count === undefined) return m.t('answer.timeline-newest', { scope, ...where });
  return m.t('answer.timeline-count', { count, scope, latest: m.t('answer.latest', where) });
}
