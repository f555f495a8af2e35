/**
 * `/leads` one page at a time, newest first. A page's cursor names the lead at its edge
 * ("a2~140": page 2, the leads older than #140; "b1~120": page 1, those newer than #120), so a
 * lead decided meanwhile drops out and one first seen meanwhile waits on the first page.
 */
import { UserError } from './errors.ts';
import type { Language } from './i18n/language.ts';
import { messagesFor } from './i18n/messages.ts';
import type { IntakeStore, Lead } from './intake-port.ts';
import { OPEN_LEAD_STATES } from './intake-port.ts';
import type { Services } from './services.ts';
import { leadsView } from './triage.ts';
import type { View, ViewAction } from './view.ts';

export interface LeadCursor {
  /** `after`: the leads older than `id`; `before`: the `limit` leads newer than `id` nearest it. */
  direction: 'after' | 'before';
  page: number;
  id: number;
}

export function encodeLeadCursor(cursor: LeadCursor): string {
  return `${cursor.direction === 'after' ? 'a' : 'b'}${cursor.page}~${cursor.id}`;
}

export function decodeLeadCursor(text: string): LeadCursor {
  const match = /^([ab])(\d{1,6})~(\d{1,12})$/.exec(text);
  if (!match || Number(match[2]) < 1 || Number(match[3]) < 1) throw new UserError('bad-cursor');
  return { direction: match[1] === 'a' ? 'after' : 'before', page: Number(match[2]), id: Number(match[3]) };
}

export interface LeadPage {
  leads: Lead[];
  number: number;
  /** Cursors of the pages around this one, when there are leads there. */
  previous?: string | undefined;
  next?: string | undefined;
}

/** The page of open leads a cursor asks for (the newest without one), `limit` leads at most. */
export async function leadPage(intake: IntakeStore, limit: number, cursor?: string): Promise<LeadPage> {
  const at = cursor === undefined ? undefined : decodeLeadCursor(cursor);
  const states = OPEN_LEAD_STATES;
  // One lead more than the page says whether there is a page beyond it, in the direction read.
  const rows = await intake.listLeads(
    at?.direction === 'before'
      ? { states, newerThan: at.id, limit: limit + 1 }
      : { states, olderThan: at?.id, limit: limit + 1 },
  );
  // Every lead past the cursor was decided meanwhile: the newest are what waits.
  if (at && rows.length === 0) return leadPage(intake, limit);
  const beyond = rows.length > limit;
  const leads = at?.direction === 'before' ? rows.slice(beyond ? 1 : 0) : rows.slice(0, limit);
  const first = leads[0];
  const last = leads.at(-1);
  const exists = async (q: { olderThan: number } | { newerThan: number }) =>
    (await intake.listLeads({ states, ...q, limit: 1 })).length > 0;
  const hasNext = at?.direction === 'before' ? last !== undefined && (await exists({ olderThan: last.id })) : beyond;
  const hasPrevious =
    at?.direction === 'before'
      ? beyond
      : at !== undefined && first !== undefined && (await exists({ newerThan: first.id }));
  // A page reached from later ones is page 1 once nothing is newer.
  const number = at === undefined || !hasPrevious ? 1 : at.page;
  return {
    leads,
    number,
    previous:
      hasPrevious && first
        ? encodeLeadCursor({ direction: 'before', page: Math.max(1, number - 1), id: first.id })
        : undefined,
    next: hasNext && last ? encodeLeadCursor({ direction: 'after', page: number + 1, id: last.id }) : undefined,
  };
}

/**
 * `/leads` as one page, with Previous and Next: the buttons run `leads list` with the same
 * options and the page's cursor, so they work on every platform and after a restart.
 */
export function leadPageView(
  page: LeadPage,
  waiting: number,
  args: ViewAction['args'],
  services: Pick<Services, 'gazetteer' | 'settings'>,
  language: Language = 'en',
): View {
  const m = messagesFor(language);
  const view = leadsView(page.leads, services, language);
  const actions: ViewAction[] = [];
  const button = (label: string, cursor: string): ViewAction => ({
    kind: 'page',
    label,
    command: 'leads list',
    args,
    cursor,
  });
  if (page.previous) actions.push(button(m.t('button.previous'), page.previous));
  if (page.next) actions.push(button(m.t('button.next'), page.next));
  const heading = page.number > 1 ? m.t('leads.page', { page: page.number }) : m.t('leads.newest');
  return {
    ...view,
    summary: waiting > 0 ? m.t('leads.count', { count: waiting }) : undefined,
    sections: view.sections.map((s) => ({ ...s, heading })),
    actions,
    page: { number: page.number, hasPrevious: page.previous !== undefined, hasNext: page.next !== undefined },
  };
}
