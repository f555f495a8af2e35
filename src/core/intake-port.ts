/**
 * What live intake needs from a store: the sources it polls (with their poll state) and the
 * leads their items became. Exactly once: a source is polled by one process at a time (a lease
 * taken by `claimSource`), and an item becomes a lead once (unique keys on the source's item and
 * on the lead's link, checked with near-identical titles in one write transaction).
 * Implemented by src/store (SQLite: src/store/sqlite-intake.ts); every implementation passes
 * tests/store/intake-contract.ts. Owned by the core.
 */
import type { Casualty, EventCategory } from './schemas.ts';

export type SourceKind = 'rss' | 'atom' | 'jsonfeed' | 'reliefweb' | 'acled';
export const SOURCE_KINDS: readonly SourceKind[] = ['rss', 'atom', 'jsonfeed', 'reliefweb', 'acled'];

export interface SourceInput {
  url: string;
  kind: SourceKind;
  /** Seconds between polls when all is well. */
  intervalSeconds: number;
  /** Who added it (a platform user id, or "console"). */
  addedBy: string;
}

/** How the last poll went: what the next poll sends and when it is due. */
export interface PollState {
  /** Validators from the last full answer, sent back as If-None-Match / If-Modified-Since. */
  etag?: string | undefined;
  lastModified?: string | undefined;
  /** When the source is next due (ISO UTC). */
  nextPollAt: string;
  /** Failed polls in a row; 0 after a success. */
  failures: number;
  /** Why the last poll failed. */
  lastError?: string | undefined;
  lastPolledAt?: string | undefined;
  /** The last poll that brought something new (a lead or an event). */
  lastDeliveredAt?: string | undefined;
  /** When the current run of failed polls began (ISO UTC); absent while the source is well. */
  failingSince?: string | undefined;
  /** Where an API source's next request starts (e.g. ACLED's timestamp). */
  cursor?: string | undefined;
}

export interface Source extends SourceInput, PollState {
  id: number;
  addedAt: string;
  paused: boolean;
  pausedReason?: string | undefined;
  pausedAt?: string | undefined;
}

/** What a poll ends with: the new poll state, and a pause when the source keeps failing. */
export interface PollResult extends PollState {
  pauseReason?: string | undefined;
}

export type LeadState = 'new' | 'posted' | 'recorded' | 'attached' | 'dismissed';
/** States a lead waits for triage in. */
export const OPEN_LEAD_STATES: readonly LeadState[] = ['new', 'posted'];

/** A recorded event the lead likely describes, best first. */
export interface EventMatch {
  eventId: string;
  /** 0-1: same place, close in time, same category each add to it. */
  score: number;
  /** "same place, 1 day apart, same category". */
  why: string;
}

/** What Sitrep read from an item's words (src/core/leads.ts). */
export interface LeadReading {
  /** Gazetteer places named, most specific first. */
  placeIds: string[];
  /** The day the item says it happened (local, YYYY-MM-DD), else the day it was published. */
  occurredOn?: string | undefined;
  category?: EventCategory | undefined;
  casualties: Casualty[];
  matches: EventMatch[];
}

/** One feed item, ready to become a lead (or to update or join one). */
export interface LeadDraft {
  sourceId: number;
  /** The item's identity within its source: its guid or id, else its link. */
  itemKey: string;
  /** The item's link, canonical (no tracking parameters, no fragment): one lead a link. */
  link: string;
  title: string;
  summary?: string | undefined;
  publisher: string;
  /** When the source published it (ISO UTC), if it says. */
  publishedAt?: string | undefined;
  /** A hash of the item's words: a new hash for a known item is an edit at the source. */
  contentHash: string;
  /** The title's words, normalized and sorted: near-identical titles share it. */
  titleKey: string;
  reading: LeadReading;
}

export interface Lead {
  id: number;
  state: LeadState;
  link: string;
  title: string;
  summary?: string | undefined;
  publisher: string;
  publishedAt?: string | undefined;
  titleKey: string;
  reading: LeadReading;
  /** The source that brought it first. */
  sourceId: number;
  /** Other sources that carried the same story (same link or near-identical title). */
  alsoFrom: Array<{ sourceId: number; link: string; publisher: string }>;
  /** 1, and one more each time the item was edited at its source. */
  revision: number;
  firstSeenAt: string;
  updatedAt: string;
  /** Triage: who acted, when, and on which event (recorded or attached). */
  decidedBy?: string | undefined;
  decidedAt?: string | undefined;
  eventId?: string | undefined;
  note?: string | undefined;
}

export interface RecordedItems {
  /** New leads, in the order given. */
  created: Lead[];
  /** Leads whose item was edited at the source (new revision). */
  updated: Lead[];
  /** Items that joined an existing lead (same link or near-identical title). */
  joined: number;
  /** Items seen before, unchanged. */
  unchanged: number;
}

export interface LeadQuery {
  /** Default: the open states (waiting for triage). */
  states?: readonly LeadState[] | undefined;
  /** Only leads first seen before this instant (ISO UTC): those waiting when a triage channel was set. */
  seenBefore?: string | undefined;
  /** Only leads with a smaller number: the page after one that ends at it. */
  olderThan?: number | undefined;
  /** Only leads with a larger number: the `limit` of them nearest it (the page before one that starts at it). */
  newerThan?: number | undefined;
  limit: number;
}

export interface LeadDecision {
  state: Extract<LeadState, 'recorded' | 'attached' | 'dismissed'>;
  by: string;
  eventId?: string | undefined;
  note?: string | undefined;
}

/**
 * Every method returns a promise (the store may be a server shared by several processes).
 * Times the caller records (`now`) are the caller's; leases are timed by the store's clock from a
 * duration, so every process agrees on when one runs out.
 */
export interface IntakeStore {
  /** Adds a source, due at once; an existing source with the same URL is returned as it is. */
  addSource(input: SourceInput, now: string): Promise<{ source: Source; added: boolean }>;
  getSource(id: number): Promise<Source | undefined>;
  /** Every source not removed, paused ones included, by id. */
  listSources(): Promise<Source[]>;
  /** Removes a source (its leads stay); false when there was none. */
  removeSource(id: number, now: string): Promise<boolean>;
  pauseSource(id: number, reason: string, now: string): Promise<boolean>;
  /** Unpauses, clears the failures and makes it due at once. */
  resumeSource(id: number, now: string): Promise<boolean>;
  /** Sources not paused whose next poll is at or before `now`, soonest first. */
  dueSources(now: string, limit: number): Promise<Source[]>;
  /**
   * Takes the source for `owner` for `leaseMs` (the store's clock) unless another owner holds a
   * live lease; `force` takes it even when not due (a poll asked for now). Undefined when taken,
   * paused, removed, or (without `force`) not due.
   */
  claimSource(id: number, owner: string, leaseMs: number, now: string, force?: boolean): Promise<Source | undefined>;
  /** Records how the poll went and releases the lease; false when `owner` no longer held it. */
  finishPoll(id: number, owner: string, result: PollResult, now: string): Promise<boolean>;

  /**
   * Records a poll's items atomically: a known item unchanged is skipped, a known item edited
   * updates its lead; an item whose link or near-identical title is already a lead joins it;
   * anything else becomes a new lead.
   */
  recordItems(drafts: readonly LeadDraft[], now: string): Promise<RecordedItems>;
  getLead(id: number): Promise<Lead | undefined>;
  /** Newest first (by first seen). */
  listLeads(query: LeadQuery): Promise<Lead[]>;
  /** How many leads `listLeads` would list without a limit. */
  countLeads(query: Omit<LeadQuery, 'limit'>): Promise<number>;
  /** Marks a lead posted to the triage channel; false unless it was new. */
  markLeadPosted(id: number, now: string): Promise<boolean>;
  /** Triage: records, attaches or dismisses an open lead; undefined when it was already decided. */
  decideLead(id: number, decision: LeadDecision, now: string): Promise<Lead | undefined>;
  close(): Promise<void>;
}
