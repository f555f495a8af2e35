/**
 * Subscriptions, the send ledger and the delivered-event keys on Postgres. A claim is one
 * `INSERT … ON CONFLICT DO NOTHING RETURNING`, or, for a claim whose lease ran out, one
 * `UPDATE … WHERE lease_until <= now() RETURNING`: Postgres locks the row, so of several hosts
 * racing for a period exactly one gets a row back. Leases, claims and completions are timed by
 * the database's clock, so hosts whose clocks differ still agree on when a lease has run out.
 */
import { isLanguage } from '../../core/i18n/language.ts';
import type { ClaimRequest, LedgerRow, LedgerState, SubscriptionStore } from '../../core/subscription-port.ts';
import { type SubscriptionRecord, toSubscription } from '../sqlite-subscription-rows.ts';
import type { Queryable } from './connection.ts';

interface LedgerRecord {
  id: number;
  subscription_id: number;
  period: string;
  state: LedgerState;
  marker: string;
  scheduled_at: string;
  covers_since: string | null;
  covers_until: string | null;
  late: boolean;
  owner: string | null;
  lease_until: Date | null;
  attempts: number;
  message_id: string | null;
  note: string | null;
  claimed_at: Date | null;
  completed_at: Date | null;
}

const opt = (v: string | null): string | undefined => v ?? undefined;
const time = (v: Date | null): string | undefined => v?.toISOString();

function toLedgerRow(r: LedgerRecord): LedgerRow {
  return {
    id: r.id,
    subscriptionId: r.subscription_id,
    period: r.period,
    state: r.state,
    marker: r.marker,
    scheduledAt: r.scheduled_at,
    coversSince: opt(r.covers_since),
    coversUntil: opt(r.covers_until),
    late: r.late,
    owner: opt(r.owner),
    leaseUntil: time(r.lease_until),
    attempts: r.attempts,
    messageId: opt(r.message_id),
    note: opt(r.note),
    claimedAt: time(r.claimed_at),
    completedAt: time(r.completed_at),
  };
}

const leaseOf = (ms: number) => {
  if (!Number.isFinite(ms) || ms < 0) throw new Error(`a lease is a number of milliseconds, got ${ms}`);
  return Math.round(ms);
};

/**
 * The store on `sql`. Its ledger times come from the database's `now()`, or from `clock` when
 * one is given (tests move it by hand); every statement takes the time once, as a parameter.
 */
export function createPostgresSubscriptionStore(sql: Queryable, clock?: () => Date): SubscriptionStore {
  /** A parameter that is null on the database's clock: statements read it as `coalesce($n, now())`. */
  const at = () => (clock ? clock().toISOString() : null);
  const ledgerRow = async (rows: Promise<LedgerRecord[]>) => {
    const [r] = await rows;
    return r ? toLedgerRow(r) : undefined;
  };
  const insertRow = (
    req: ClaimRequest,
    state: 'claimed' | 'skipped',
    owner: string | null,
    leaseMs: number | null,
    note: string | null,
  ) => {
    const t = at();
    return sql<
      LedgerRecord[]
    >`INSERT INTO send_ledger (subscription_id, period, state, marker, scheduled_at, covers_since,
        covers_until, late, owner, lease_until, note, claimed_at, completed_at)
      VALUES (${req.subscriptionId}, ${req.period}, ${state}, ${req.marker}, ${req.scheduledAt}, ${req.coversSince ?? null},
        ${req.coversUntil ?? null}, ${req.late}, ${owner},
        ${leaseMs}::int * interval '1 millisecond' + coalesce(${t}::timestamptz, now()), ${note},
        CASE WHEN ${state}::text = 'claimed' THEN coalesce(${t}::timestamptz, now()) END,
        CASE WHEN ${state}::text = 'skipped' THEN coalesce(${t}::timestamptz, now()) END)
      ON CONFLICT (subscription_id, period) DO NOTHING
      RETURNING *`;
  };

  return {
    async upsertSubscription(input, now) {
      // An update first, so that subscribing again takes no new id (an upsert would use one up).
      const [record] = await sql<SubscriptionRecord[]>`WITH v AS (
          SELECT ${input.kind}::text AS kind, ${input.platform}::text AS platform, ${input.teamId}::text AS team_id,
            ${input.channelId}::text AS channel_id, ${input.localTime ?? null}::text AS local_time,
            ${input.timeZone}::text AS time_zone, ${input.language}::text AS language,
            ${input.placeId ?? null}::text AS place_id, ${input.category ?? null}::text AS category,
            ${input.createdBy}::text AS created_by, ${now}::text AS now
        ), updated AS (
          UPDATE subscriptions s SET local_time = v.local_time, time_zone = v.time_zone, language = v.language,
            place_id = v.place_id, category = v.category, created_by = v.created_by, active_since = v.now,
            removed_at = NULL, paused_at = NULL, paused_reason = NULL, alert_cursor = NULL
          FROM v WHERE s.platform = v.platform AND s.team_id = v.team_id AND s.channel_id = v.channel_id AND s.kind = v.kind
          RETURNING s.*
        ), inserted AS (
          INSERT INTO subscriptions (kind, platform, team_id, channel_id, local_time, time_zone, language, place_id,
            category, created_by, created_at, active_since)
          SELECT kind, platform, team_id, channel_id, local_time, time_zone, language, place_id, category, created_by,
            now, now
          FROM v WHERE NOT EXISTS (SELECT 1 FROM updated)
          ON CONFLICT (platform, team_id, channel_id, kind) DO UPDATE SET
            local_time = excluded.local_time, time_zone = excluded.time_zone, language = excluded.language,
            place_id = excluded.place_id, category = excluded.category, created_by = excluded.created_by,
            active_since = excluded.active_since, removed_at = NULL, paused_at = NULL, paused_reason = NULL,
            alert_cursor = NULL
          RETURNING *
        )
        SELECT * FROM updated UNION ALL SELECT * FROM inserted`;
      if (!record) throw new Error('subscriptions: upsert returned no row');
      return toSubscription(record);
    },
    async removeSubscription(channel, kind, now) {
      const rows = await sql`UPDATE subscriptions SET removed_at = ${now} WHERE platform = ${channel.platform}
        AND team_id = ${channel.teamId} AND channel_id = ${channel.channelId} AND kind = ${kind} AND removed_at IS NULL
        RETURNING id`;
      return rows.length === 1;
    },
    async getSubscription(id) {
      const [r] = await sql<SubscriptionRecord[]>`SELECT * FROM subscriptions WHERE id = ${id}`;
      return r ? toSubscription(r) : undefined;
    },
    async listSubscriptions(platform, teamId, kind) {
      const rows = await sql<SubscriptionRecord[]>`SELECT * FROM subscriptions WHERE platform = ${platform}
        AND team_id = ${teamId} AND kind = ${kind} AND removed_at IS NULL ORDER BY channel_id`;
      return rows.map(toSubscription);
    },
    async activeSubscriptions(kind) {
      const rows = await sql<SubscriptionRecord[]>`SELECT * FROM subscriptions WHERE kind = ${kind}
        AND removed_at IS NULL ORDER BY id`;
      return rows.map(toSubscription);
    },
    async pauseSubscription(id, reason, now) {
      await sql`UPDATE subscriptions SET paused_at = ${now}, paused_reason = ${reason} WHERE id = ${id}`;
    },
    async setAlertCursor(id, cursor) {
      await sql`UPDATE subscriptions SET alert_cursor = ${cursor} WHERE id = ${id}`;
    },
    latestLedgerRow: (subscriptionId) =>
      ledgerRow(sql<LedgerRecord[]>`SELECT * FROM send_ledger WHERE subscription_id = ${subscriptionId}
        ORDER BY period DESC LIMIT 1`),
    lastCovered: (subscriptionId) =>
      ledgerRow(sql<LedgerRecord[]>`SELECT * FROM send_ledger WHERE subscription_id = ${subscriptionId}
        AND covers_until IS NOT NULL AND state IN ('sent', 'skipped') ORDER BY covers_until DESC LIMIT 1`),
    getLedgerRow: (subscriptionId, period) =>
      ledgerRow(sql<LedgerRecord[]>`SELECT * FROM send_ledger WHERE subscription_id = ${subscriptionId}
        AND period = ${period}`),
    async ledger(subscriptionId) {
      const rows = await sql<
        LedgerRecord[]
      >`SELECT * FROM send_ledger WHERE subscription_id = ${subscriptionId} ORDER BY id`;
      return rows.map(toLedgerRow);
    },
    async claim(request, owner, leaseMs) {
      const t = at();
      const ms = leaseOf(leaseMs);
      const [created] = await insertRow(request, 'claimed', owner, ms, null);
      if (created) return { row: toLedgerRow(created), resumed: false };
      // A claim whose lease ran out: its sender died. The row lock lets one taker through.
      const [taken] = await sql<LedgerRecord[]>`UPDATE send_ledger
        SET owner = ${owner}, lease_until = coalesce(${t}::timestamptz, now()) + ${ms}::int * interval '1 millisecond', claimed_at = coalesce(${t}::timestamptz, now())
        WHERE subscription_id = ${request.subscriptionId} AND period = ${request.period} AND state = 'claimed'
          AND lease_until <= coalesce(${t}::timestamptz, now())
        RETURNING *`;
      return taken ? { row: toLedgerRow(taken), resumed: true } : undefined;
    },
    async renewClaim(rowId, owner, leaseMs) {
      const t = at();
      const rows = await sql`UPDATE send_ledger
        SET lease_until = coalesce(${t}::timestamptz, now()) + ${leaseOf(leaseMs)}::int * interval '1 millisecond', attempts = attempts + 1
        WHERE id = ${rowId} AND owner = ${owner} AND state = 'claimed' RETURNING id`;
      return rows.length === 1;
    },
    async complete(rowId, owner, messageId) {
      const t = at();
      const rows =
        await sql`UPDATE send_ledger SET state = 'sent', message_id = ${messageId}, completed_at = coalesce(${t}::timestamptz, now()),
          lease_until = NULL
        WHERE id = ${rowId} AND owner = ${owner} AND state = 'claimed' RETURNING id`;
      return rows.length === 1;
    },
    async closeClaim(rowId, owner, state, note) {
      const t = at();
      const rows =
        await sql`UPDATE send_ledger SET state = ${state}, note = ${note}, completed_at = coalesce(${t}::timestamptz, now()),
          lease_until = NULL, covers_since = NULL, covers_until = NULL
        WHERE id = ${rowId} AND owner = ${owner} AND state = 'claimed' RETURNING id`;
      return rows.length === 1;
    },
    async skip(request, note) {
      return (await insertRow(request, 'skipped', null, null, note)).length === 1;
    },
    async expiredClaims() {
      const t = at();
      const rows = await sql<
        LedgerRecord[]
      >`SELECT * FROM send_ledger WHERE state = 'claimed' AND lease_until <= coalesce(${t}::timestamptz, now())
        ORDER BY id`;
      return rows.map(toLedgerRow);
    },
    async firstDelivery(key, ttlMs) {
      const t = at();
      const ttl = leaseOf(ttlMs);
      // A key seen within the window is kept as it is (no row comes back); one seen longer ago counts as new.
      const rows = await sql`WITH forgotten AS (
          DELETE FROM delivered_events WHERE delivered_at < coalesce(${t}::timestamptz, now()) - ${ttl}::int * interval '1 millisecond' AND key <> ${key}
        )
        INSERT INTO delivered_events (key, delivered_at) VALUES (${key}, coalesce(${t}::timestamptz, now()))
        ON CONFLICT (key) DO UPDATE SET delivered_at = coalesce(${t}::timestamptz, now())
          WHERE delivered_events.delivered_at < coalesce(${t}::timestamptz, now()) - ${ttl}::int * interval '1 millisecond'
        RETURNING key`;
      return rows.length === 1;
    },
    async userLanguage(user) {
      const rows = await sql<{ language: string }[]>`SELECT language FROM user_languages
        WHERE platform = ${user.platform} AND team_id = ${user.teamId} AND user_id = ${user.userId}`;
      const found = rows[0]?.language;
      return isLanguage(found) ? found : undefined;
    },
    async setUserLanguage(user, language, now) {
      if (language)
        await sql`INSERT INTO user_languages (platform, team_id, user_id, language, updated_at)
          VALUES (${user.platform}, ${user.teamId}, ${user.userId}, ${language}, ${now})
          ON CONFLICT (platform, team_id, user_id) DO UPDATE SET language = excluded.language, updated_at = excluded.updated_at`;
      else
        await sql`DELETE FROM user_languages
          WHERE platform = ${user.platform} AND team_id = ${user.teamId} AND user_id = ${user.userId}`;
    },
  };
}
