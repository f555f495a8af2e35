/**
 * Subscription and ledger rows as SQLite stores them, and as the port gives them. Postgres returns
 * subscription rows of the same shape, so it maps them with the same `toSubscription`.
 */
import type { EventCategory } from '../core/schemas.ts';
import type {
  Language,
  LedgerRow,
  LedgerState,
  Platform,
  Subscription,
  SubscriptionKind,
} from '../core/subscription-port.ts';

export interface SubscriptionRecord {
  id: number;
  kind: SubscriptionKind;
  platform: Platform;
  team_id: string;
  channel_id: string;
  local_time: string | null;
  time_zone: string;
  language: string;
  place_id: string | null;
  category: string | null;
  created_by: string;
  created_at: string;
  active_since: string;
  removed_at: string | null;
  paused_at: string | null;
  paused_reason: string | null;
  alert_cursor: string | null;
}

export interface LedgerRecord {
  id: number;
  subscription_id: number;
  period: string;
  state: LedgerState;
  marker: string;
  scheduled_at: string;
  covers_since: string | null;
  covers_until: string | null;
  late: number;
  owner: string | null;
  lease_until: string | null;
  attempts: number;
  message_id: string | null;
  note: string | null;
  claimed_at: string | null;
  completed_at: string | null;
}

const opt = (v: string | null): string | undefined => v ?? undefined;

export function toSubscription(r: SubscriptionRecord): Subscription {
  return {
    id: r.id,
    kind: r.kind,
    platform: r.platform,
    teamId: r.team_id,
    channelId: r.channel_id,
    localTime: opt(r.local_time),
    timeZone: r.time_zone,
    language: r.language as Language,
    placeId: opt(r.place_id),
    category: opt(r.category) as EventCategory | undefined,
    createdBy: r.created_by,
    createdAt: r.created_at,
    activeSince: r.active_since,
    removedAt: opt(r.removed_at),
    paused: r.paused_at !== null,
    pausedAt: opt(r.paused_at),
    pausedReason: opt(r.paused_reason),
    alertCursor: opt(r.alert_cursor),
  };
}

export function toLedgerRow(r: LedgerRecord): LedgerRow {
  return {
    id: r.id,
    subscriptionId: r.subscription_id,
    period: r.period,
    state: r.state,
    marker: r.marker,
    scheduledAt: r.scheduled_at,
    coversSince: opt(r.covers_since),
    coversUntil: opt(r.covers_until),
    late: r.late === 1,
    owner: opt(r.owner),
    leaseUntil: opt(r.lease_until),
    attempts: r.attempts,
    messageId: opt(r.message_id),
    note: opt(r.note),
    claimedAt: opt(r.claimed_at),
    completedAt: opt(r.completed_at),
  };
}
