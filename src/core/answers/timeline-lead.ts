/**
 * The lead of a question answered with a list of events ("how many kidnappings in 2025", "what
 * did Viv Ansanm do"): how many records match, and the newest, before the list itself.
 */
import { buildQuery, type TimelineFilter } from '../timeline.ts';
import { type AnswerContext, sourcesText, whenText, whereText } from './common.ts';

export async function timelineLead(ctx: AnswerContext, filter: TimelineFilter): Promise<string> {
  const { services, m } = ctx;
  const { query, labels } = buildQuery(services, filter, m);
  // An actor with parts (the gangs and each gang) is several overlapping sets, which the stores
  // count only by reading every event of them: the newest is said without the count.
  const countable = (query.actorIds?.length ?? 0) <= 1;
  const [count, newestPage] = await Promise.all([
    countable ? services.store.countEvents(query) : undefined,
    services.store.listEvents(query, { limit: 1 }),
  ]);
  const scope = labels.length ? ` (${labels.join(', ')})` : '';
  const [newest] = newestPage.events;
  if (count === 0 || !newest) return m.t('answer.timeline-none', { scope });
  const where = {
    when: whenText(newest.event, ctx),
    place: whereText(newest.event, ctx),
    source: sourcesText(newest.event.sources, m),
  };
  if (count === undefined) return m.t('answer.timeline-newest', { scope, ...where });
  return m.t('answer.timeline-count', { count, scope, latest: m.t('answer.latest', where) });
}
