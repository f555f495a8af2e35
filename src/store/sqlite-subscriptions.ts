/**
 * Subscriptions, the send ledger and the delivered-event keys on the store's SQLite database
 * (tables from migrations 010-019). Every claim runs in an IMMEDIATE transaction, so two
 * processes on one file take the write lock in turn and only one of them gets a period. Lease
 * times come from the clock given at open, so tests can set it.
 */
import type { Database } from 'better-sqlite3';
import { isLanguage } from '../core/i18n/language.ts';
import type {
  ChannelKey,
  ClaimRequest,
  LedgerRow,
  Subscription,
  SubscriptionInput,
  SubscriptionKind,
  SubscriptionStore,
} from '../core/subscription-port.ts';
import { asynchronous, createSqliteConnection, type SqliteConnection, type Synchronous } from './sqlite-connection.ts';
import { openMigratedDatabase } from './sqlite-database.ts';
import { type LedgerRecord, type SubscriptionRecord, toLedgerRow, toSubscription } from './sqlite-subscription-rows.ts';

export interface SqliteSubscriptionStore extends SubscriptionStore {
  close(): Promise<void>;
}

export interface SqliteSubscriptionOptions {
  /** Milliseconds to wait for another process's write lock; default 5000. */
  busyTimeoutMs?: number | undefined;
  /** The clock claims and leases are timed by; default the real one. */
  now?: (() => Date) | undefined;
}

/**
 * Opens its own connection to the store's file (same file, same migrations, so one process or
 * several share one record). `path` must be a file: ':memory:' would be a separate database.
 */
export function openSqliteSubscriptionStore(
  path: string,
  options: SqliteSubscriptionOptions = {},
): SqliteSubscriptionStore {
  const connection = createSqliteConnection(openMigratedDatabase(path, options.busyTimeoutMs ?? 5000));
  return {
    ...createSqliteSubscriptionStore(connection, options.now),
    async close() {
      connection.close();
    },
  };
}

/** The subscription store on a migrated connection (src/store/migrate.ts). */
export function createSqliteSubscriptionStore(
  connection: SqliteConnection,
  now: () => Date = () => new Date(),
): SubscriptionStore {
  return asynchronous(createSyncSubscriptionStore(connection.db, now), connection.run);
}

function createSyncSubscriptionStore(db: Database, clock: () => Date): Synchronous<SubscriptionStore> {
  const nowIso = () => clock().toISOString();
  const inMs = (ms: number) => new Date(clock().getTime() + ms).toISOString();
  const upsert = db.prepare<unknown[], SubscriptionRecord>(`
    INSERT INTO subscriptions (kind, platform, team_id, channel_id, local_time, time_zone, language,
      place_id, category, created_by, created_at, active_since)
    VALUES (@kind, @platform, @teamId, @channelId, @localTime, @timeZone, @language,
      @placeId, @category, @createdBy, @now, @now)
    ON CONFLICT (platform, team_id, channel_id, kind) DO UPDATE SET
      local_time = excluded.local_time, time_zone = excluded.time_zone, language = excluded.language,
      place_id = excluded.place_id, category = excluded.category, created_by = excluded.created_by,
      active_since = excluded.active_since, removed_at = NULL, paused_at = NULL, paused_reason = NULL,
      alert_cursor = NULL
    RETURNING *`);
  const remove = db.prepare(
    `UPDATE subscriptions SET removed_at = ? WHERE platform = ? AND team_id = ? AND channel_id = ? AND kind = ?
     AND removed_at IS NULL`,
  );
  const byId = db.prepare<[number], SubscriptionRecord>('SELECT * FROM subscriptions WHERE id = ?');
  const byTeam = db.prepare<[string, string, string], SubscriptionRecord>(
    `SELECT * FROM subscriptions WHERE platform = ? AND team_id = ? AND kind = ? AND removed_at IS NULL
     ORDER BY channel_id`,
  );
  const active = db.prepare<[string], SubscriptionRecord>(
    'SELECT * FROM subscriptions WHERE kind = ? AND removed_at IS NULL ORDER BY id',
  );
  const pause = db.prepare('UPDATE subscriptions SET paused_at = ?, paused_reason = ? WHERE id = ?');
  const cursor = db.prepare('UPDATE subscriptions SET alert_cursor = ? WHERE id = ?');

  const latest = db.prepare<[number], LedgerRecord>(
    'SELECT * FROM send_ledger WHERE subscription_id = ? ORDER BY period DESC LIMIT 1',
  );
  const covered = db.prepare<[number], LedgerRecord>(
    `SELECT * FROM send_ledger WHERE subscription_id = ? AND covers_until IS NOT NULL
     AND (state = 'sent' OR state = 'skipped') ORDER BY covers_until DESC LIMIT 1`,
  );
  const row = db.prepare<[number, string], LedgerRecord>(
    'SELECT * FROM send_ledger WHERE subscription_id = ? AND period = ?',
  );
  const rowById = db.prepare<[number], LedgerRecord>('SELECT * FROM send_ledger WHERE id = ?');
  const all = db.prepare<[number], LedgerRecord>('SELECT * FROM send_ledger WHERE subscription_id = ? ORDER BY id');
  const insert = db.prepare(`
    INSERT INTO send_ledger (subscription_id, period, state, marker, scheduled_at, covers_since, covers_until,
      late, owner, lease_until, note, claimed_at, completed_at)
    VALUES (@subscriptionId, @period, @state, @marker, @scheduledAt, @coversSince, @coversUntil,
      @late, @owner, @leaseUntil, @note, @claimedAt, @completedAt)
    ON CONFLICT (subscription_id, period) DO NOTHING`);
  const takeOver = db.prepare(
    `UPDATE send_ledger SET owner = ?, lease_until = ?, claimed_at = ?
     WHERE id = ? AND state = 'claimed' AND lease_until <= ?`,
  );
  const renew = db.prepare(
    `UPDATE send_ledger SET lease_until = ?, attempts = attempts + 1
     WHERE id = ? AND owner = ? AND state = 'claimed'`,
  );
  const completeRow = db.prepare(
    `UPDATE send_ledger SET state = 'sent', message_id = ?, completed_at = ?, lease_until = NULL
     WHERE id = ? AND owner = ? AND state = 'claimed'`,
  );
  const closeRow = db.prepare(
    `UPDATE send_ledger SET state = ?, note = ?, completed_at = ?, lease_until = NULL,
       covers_since = NULL, covers_until = NULL
     WHERE id = ? AND owner = ? AND state = 'claimed'`,
  );
  const expired = db.prepare<[string], LedgerRecord>(
    `SELECT * FROM send_ledger WHERE state = 'claimed' AND lease_until <= ? ORDER BY id`,
  );

  const insertRow = (req: ClaimRequest, fields: Record<string, unknown>): boolean =>
    insert.run({
      subscriptionId: req.subscriptionId,
      period: req.period,
      marker: req.marker,
      scheduledAt: req.scheduledAt,
      coversSince: req.coversSince ?? null,
      coversUntil: req.coversUntil ?? null,
      late: req.late ? 1 : 0,
      owner: null,
      leaseUntil: null,
      note: null,
      claimedAt: null,
      completedAt: null,
      ...fields,
    }).changes === 1;

  const forgetDeliveries = db.prepare('DELETE FROM delivered_events WHERE delivered_at < ?');
  const recordDelivery = db.prepare(
    'INSERT INTO delivered_events (key, delivered_at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING',
  );
  const firstDelivery = db.transaction((key: string, now: string, forgetBefore: string): boolean => {
    forgetDeliveries.run(forgetBefore);
    return recordDelivery.run(key, now).changes === 1;
  });

  const userLanguage = db.prepare<unknown[], { language: string }>(
    'SELECT language FROM user_languages WHERE platform = ? AND team_id = ? AND user_id = ?',
  );
  const setUserLanguage = db.prepare(
    `INSERT INTO user_languages (platform, team_id, user_id, language, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (platform, team_id, user_id) DO UPDATE SET language = excluded.language, updated_at = excluded.updated_at`,
  );
  const forgetUserLanguage = db.prepare(
    'DELETE FROM user_languages WHERE platform = ? AND team_id = ? AND user_id = ?',
  );

  const claim = db.transaction(
    (
      req: ClaimRequest,
      owner: string,
      now: string,
      leaseUntil: string,
    ): { row: LedgerRow; resumed: boolean } | undefined => {
      const existing = row.get(req.subscriptionId, req.period);
      if (!existing) {
        insertRow(req, { state: 'claimed', owner, leaseUntil, claimedAt: now });
        const created = row.get(req.subscriptionId, req.period);
        return created ? { row: toLedgerRow(created), resumed: false } : undefined;
      }
      if (existing.state !== 'claimed' || existing.lease_until === null || existing.lease_until > now) return undefined;
      if (takeOver.run(owner, leaseUntil, now, existing.id, now).changes !== 1) return undefined;
      const taken = rowById.get(existing.id);
      return taken ? { row: toLedgerRow(taken), resumed: true } : undefined;
    },
  );

  return {
    upsertSubscription(input: SubscriptionInput, now: string): Subscription {
      const record = upsert.get({
        kind: input.kind,
        platform: input.platform,
        teamId: input.teamId,
        channelId: input.channelId,
        localTime: input.localTime ?? null,
        timeZone: input.timeZone,
        language: input.language,
        placeId: input.placeId ?? null,
        category: input.category ?? null,
        createdBy: input.createdBy,
        now,
      });
      if (!record) throw new Error('subscriptions: upsert returned no row');
      return toSubscription(record);
    },
    removeSubscription(channel: ChannelKey, kind: SubscriptionKind, now: string): boolean {
      return remove.run(now, channel.platform, channel.teamId, channel.channelId, kind).changes === 1;
    },
    getSubscription(id: number) {
      const r = byId.get(id);
      return r ? toSubscription(r) : undefined;
    },
    listSubscriptions(platform, teamId, kind) {
      return byTeam.all(platform, teamId, kind).map(toSubscription);
    },
    activeSubscriptions(kind) {
      return active.all(kind).map(toSubscription);
    },
    pauseSubscription(id, reason, now) {
      pause.run(now, reason, id);
    },
    setAlertCursor(id, at) {
      cursor.run(at, id);
    },
    latestLedgerRow(subscriptionId) {
      const r = latest.get(subscriptionId);
      return r ? toLedgerRow(r) : undefined;
    },
    lastCovered(subscriptionId) {
      const r = covered.get(subscriptionId);
      return r ? toLedgerRow(r) : undefined;
    },
    getLedgerRow(subscriptionId, period) {
      const r = row.get(subscriptionId, period);
      return r ? toLedgerRow(r) : undefined;
    },
    ledger(subscriptionId) {
      return all.all(subscriptionId).map(toLedgerRow);
    },
    claim(request, owner, leaseMs) {
      return claim.immediate(request, owner, nowIso(), inMs(leaseMs));
    },
    renewClaim(rowId, owner, leaseMs) {
      return renew.run(inMs(leaseMs), rowId, owner).changes === 1;
    },
    complete(rowId, owner, messageId) {
      return completeRow.run(messageId, nowIso(), rowId, owner).changes === 1;
    },
    closeClaim(rowId, owner, state, note) {
      return closeRow.run(state, note, nowIso(), rowId, owner).changes === 1;
    },
    skip(request, note) {
      return insertRow(request, { state: 'skipped', note, completedAt: nowIso() });
    },
    expiredClaims() {
      return expired.all(nowIso()).map(toLedgerRow);
    },
    firstDelivery(key, ttlMs) {
      return firstDelivery.immediate(key, nowIso(), inMs(-ttlMs));
    },
    userLanguage(user) {
      const found = userLanguage.get(user.platform, user.teamId, user.userId)?.language;
      return isLanguage(found) ? found : undefined;
    },
    setUserLanguage(user, language, now) {
      if (language) setUserLanguage.run(user.platform, user.teamId, user.userId, language, now);
      else forgetUserLanguage.run(user.platform, user.teamId, user.userId);
    },
  };
}
