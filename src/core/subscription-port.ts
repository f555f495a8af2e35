/**
 * What the scheduler needs from a store: the subscriptions (which channel gets what, when) and
 * the send ledger (what was sent). The ledger is what makes a send happen exactly once: a row per
 * (subscription, period) is claimed before posting and completed with the message id after.
 * Implemented by src/store (SQLite: src/store/sqlite-subscriptions.ts; every implementation
 * passes tests/store/subscription-contract.ts); owned by the core.
 */
import type { Language } from './i18n/language.ts';
import type { EventCategory } from './schemas.ts';

/** A digest, an alert, or the channel new leads are posted to for triage. */
export type SubscriptionKind = 'digest' | 'alert' | 'triage';
export type Platform = 'discord' | 'slack';
export type { Language };

/** Who a saved preference belongs to. */
export interface UserKey {
  platform: Platform;
  teamId: string;
  userId: string;
}

export interface ChannelKey {
  platform: Platform;
  /** Guild id (Discord) or workspace id (Slack). */
  teamId: string;
  channelId: string;
}

export interface SubscriptionInput extends ChannelKey {
  kind: SubscriptionKind;
  /** HH:MM, local to `timeZone`; digests only. */
  localTime?: string | undefined;
  /** IANA name. */
  timeZone: string;
  language: Language;
  placeId?: string | undefined;
  category?: EventCategory | undefined;
  /** Who subscribed the channel (platform user id). */
  createdBy: string;
}

export interface Subscription extends SubscriptionInput {
  id: number;
  createdAt: string;
  /** Periods scheduled before this instant are never due (set on every (re)subscribe). */
  activeSince: string;
  /** Unsubscribed; the row stays so its ledger does too. */
  removedAt?: string | undefined;
  paused: boolean;
  pausedReason?: string | undefined;
  pausedAt?: string | undefined;
  /** Alerts: revisions recorded before this instant have been looked at. */
  alertCursor?: string | undefined;
}

export type LedgerState = 'claimed' | 'sent' | 'skipped' | 'failed';

export interface LedgerRow {
  id: number;
  subscriptionId: number;
  /** A digest's local date (YYYY-MM-DD) or an alert's `eventId@revision`. */
  period: string;
  state: LedgerState;
  /** Carried by the posted message so a restart can find out whether it went out. */
  marker: string;
  scheduledAt: string;
  /** The span of recorded revisions the message covers (digests). */
  coversSince?: string | undefined;
  coversUntil?: string | undefined;
  late: boolean;
  owner?: string | undefined;
  leaseUntil?: string | undefined;
  attempts: number;
  messageId?: string | undefined;
  /** Why it was skipped or failed. */
  note?: string | undefined;
  claimedAt?: string | undefined;
  completedAt?: string | undefined;
}

export interface ClaimRequest {
  subscriptionId: number;
  period: string;
  marker: string;
  scheduledAt: string;
  coversSince?: string | undefined;
  coversUntil?: string | undefined;
  late: boolean;
}

/**
 * Every method returns a promise (the store may be a server shared by several processes). Times
 * a subscription records (`now`) are the caller's; the ledger's own times (claims, leases,
 * completions) are taken from the store's clock, and callers give lease durations, so every
 * process sharing one store agrees on when a lease runs out whatever its own clock says.
 */
export interface SubscriptionStore {
  /**
   * Subscribes the channel, or replaces its subscription of the same kind (keeping its id and
   * ledger, so a period already sent is not sent again), and unpauses it.
   */
  upsertSubscription(input: SubscriptionInput, now: string): Promise<Subscription>;
  /** Removes the channel's subscription of this kind; false when there was none. */
  removeSubscription(channel: ChannelKey, kind: SubscriptionKind, now: string): Promise<boolean>;
  getSubscription(id: number): Promise<Subscription | undefined>;
  /** A workspace's or guild's subscriptions of a kind, by channel. */
  listSubscriptions(platform: Platform, teamId: string, kind: SubscriptionKind): Promise<Subscription[]>;
  /** Every subscription that is not removed (paused ones included). */
  activeSubscriptions(kind: SubscriptionKind): Promise<Subscription[]>;
  pauseSubscription(id: number, reason: string, now: string): Promise<void>;
  setAlertCursor(id: number, cursor: string): Promise<void>;

  /** The ledger row with the greatest period, whatever its state. */
  latestLedgerRow(subscriptionId: number): Promise<LedgerRow | undefined>;
  /** The latest row that covered events (sent, or skipped as quiet): where the next digest starts. */
  lastCovered(subscriptionId: number): Promise<LedgerRow | undefined>;
  getLedgerRow(subscriptionId: number, period: string): Promise<LedgerRow | undefined>;
  ledger(subscriptionId: number): Promise<LedgerRow[]>;
  /**
   * Atomically claims (subscription, period) for `owner` for `leaseMs` from now (the store's
   * clock). Succeeds when no row exists, or when a claimed row's lease has expired (a crashed
   * sender): then the old row is returned with `resumed` so the caller checks the channel for its
   * marker before posting. Returns undefined when the period is done or someone else holds a
   * live claim.
   */
  claim(
    request: ClaimRequest,
    owner: string,
    leaseMs: number,
  ): Promise<{ row: LedgerRow; resumed: boolean } | undefined>;
  /** Extends a claim to `leaseMs` from now; false when `owner` no longer holds it. Counts an attempt. */
  renewClaim(rowId: number, owner: string, leaseMs: number): Promise<boolean>;
  complete(rowId: number, owner: string, messageId: string): Promise<boolean>;
  /** Ends a claim without a message: failed (errors) or skipped (too late, unsubscribed). */
  closeClaim(rowId: number, owner: string, state: 'failed' | 'skipped', note: string): Promise<boolean>;
  /** Records a period as skipped unless a row exists; true when recorded. */
  skip(request: ClaimRequest, note: string): Promise<boolean>;
  /** Claimed rows whose lease has expired by the store's clock: sends a crashed process left unfinished. */
  expiredClaims(): Promise<LedgerRow[]>;

  /**
   * True the first time `key` is given, false every later time within `ttlMs` (by the store's
   * clock), across every process on the store: a platform event delivered again (Slack retries
   * one it thinks was lost) is answered once. Keys older than `ttlMs` may be forgotten.
   */
  firstDelivery(key: string, ttlMs: number): Promise<boolean>;

  /** The language the user chose with /language set; undefined when none. */
  userLanguage(user: UserKey): Promise<Language | undefined>;
  /** Saves the user's language, or forgets it (undefined). */
  setUserLanguage(user: UserKey, language: Language | undefined, now: string): Promise<void>;
}
