/**
 * What the core needs from a store. Implementations live in src/store (SQLite is the default);
 * every implementation passes the same contract suite (tests/store/contract.ts). Filtering,
 * ordering and aggregation happen in the store so that a query stays fast at a million events.
 */
import type { Neighbourhood } from './near.ts';
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

/**
 * Position in the newest-first order of events: (sort key, id). The sort key is `sortKeyOf(occurredAt)`
 * from src/core/time.ts: the local date and time as written, partial dates at their first instant.
 */
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
  /** Events whose point lies in the box. */
  box?: { minLat: number; maxLat: number; minLon: number; maxLon: number } | undefined;
  /** Within N km of a point, exactly (src/core/near.ts): squares wholly inside from their totals, the edge event by event. */
  near?: Neighbourhood | undefined;
  /** Leaves out the events `placeId` would select for this place (to list a place's neighbours apart from it). */
  exceptPlaceId?: string | undefined;
  /** Only these categories; absent or empty: every category. */
  categories?: EventCategory[] | undefined;
  /**
   * Only events naming one of these actors; absent or empty: any actor. An actor asked for with
   * its parts (the mission with its contingents) is passed with them: see actorWithParts.
   */
  actorIds?: string[] | undefined;
  /**
   * Only events counted at `placeId` (as `placeId` selects them) that another of their
   * placements (the event's place or a claim's) puts outside it; at `at` when given.
   */
  placedOutside?: { placeId: string; at?: string | undefined } | undefined;
  /** Only events that name this person (Event.people), matched without accents, case or punctuation. */
  personName?: string | undefined;
  /** Only events that report casualties of this group (e.g. 'mss'), of any kind, with or without a number. */
  casualtyGroup?: CasualtyGroup | undefined;
  /** Only events with one of these confidences. */
  confidences?: Confidence[] | undefined;
  /** Retracted events are left out unless asked for (here, or by naming 'retracted' in `confidences`). */
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

/**
 * Per group and kind: `count` sums the numbers given ("about 10" counts as 10); `atLeast` is
 * true when some report said "at least", so the sum is a lower bound; `unknownReports` counts
 * reports that gave no number.
 */
export type CasualtyTotals = Record<
  CasualtyGroup,
  Record<CasualtyKind, { count: number; atLeast: boolean; unknownReports: number }>
>;

export interface RecordMeta {
  author: string;
  reason: string;
  /** When the change is recorded: ISO UTC as Date.toISOString() writes it; the core passes its `now`. */
  at: string;
}

/** Which changed events a digest wants: as each event stood at its latest revision in the period. */
export interface ChangeFilter {
  /** At or inside this gazetteer place, by its place or a place claim (as EventQuery.placeId). */
  placeId?: string | undefined;
  category?: EventCategory | undefined;
}

/** An event's latest revision recorded in a period, and the first one recorded in it. */
export interface EventChange extends EventRevision {
  /** 1 when the event entered the record in the period. */
  firstRevisionInPeriod: number;
}

export interface ChangeList {
  /** Newest first (by the time the latest revision in the period was recorded), at most `limit`. */
  changes: EventChange[];
  /** How many events match in all. */
  total: number;
  /** Casualties of the events that entered the record in the period and are not retracted. */
  added: CasualtyTotals;
}

export type SeedKind = 'event' | 'indicator';

/**
 * Every method returns a promise, so an implementation may talk to a server (Postgres) as well
 * as to a file (SQLite). Each method is atomic on its own: putEvents writes its whole batch or
 * nothing.
 */
export interface Store {
  /** Adds a new event or a new revision of it; an identical record changes nothing. */
  putEvent(event: Event, meta: RecordMeta): Promise<{ revision: number; changed: boolean }>;
  /**
   * Adds many events in one transaction, each as putEvent would (an event given twice becomes
   * two revisions); much faster than one call per event, for imports.
   */
  putEvents(events: readonly Event[], meta: RecordMeta): Promise<{ revision: number; changed: boolean }[]>;
  getEvent(id: string): Promise<StoredEvent | undefined>;
  history(id: string): Promise<EventRevision[]>;
  listEvents(query: EventQuery, page: PageRequest): Promise<EventPage>;
  countEvents(query: EventQuery): Promise<number>;
  casualtyTotals(query: EventQuery): Promise<CasualtyTotals>;
  /** Where else the events counted at a place are placed (gazetteer ids outside it), retracted events left out. */
  placementsOutside(placeId: string): Promise<string[]>;
  /** Everyone the events name (Event.people), each once, as src/core/places.ts's normalizeName writes the name. */
  namedPeople(): Promise<string[]>;
  /** Revisions recorded in [since, until), oldest first, for digests and alerts. */
  revisionsBetween(since: string, until: string, limit: number): Promise<EventRevision[]>;
  countRevisionsBetween(since: string, until: string): Promise<number>;
  /** The events with a revision recorded in [since, until), each once, as `filter` selects them. */
  changesBetween(since: string, until: string, filter: ChangeFilter, limit: number): Promise<ChangeList>;

  /** Adds an indicator observation; an identical one (same key, asOf, value, source) is a no-op. */
  putIndicator(indicator: Indicator): Promise<boolean>;
  /** The latest observation of each series. */
  latestIndicators(): Promise<Indicator[]>;
  /** Every observation of one series, oldest first. */
  indicatorSeries(key: string): Promise<Indicator[]>;
  /**
   * Every series by key, keys in order, each oldest first (as indicatorSeries gives it, so its
   * last observation is latestIndicators' for the key): one read for answers that show them all.
   */
  allIndicatorSeries(): Promise<Map<string, Indicator[]>>;

  /** A small named setting kept with the data (for instance the seed version applied). */
  getMeta(key: string): Promise<string | undefined>;
  setMeta(key: string, value: string): Promise<void>;

  /** The content hash a seed record was last applied with, or undefined if never. */
  seedHash(kind: SeedKind, recordId: string): Promise<string | undefined>;
  /** Notes that a seed record was applied (or deliberately left alone) with this content. */
  recordSeed(kind: SeedKind, recordId: string, contentHash: string, seedVersion: string): Promise<void>;

  /**
   * Runs `fn` atomically: every write made through `tx` lands, or none does (when `fn` throws),
   * and `fn` reads what it wrote. Kept on the port (rather than one atomic method per use)
   * because seeding and import read, decide and write record by record, and an import must
   * leave the store as it was when it is rejected, dry-run or killed midway.
   *
   * `fn` is asynchronous, so an implementation gives it a connection of its own (Postgres: a
   * client checked out of the pool; SQLite, which has one connection per store: calls on the
   * store itself wait until the transaction ends). So inside `fn`, use `tx` only: a call on the
   * store would wait for `fn` to finish, which waits for it. A transaction started on `tx` joins
   * the open one. Keep `fn` to store work: the write lock is held until it settles.
   */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
