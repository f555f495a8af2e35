/** Rows of the intake tables (migrations 040-041) and the core's shapes made from them. */
import type { Lead, LeadReading, LeadState, Source, SourceKind } from '../core/intake-port.ts';

export interface SourceRecord {
  id: number;
  url: string;
  kind: SourceKind;
  interval_seconds: number;
  added_by: string;
  added_at: string;
  removed_at: string | null;
  paused_at: string | null;
  paused_reason: string | null;
  etag: string | null;
  last_modified: string | null;
  next_poll_at: string;
  failures: number;
  last_error: string | null;
  last_polled_at: string | null;
  last_delivered_at: string | null;
  failing_since: string | null;
  cursor: string | null;
  lease_owner: string | null;
  lease_until: string | null;
}

export interface LeadRecord {
  id: number;
  state: LeadState;
  link: string;
  title: string;
  summary: string | null;
  publisher: string;
  published_at: string | null;
  title_key: string;
  story_at: string;
  reading: string;
  source_id: number;
  item_key: string;
  revision: number;
  first_seen_at: string;
  updated_at: string;
  posted_at: string | null;
  decided_by: string | null;
  decided_at: string | null;
  event_id: string | null;
  note: string | null;
}

export interface ItemRecord {
  source_id: number;
  item_key: string;
  lead_id: number;
  link: string;
  publisher: string;
  content_hash: string;
}

const opt = (v: string | null): string | undefined => v ?? undefined;

export function toSource(r: Omit<SourceRecord, 'lease_owner' | 'lease_until'>): Source {
  return {
    id: r.id,
    url: r.url,
    kind: r.kind,
    intervalSeconds: r.interval_seconds,
    addedBy: r.added_by,
    addedAt: r.added_at,
    paused: r.paused_at !== null,
    pausedAt: opt(r.paused_at),
    pausedReason: opt(r.paused_reason),
    etag: opt(r.etag),
    lastModified: opt(r.last_modified),
    nextPollAt: r.next_poll_at,
    failures: r.failures,
    lastError: opt(r.last_error),
    lastPolledAt: opt(r.last_polled_at),
    lastDeliveredAt: opt(r.last_delivered_at),
    failingSince: opt(r.failing_since),
    cursor: opt(r.cursor),
  };
}

export function toLead(r: LeadRecord, alsoFrom: Lead['alsoFrom']): Lead {
  return {
    id: r.id,
    state: r.state,
    link: r.link,
    title: r.title,
    summary: opt(r.summary),
    publisher: r.publisher,
    publishedAt: opt(r.published_at),
    titleKey: r.title_key,
    reading: JSON.parse(r.reading) as LeadReading,
    sourceId: r.source_id,
    alsoFrom,
    revision: r.revision,
    firstSeenAt: r.first_seen_at,
    updatedAt: r.updated_at,
    decidedBy: opt(r.decided_by),
    decidedAt: opt(r.decided_at),
    eventId: opt(r.event_id),
    note: opt(r.note),
  };
}

/** The other sources that carried a lead's story: its items but the one it was made from, in the order seen. */
export function alsoFromOf(lead: LeadRecord, items: readonly ItemRecord[]): Lead['alsoFrom'] {
  return items
    .filter((i) => !(i.source_id === lead.source_id && i.item_key === lead.item_key))
    .map((i) => ({ sourceId: i.source_id, link: i.link, publisher: i.publisher }));
}
