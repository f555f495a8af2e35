/**
 * Triage decisions on a lead: Record (a new event from the report form, filled in from the lead,
 * with the lead's link as its source), Add to event (a further source of an event, or a
 * conflicting claim, which marks the event disputed), Dismiss. Each one decides the lead once:
 * a lead already decided is refused with who decided it. Permission is checked before this.
 */
import { casualtiesText } from './casualty-text.ts';
import { type ChangeBy, createReport, disputeEvent } from './editing.ts';
import { UserError } from './errors.ts';
import { messagesFor } from './i18n/messages.ts';
import type { IntakeStore, Lead, LeadDecision } from './intake-port.ts';
import type { FieldErrors, ReportValues } from './report-fields.ts';
import { type Claim, Event, type Source } from './schemas.ts';
import type { Services } from './services.ts';
import { toUtcIso } from './time.ts';
import { leadView } from './triage.ts';
import type { View } from './view.ts';

/** Who decides, as the lead's message names them, and the author the event's revision records. */
export interface TriageBy extends ChangeBy {
  /** "Analyst" (or the platform id when the name is not known). */
  name: string;
}

export type TriageResult = { ok: true; lead: Lead; view: View } | { ok: false; errors: FieldErrors };

export function intakeOf(services: Services): IntakeStore {
  if (!services.intake) throw new UserError('intake-off');
  return services.intake;
}

/** The lead, if it still waits for triage; otherwise a UserError naming who handled it. */
export async function openLead(services: Services, id: number, language = messagesFor('en')): Promise<Lead> {
  const lead = await intakeOf(services).getLead(id);
  if (!lead) throw new UserError('lead-not-found', { id });
  if (lead.state !== 'new' && lead.state !== 'posted')
    throw new UserError('lead-decided', {
      id,
      state: language.t('lead.state', { state: lead.state }),
      who: lead.decidedBy ?? '?',
    });
  return lead;
}

/** The lead's link as an event source: publisher, link, title and day published. */
export function leadSource(lead: Lead): Source {
  return {
    publisher: lead.publisher.slice(0, 200),
    url: lead.link,
    title: lead.title.slice(0, 300),
    ...(lead.publishedAt ? { date: lead.publishedAt.slice(0, 10) } : {}),
  };
}

const sourceText = (lead: Lead) => `${lead.publisher} ${lead.link}`;

/** The report form's values as the lead suggests them; the reporter checks and completes them. */
export function leadFormValues(lead: Lead, services: Pick<Services, 'gazetteer'>): Record<string, string> {
  const { reading } = lead;
  const place = reading.placeIds[0] ? services.gazetteer.get(reading.placeIds[0])?.name : undefined;
  const summary = [lead.title, lead.summary].filter(Boolean).join('. ').slice(0, 1000);
  return Object.fromEntries(
    Object.entries({
      when: reading.occurredOn,
      place,
      category: reading.category,
      casualties: reading.casualties.length > 0 ? casualtiesText(reading.casualties) : undefined,
      summary,
    }).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''),
  );
}

async function decide(services: Services, lead: Lead, decision: LeadDecision, by: TriageBy): Promise<TriageResult> {
  const decided = await intakeOf(services).decideLead(lead.id, decision, toUtcIso(by.now));
  // Another reporter decided it between our check and our write: say who.
  if (!decided) await openLead(services, lead.id, messagesFor(by.language ?? 'en'));
  const final = decided ?? lead;
  return { ok: true, lead: final, view: leadView(final, services, by.language) };
}

/** Record: the report form's values, the lead's link as the source; the lead then names the event. */
export async function recordLead(
  services: Services,
  id: number,
  values: ReportValues,
  by: TriageBy,
): Promise<TriageResult> {
  const lead = await openLead(services, id, messagesFor(by.language ?? 'en'));
  // The form's text names the link (and keeps resubmitting the form idempotent); the event
  // carries the lead's title and day with it from its first revision.
  const created = await createReport(
    services,
    { confidence: 'reported', ...values, source: sourceText(lead) },
    { author: by.author, now: by.now, language: by.language },
    { source: leadSource(lead) },
  );
  if (!created.ok) return created;
  const event = created.stored.event;
  return decide(services, lead, { state: 'recorded', by: by.name, eventId: event.id }, by);
}

/** What a source may say differently about an event, as a person names it. */
const CLAIM_FIELDS: Record<string, Claim['field']> = {
  place: 'place',
  where: 'place',
  lieu: 'place',
  date: 'occurredAt',
  when: 'occurredAt',
  occurredat: 'occurredAt',
  casualties: 'casualties',
  victimes: 'casualties',
  actors: 'actors',
  summary: 'summary',
  status: 'status',
  condition: 'condition',
};

export interface AttachInput {
  eventId: string;
  /** A conflicting claim: what the lead's source says differently (both or neither). */
  field?: string | undefined;
  value?: string | undefined;
}

/**
 * Add to event: the lead's link becomes a further source of the event, or, with a field and a
 * value, a conflicting claim with that source, which marks the event disputed.
 */
export async function attachLead(
  services: Services,
  id: number,
  input: AttachInput,
  by: TriageBy,
): Promise<TriageResult> {
  const lead = await openLead(services, id, messagesFor(by.language ?? 'en'));
  const eventId = input.eventId.trim() || lead.reading.matches[0]?.eventId;
  if (!eventId) throw new UserError('lead-no-event', { id });
  const fieldText = input.field?.trim().toLowerCase() ?? '';
  const value = input.value?.trim() ?? '';
  if (fieldText !== '' || value !== '') {
    const field = CLAIM_FIELDS[fieldText];
    if (!field)
      throw new UserError('lead-claim-field', { field: input.field ?? '', fields: 'place, date, casualties, summary' });
    if (value === '') throw new UserError('lead-claim-value', { field: fieldText });
    const disputed = await disputeEvent(services, eventId, { field, value, source: sourceText(lead) }, by);
    if (!disputed.ok) return disputed;
    return decide(services, lead, { state: 'attached', by: by.name, eventId, note: 'conflict' }, by);
  }
  const stored = await services.store.getEvent(eventId);
  if (!stored) throw new UserError('event-not-found', { id: eventId });
  if (!stored.event.sources.some((s) => s.url === lead.link)) {
    await services.store.putEvent(
      Event.parse({ ...stored.event, sources: [...stored.event.sources, leadSource(lead)] }),
      {
        author: by.author,
        reason: `further source from lead #${lead.id}: ${lead.publisher}`,
        at: toUtcIso(by.now),
      },
    );
  }
  return decide(services, lead, { state: 'attached', by: by.name, eventId, note: 'source' }, by);
}

export async function dismissLead(services: Services, id: number, by: TriageBy): Promise<TriageResult> {
  const lead = await openLead(services, id, messagesFor(by.language ?? 'en'));
  return decide(services, lead, { state: 'dismissed', by: by.name }, by);
}
