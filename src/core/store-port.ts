/**
 * What the core needs from a store. Implementations live in src/store (SQLite is the default);
 * every implementation passes the same contract suite (tests/store/contract.ts). Filtering,
 * ordering and aggregation happen in the store so that a query stays fast at a million events.
 */
import type { CasualtyGroup, CasualtyKind, Confidence, Event, EventCategory, Indicator } from './schemas.ts';

/** An event as stored: the current revision and when it was recorded. */
export interface StoredEvent {
  event: Event;
  revision: number;
  /** When this revision was recorded (ISO). */
  recordedAt: string;
  /** When the first revision was recorded (ISO). */
  firstRecordedAt: string;
}

export interface EventRevision {
  eventId: string;
  revision: number;
  recordedAt: string;
  author: string;
  reason: string;
  event: Event;
}

/** Position in the newest-first order of events: (sort key, id). */
export interface EventKey {
  sortKey: string;
  id: string;
}

export interface EventQuery {
  /** Inclusive lower bound on the event's sort key (an ISO date or date-time prefix). */
  from?: string | undefined;
  /** Exclusive upper bound on the event's sort key. */
  until?: string | undefined;
  /**
   * The gazetteer place, including every place inside it, and events with a place claim
   * (Claim.placeId) at or inside it, so a disputed location shows up at both places.
   */
  placeId?: string | undefined;
  /** A box around a point (for "within N km"); the core refines by true distance. */
  box?: { minLat: number; maxLat: number; minLon: number; maxLon: number } | undefined;
  categories?: EventCategory[] | undefined;
  actorId?: string | undefined;
  /** Only events with one of these confidences. */
  confidences?: Confidence[] | undefined;
  /** Retracted events are left out unless asked for. */
  includeRetracted?: boolean | undefined;
}

export interface EventPage {
  /** Newest first. */
  events: StoredEvent[];
  /** Present when there are older events after this page. */
  nextKey?: EventKey | undefined;
  /** Present when there are newer events before this page. */
  previousKey?: EventKey | undefined;
}

export interface PageRequest {
  limit: number;
  /** Return events strictly older than this key. */
  after?: EventKey | undefined;
  /** Return events strictly newer than this key (the page before), still newest first. */
  before?: EventKey | undefined;
}

export type CasualtyTotals = Record<
  CasualtyGroup,
  Record<CasualtyKind, { count: number; atLeast: boolean; unknownReports: number }>
>;

export interface RecordMeta {
  author: string;
  reason: string;
  /** When the change is recorded (ISO); the core passes its `now`. */
  at: string;
}

export interface Store {
  /** Adds a new event or a new revision of it; an identical record changes nothing. */
  putEvent(event: Event, meta: RecordMeta): { revision: number; changed: boolean };
  getEvent(id: string): StoredEvent | undefined;
  history(id: string): EventRevision[];
  listEvents(query: EventQuery, page: PageRequest): EventPage;
  countEvents(query: EventQuery): number;
  casualtyTotals(query: EventQuery): CasualtyTotals;
  /** Revisions recorded in [since, until), oldest first, for digests and alerts. */
  revisionsBetween(since: string, until: string, limit: number): EventRevision[];
  countRevisionsBetween(since: string, until: string): number;

  /** Adds an indicator observation; an identical one (same key, asOf, value, source) is a no-op. */
  putIndicator(indicator: Indicator): boolean;
  /** The latest observation of each series. */
  latestIndicators(): Indicator[];
  /** Every observation of one series, oldest first. */
  indicatorSeries(key: string): Indicator[];

  /** Runs `fn` atomically: all of its writes land or none do. */
  transaction<T>(fn: () => T): T;
  close(): void;
}
