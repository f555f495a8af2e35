/**
 * The lead of a question answered with a list of events ("how many kidnappings in 2025", "what
 * did Viv Ansanm do"): how many records match, and the newest, before the list itself.
 */
import { buildQuery, type TimelineFilter } from '../timeline.ts';
import { type AnswerContext, sourcesText, whenText, whereText } from './common.ts';

export async function timelineLead(ctx: AnswerContext, filter: TimelineFilter): Promise<string> {
  const { services, m } = ctx;
  const { query, labels } = buildQuery(services, filter, m);
  const [count, newestPage] = await Promise.all([
    services.store.countEvents(query),
    services.store.listEvents(query, { limit: 1 }),
  ]);
  const scope = labels.length ? ` (${labels.join(', ')})` : '';
  const [newest] = newestPage.events;
  if (count === 0 || !newest) return m.t('answer.timeline-none', { scope });
  const latest = m.t('answer.latest', {
    when: whenText(newest.event, ctx),
    place: whereText(newest.event, ctx),
    source: sourcesText(newest.event.sources, m),
  });
  return m.t('answer.timeline-count', { count, scope, latest });
}
