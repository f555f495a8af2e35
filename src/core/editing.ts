/**
 * Changing the record from chat: a new report, an edit, a dispute (a contested claim with its
 * source), a retraction. Every change is a new revision that names who made it, when and why;
 * the earlier versions stay in the history. The caller's permission is checked before this.
 */
import { createHash } from 'node:crypto';
import { UserError } from './errors.ts';
import { claimLine, eventItem } from './format.ts';
import type { Language } from './i18n/language.ts';
import { messagesFor } from './i18n/messages.ts';
import {
  type FieldErrors,
  parseReportFields,
  parseReportValues,
  parseSource,
  REPORT_FIELDS,
  type ReportFieldName,
  type ReportParts,
  type ReportValues,
  reportValuesOf,
} from './report-fields.ts';
import { Claim, Event, type Source } from './schemas.ts';
import type { Services } from './services.ts';
import type { StoredEvent } from './store-port.ts';
import { formatInstant, toUtcIso } from './time.ts';
import type { View } from './view.ts';

/** Who changes the record, and when. */
export interface ChangeBy {
  /** "discord:1234", "slack:U123", "console:console". */
  author: string;
  now: Date;
  /** The language the confirmation is written in. */
  language?: Language | undefined;
}

export type ChangeResult = { ok: true; stored: StoredEvent; view: View } | { ok: false; errors: FieldErrors };

/** Actors implied by the casualty groups a report names. */
const GROUP_ACTORS: Record<string, string> = { mss: 'mss', police: 'hnp', gang: 'gangs', civilian: 'civilians' };

function actorsFor(services: Services, parts: Pick<ReportParts, 'casualties'>, keep: readonly string[] = []) {
  const implied = parts.casualties.map((c) => GROUP_ACTORS[c.group]).filter((id): id is string => !!id);
  return [...new Set([...keep, ...implied])].filter((id) => services.actors.has(id));
}

function reportId(parts: ReportParts, values: ReportValues, author: string): string {
  const hash = createHash('sha256')
    .update(JSON.stringify([author, ...REPORT_FIELDS.map((f) => (values[f] ?? '').trim())]))
    .digest('hex')
    .slice(0, 10);
  return `report-${parts.occurredAt.slice(0, 10).replace(/[^0-9-]/g, '')}-${hash}`;
}

async function getOrThrow(services: Services, id: string): Promise<StoredEvent> {
  const stored = await services.store.getEvent(id.trim());
  if (!stored) throw new UserError('event-not-found', { id });
  return stored;
}

/** What a caller knows beyond the form's words. */
export interface ReportDetails {
  /** The source in full (a lead's link with its title and day), in place of the one the form's text names. */
  source?: Source | undefined;
}

/**
 * A new event from a report form, stored in one revision. Submitting the same form twice (the
 * same person, the same values) records it once and answers with the same event.
 */
export async function createReport(
  services: Services,
  values: ReportValues,
  by: ChangeBy,
  details: ReportDetails = {},
): Promise<ChangeResult> {
  const { gazetteer, settings, store } = services;
  const parsed = parseReportValues(values, { gazetteer, timeZone: settings.timeZone, now: by.now });
  if (!parsed.ok) return parsed;
  const id = reportId(parsed.parts, values, by.author);
  const existing = await store.getEvent(id);
  if (existing) return { ok: true, stored: existing, view: confirmation(services, existing, 'already', by.language) };
  const event = Event.parse({
    id,
    ...parsed.parts,
    ...(details.source ? { sources: [details.source] } : {}),
    reportedAt: toUtcIso(by.now),
    actors: actorsFor(services, parsed.parts),
    claims: [],
  });
  await store.putEvent(event, { author: by.author, reason: 'reported from chat', at: toUtcIso(by.now) });
  const stored = await getOrThrow(services, id);
  return { ok: true, stored, view: confirmation(services, stored, 'recorded', by.language) };
}

/** The values an edit form starts from. */
export async function editValues(services: Services, id: string): Promise<Record<ReportFieldName, string>> {
  return reportValuesOf((await getOrThrow(services, id)).event, services.settings.timeZone);
}

/**
 * Applies the changed fields of an edit form (a field left as it was keeps the event's own
 * value, with its notes and coordinates). An edit that changes nothing records nothing.
 */
export async function editEvent(
  services: Services,
  id: string,
  values: ReportValues,
  reason: string,
  by: ChangeBy,
): Promise<ChangeResult> {
  const stored = await getOrThrow(services, id);
  const why = checkReason(reason, 'edit');
  const before = reportValuesOf(stored.event, services.settings.timeZone);
  const changed = REPORT_FIELDS.filter((f) => values[f] !== undefined && values[f].trim() !== before[f].trim());
  const { gazetteer, settings } = services;
  const parsed = parseReportFields(values, changed, { gazetteer, timeZone: settings.timeZone, now: by.now });
  if (!parsed.ok) return parsed;
  if (changed.length === 0) return { ok: true, stored, view: confirmation(services, stored, 'unchanged', by.language) };
  const { sources, casualties, ...rest } = parsed.parts;
  const { translations, ...event } = stored.event;
  // A translation of words that changed would be wrong: an edit of the text drops them.
  const retold =
    ('summary' in rest && rest.summary !== event.summary) || ('details' in rest && rest.details !== event.details);
  const next = Event.parse({
    ...event,
    ...(translations && !retold ? { translations } : {}),
    ...rest,
    ...(casualties ? { casualties, actors: actorsFor(services, { casualties }, event.actors) } : {}),
    ...(sources?.[0] ? { sources: [sources[0], ...event.sources.slice(1)] } : {}),
  });
  return record(services, next, why, by, 'updated');
}

export interface DisputeInput {
  field: Claim['field'];
  value: string;
  /** "Publisher https://…": who says so. */
  source: string;
  note?: string | undefined;
}

/** Adds a contested claim with its source and marks the event disputed. */
export async function disputeEvent(
  services: Services,
  id: string,
  input: DisputeInput,
  by: ChangeBy,
): Promise<ChangeResult> {
  const stored = await getOrThrow(services, id);
  if (stored.event.confidence === 'retracted') throw new UserError('retracted-not-disputable', { id });
  let source: Claim['source'];
  try {
    source = parseSource(input.source.trim());
  } catch (err) {
    throw new UserError('bad-source', { detail: (err as Error).message });
  }
  const value = input.value.trim();
  let placeId: string | undefined;
  if (input.field === 'place') {
    const named = services.gazetteer.exact(value);
    placeId = named.length === 1 ? named[0]?.id : services.gazetteer.preferred(value, named)?.id;
  }
  const claim = Claim.safeParse({
    field: input.field,
    value,
    source,
    standing: 'contested',
    ...(input.note?.trim() ? { note: input.note.trim() } : {}),
    ...(placeId ? { placeId } : {}),
  });
  if (!claim.success) {
    const issue = claim.error.issues[0];
    throw new UserError('bad-claim', { field: issue?.path.join('.') || 'claim', detail: issue?.message ?? 'invalid' });
  }
  const line = claimLine(claim.data);
  if (stored.event.claims.some((c) => claimLine(c) === line)) throw new UserError('claim-exists', { id });
  const next = Event.parse({ ...stored.event, confidence: 'disputed', claims: [...stored.event.claims, claim.data] });
  return record(services, next, `disputed: ${input.field} "${value}" per ${source.publisher}`, by, 'disputed');
}

/** Marks the event retracted: it leaves the timeline and reports but stays in the history. */
export async function retractEvent(
  services: Services,
  id: string,
  reason: string,
  by: ChangeBy,
): Promise<ChangeResult> {
  const stored = await getOrThrow(services, id);
  const why = checkReason(reason, 'retraction');
  if (stored.event.confidence === 'retracted') throw new UserError('already-retracted', { id });
  return record(services, Event.parse({ ...stored.event, confidence: 'retracted' }), why, by, 'retracted');
}

function checkReason(reason: string, what: string): string {
  const why = reason.trim().replace(/\s+/g, ' ');
  if (why === '') throw new UserError('reason-missing', { what });
  if (why.length > 300) throw new UserError('reason-too-long', { length: why.length, max: 300 });
  return why;
}

async function record(
  services: Services,
  event: Event,
  reason: string,
  by: ChangeBy,
  verb: ConfirmationVerb,
): Promise<ChangeResult> {
  await services.store.putEvent(event, { author: by.author, reason, at: toUtcIso(by.now) });
  const stored = await getOrThrow(services, event.id);
  return { ok: true, stored, view: confirmation(services, stored, verb, by.language) };
}

/** The short answer a channel gets: what was recorded, with its id and revision. */
export type ConfirmationVerb = 'recorded' | 'already' | 'unchanged' | 'updated' | 'disputed' | 'retracted';

export function confirmation(
  services: Services,
  stored: StoredEvent,
  verb: ConfirmationVerb,
  language: Language = 'en',
): View {
  const { gazetteer, settings } = services;
  const m = messagesFor(language);
  return {
    kind: 'message',
    language,
    title: m.t('report.title', { verb, id: stored.event.id }),
    summary: m.t('report.summary', {
      revision: String(stored.revision),
      recorded: formatInstant(stored.recordedAt, settings.timeZone, m),
      id: stored.event.id,
    }),
    sections: [
      {
        heading: m.t('category.name', { category: stored.event.category }),
        items: [eventItem(stored, gazetteer, settings.timeZone, [], m)],
      },
    ],
    footer: m.t('report.footer', { zone: settings.timeZone }),
  };
}

/** Every revision of an event, oldest first: when, who, why, and what changed. */
export async function historyView(services: Services, id: string, language: Language = 'en'): Promise<View> {
  const stored = await getOrThrow(services, id);
  const { gazetteer, settings } = services;
  const m = messagesFor(language);
  const revisions = await services.store.history(stored.event.id);
  const items = revisions.map((r, i) => {
    const previous = revisions[i - 1];
    const changes = previous ? changedFields(previous.event, r.event) : [];
    const item = eventItem(
      { event: r.event, revision: r.revision, recordedAt: r.recordedAt, firstRecordedAt: r.recordedAt },
      gazetteer,
      settings.timeZone,
      [],
      m,
    );
    const changed = previous
      ? m.t('history.changed', {
          fields: changes.length ? m.list(changes.map((field) => m.t('history.field', { field }))) : 'none',
        })
      : m.t('history.first');
    return {
      ...item,
      id: `${r.eventId}@${r.revision}`,
      when: formatInstant(r.recordedAt, settings.timeZone, m),
      // The reason is the author's own words, kept as recorded.
      title: m.t('history.revision', { revision: String(r.revision), author: r.author, reason: r.reason }),
      text: `${changed} ${item.title}${item.text ? ` ${item.text}` : ''}`,
    };
  });
  return {
    kind: 'message',
    language,
    title: m.t('history.title', { id: stored.event.id }),
    summary: m.t('history.summary', {
      count: revisions.length,
      current: String(stored.revision),
      retracted: stored.event.confidence === 'retracted' ? 'yes' : 'no',
    }),
    sections: [{ heading: m.t('history.heading'), items }],
    footer: m.t('history.footer', { zone: settings.timeZone }),
  };
}

const COMPARED: Array<keyof Event> = [
  'occurredAt',
  'timePrecision',
  'place',
  'category',
  'subCategory',
  'actors',
  'casualties',
  'summary',
  'details',
  'translations',
  'sources',
  'confidence',
  'claims',
  'reportedAt',
];

function changedFields(before: Event, after: Event): string[] {
  return COMPARED.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}
