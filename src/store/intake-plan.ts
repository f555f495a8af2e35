/**
 * What recording a poll's items does, worked out apart from any database so that SQLite and
 * Postgres store leads by the same rules: a known item unchanged is skipped; a known item edited
 * updates its lead, but only when that item made the lead; an item whose link, or whose
 * near-identical title within TITLE_WINDOW_MS, is already a lead joins it; anything else is a new
 * lead. Items earlier in the same batch count as recorded (two copies of one story make one lead).
 * Each store looks rows up its own way (statements in a transaction, or rows fetched at once)
 * behind `KnownRows`, then writes the steps in order.
 */
import type { LeadDraft } from '../core/intake-port.ts';

/** Near-identical titles within this many days of each other are one story. */
export const TITLE_WINDOW_MS = 3 * 86_400_000;

/** A lead's columns as a draft gives them. */
export interface LeadFields {
  link: string;
  title: string;
  summary: string | null;
  publisher: string;
  publishedAt: string | null;
  titleKey: string;
  /** published_at, else the time first seen: the centre of the title window. */
  storyAt: string;
  reading: string;
  sourceId: number;
  itemKey: string;
  now: string;
}

export function leadFields(d: LeadDraft, now: string): LeadFields {
  return {
    link: d.link,
    title: d.title,
    summary: d.summary ?? null,
    publisher: d.publisher,
    publishedAt: d.publishedAt ?? null,
    titleKey: d.titleKey,
    storyAt: d.publishedAt ?? now,
    reading: JSON.stringify(d.reading),
    sourceId: d.sourceId,
    itemKey: d.itemKey,
    now,
  };
}

/** The stories a title could be the same as: from and to, as stored (ISO UTC). */
export function titleWindow(storyAt: string): { from: string; to: string } {
  const at = Date.parse(storyAt);
  return { from: new Date(at - TITLE_WINDOW_MS).toISOString(), to: new Date(at + TITLE_WINDOW_MS).toISOString() };
}

/** What the planner needs to know of the rows already stored. */
export interface KnownRows {
  /** The content hash and lead of a source's item. */
  item(sourceId: number, itemKey: string): { leadId: number; contentHash: string } | undefined;
  /** The source and item a lead was made from. */
  leadOrigin(leadId: number): { sourceId: number; itemKey: string } | undefined;
  leadByLink(link: string): number | undefined;
  /** The first lead (lowest id) with this title key whose story is within [from, to]. */
  leadByTitle(titleKey: string, from: string, to: string): number | undefined;
}

/** A lead stored before the batch, or the n-th lead the batch creates. */
export type LeadRef = { stored: number } | { created: number };

export type ItemStep =
  | { kind: 'unchanged' }
  /** A known item edited: its hash is updated; `edit` when it made its lead, which takes the new words. */
  | { kind: 'rehash'; draft: LeadDraft; edit?: { lead: LeadRef; fields: LeadFields } | undefined }
  | { kind: 'join'; draft: LeadDraft; lead: LeadRef }
  | { kind: 'create'; draft: LeadDraft; fields: LeadFields; index: number };

interface BatchLead {
  fields: LeadFields;
}

/**
 * The leads a batch creates, found by link and by title key as the stores find theirs: a poll
 * of 10,000 new items looked each up in every lead before it (5 s of a 10 s poll).
 */
class CreatedLeads {
  readonly all: BatchLead[] = [];
  private readonly byLink = new Map<string, number[]>();
  private readonly byTitle = new Map<string, number[]>();

  add(fields: LeadFields): number {
    const index = this.all.length;
    this.all.push({ fields });
    this.index(index, fields);
    return index;
  }

  /** Gives a lead new words: it is found by them from now on. */
  update(index: number, fields: LeadFields): void {
    const lead = this.all[index];
    if (!lead) return;
    drop(this.byLink, lead.fields.link, index);
    drop(this.byTitle, lead.fields.titleKey, index);
    lead.fields = fields;
    this.index(index, fields);
  }

  /** The first lead with this link. */
  withLink(link: string): number | undefined {
    return this.byLink.get(link)?.[0];
  }

  /** The first lead with this title key whose story is within [from, to]. */
  withTitle(titleKey: string, from: string, to: string): number | undefined {
    return this.byTitle.get(titleKey)?.find((i) => {
      const at = this.all[i]?.fields.storyAt ?? '';
      return at >= from && at <= to;
    });
  }

  private index(index: number, fields: LeadFields) {
    put(this.byLink, fields.link, index);
    put(this.byTitle, fields.titleKey, index);
  }
}

/** Adds `index` to the key's list, kept in ascending order (the first lead wins, as by id). */
function put(map: Map<string, number[]>, key: string, index: number) {
  const list = map.get(key);
  if (!list) return void map.set(key, [index]);
  let at = list.length;
  while (at > 0 && (list[at - 1] as number) > index) at--;
  list.splice(at, 0, index);
}

function drop(map: Map<string, number[]>, key: string, index: number) {
  const list = map.get(key);
  const at = list?.indexOf(index) ?? -1;
  if (list && at >= 0) list.splice(at, 1);
}

/** The steps that record `drafts`, one per draft, in order. */
export function planItems(drafts: readonly LeadDraft[], now: string, known: KnownRows): ItemStep[] {
  const created = new CreatedLeads();
  const batchItems = new Map<string, { lead: LeadRef; contentHash: string }>();
  const itemName = (sourceId: number, itemKey: string) => `${sourceId}\u0000${itemKey}`;
  const steps: ItemStep[] = [];
  for (const draft of drafts) {
    const fields = leadFields(draft, now);
    const name = itemName(draft.sourceId, draft.itemKey);
    const stored = known.item(draft.sourceId, draft.itemKey);
    const item =
      batchItems.get(name) ?? (stored && { lead: { stored: stored.leadId }, contentHash: stored.contentHash });
    if (item) {
      if (item.contentHash === draft.contentHash) {
        steps.push({ kind: 'unchanged' });
        continue;
      }
      batchItems.set(name, { ...item, contentHash: draft.contentHash });
      // Only the item a lead was made from edits it; an edited copy from elsewhere changes nothing.
      const origin =
        'stored' in item.lead ? known.leadOrigin(item.lead.stored) : created.all[item.lead.created]?.fields;
      const edits = origin?.sourceId === draft.sourceId && origin.itemKey === draft.itemKey;
      if (edits && 'created' in item.lead) {
        // Later items of the batch find it by its new words; its story time stays (as an edit keeps it).
        const lead = created.all[item.lead.created];
        if (lead) created.update(item.lead.created, { ...fields, storyAt: lead.fields.storyAt });
      }
      steps.push({ kind: 'rehash', draft, edit: edits ? { lead: item.lead, fields } : undefined });
      continue;
    }
    const same = findStory(fields, known, created);
    if (same) {
      batchItems.set(name, { lead: same, contentHash: draft.contentHash });
      steps.push({ kind: 'join', draft, lead: same });
      continue;
    }
    const index = created.add(fields);
    batchItems.set(name, { lead: { created: index }, contentHash: draft.contentHash });
    steps.push({ kind: 'create', draft, fields, index });
  }
  return steps;
}

/** The lead telling the same story: the same link, else a near-identical title close in time. */
function findStory(fields: LeadFields, known: KnownRows, created: CreatedLeads): LeadRef | undefined {
  const byLink = known.leadByLink(fields.link);
  if (byLink !== undefined) return { stored: byLink };
  const sameLink = created.withLink(fields.link);
  if (sameLink !== undefined) return { created: sameLink };
  if (fields.titleKey === '') return undefined;
  const { from, to } = titleWindow(fields.storyAt);
  // Stored leads have lower ids than the batch's, so they come first.
  const byTitle = known.leadByTitle(fields.titleKey, from, to);
  if (byTitle !== undefined) return { stored: byTitle };
  const sameTitle = created.withTitle(fields.titleKey, from, to);
  return sameTitle !== undefined ? { created: sameTitle } : undefined;
}
