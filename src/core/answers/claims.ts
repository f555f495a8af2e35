/**
 * A claim to check ("was the Pont-Sondé ambush in Port-au-Prince?", "Moise assassination in
 * 2023"): yes, no with the correction, or disputed with each source's version. The seed report's
 * errors are kept as superseded claims beside the record, so the answer gives both sources.
 */
import { normalizeName } from '../places.ts';
import type { Event, Place } from '../schemas.ts';
import type { View } from '../view.ts';
import { type AnswerContext, answerView, recordsSection, sourcesText, whenText, whereText } from './common.ts';
import { claimsAbout, namedEvents } from './events.ts';

type Verdict = 'yes' | 'no' | 'disputed';

/** The record or one of its sources puts the event at the place (by gazetteer id or by name). */
function mentionsPlace(event: Event, place: Place, ctx: AnswerContext): boolean {
  const { gazetteer } = ctx.services;
  const inside = (id: string | undefined) => id !== undefined && (id === place.id || gazetteer.contains(place.id, id));
  const name = ` ${normalizeName(place.name)} `;
  return (
    inside(event.place.placeId) ||
    event.claims.some((c) => c.field === 'place' && (inside(c.placeId) || ` ${normalizeName(c.value)} `.includes(name)))
  );
}

function placeVerdict(event: Event, claimedId: string, ctx: AnswerContext): Verdict {
  const { gazetteer } = ctx.services;
  const contested = event.claims.filter((c) => c.field === 'place' && c.standing === 'contested');
  if (contested.length > 1) return 'disputed';
  const at = event.place.placeId;
  return at && (at === claimedId || gazetteer.contains(claimedId, at)) ? 'yes' : 'no';
}

function periodVerdict(event: Event, from: string, until: string): Verdict {
  // A partial date ("2024-04") is inside the period when the period holds all of it.
  const day = event.occurredAt.slice(0, 10);
  const first = day.length === 4 ? `${day}-01-01` : day.length === 7 ? `${day}-01` : day;
  const last = day.length === 4 ? `${day}-12-31` : day.length === 7 ? `${day}-31` : day;
  return first >= from && last <= until ? 'yes' : 'no';
}

export async function answerClaim(ctx: AnswerContext): Promise<View> {
  const { question: q, m } = ctx;
  const events = await namedEvents(ctx);
  // An event with the kind of casualty asked about ("shot", "killed") is the one meant.
  const hurt = (e: Event) => q.casualtyKinds.some((k) => e.casualties.some((c) => c.kind === k));
  const claimed = q.asserted?.place?.place;
  // For a place claim, the events placed there by the record or by a source come first.
  const names = (e: Event) => (claimed ? mentionsPlace(e, claimed, ctx) : true);
  const rank = (e: Event) => (names(e) ? 0 : 2) + (q.casualtyKinds.length && !hurt(e) ? 1 : 0);
  const ordered = [...events].sort((a, b) => rank(a.event) - rank(b.event));
  const [first] = ordered;
  if (!first) return answerView(ctx, m.t('answer.no-records', { scope: '' }), [recordsSection([], ctx)]);
  const event = first.event;
  const params = {
    category: m.t('category.name', { category: event.category }),
    when: whenText(event, ctx),
    place: whereText(event, ctx),
    source: sourcesText(event.sources, m),
  };
  const period = q.asserted?.period;
  let verdict: Verdict;
  let statement: string;
  let lines: string[];
  if (claimed) {
    verdict = placeVerdict(event, claimed.id, ctx);
    statement = verdict === 'disputed' ? m.t('answer.claim-disputed', params) : m.t('answer.claim-place', params);
    // A confirmed place needs no correction beside it; a dispute or a wrong claim does.
    lines = claimsAbout(event, 'place', ctx, verdict === 'yes' ? 'contested' : undefined);
  } else if (period) {
    verdict = periodVerdict(event, period.from, period.until);
    statement = m.t('answer.claim-period', params);
    lines = claimsAbout(event, 'occurredAt', ctx);
  } else {
    verdict = event.confidence === 'disputed' ? 'disputed' : 'yes';
    statement = m.t('answer.claim-place', params);
    lines = claimsAbout(event, 'place', ctx);
  }
  const lead = [m.t('answer.verdict', { verdict, statement }), ...lines].join(' ');
  return answerView(ctx, lead, [recordsSection(ordered, ctx)], event.occurredAt);
}
