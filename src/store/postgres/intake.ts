/**
 * The intake store on Postgres (migrations 040-041). A claim is one `UPDATE … RETURNING` on the
 * source's row, so of several hosts racing for a source exactly one gets it; its lease is timed
 * by the database's clock. Recording a poll's items holds a transaction lock, so processes record
 * in turn (as SQLite's write lock makes them) and a story is one lead; the rows a batch needs are
 * read with one statement each, the rules applied by the planner SQLite uses too
 * (src/store/intake-plan.ts), and the new rows written a statement per table.
 */
import type { IntakeStore, RecordedItems } from '../../core/intake-port.ts';
import { OPEN_LEAD_STATES } from '../../core/intake-port.ts';
import { planItems } from '../intake-plan.ts';
import { type LeadRecord, type SourceRecord, toSource } from '../sqlite-intake-rows.ts';
import type { Queryable, Sql } from './connection.ts';
import { knownRows, leadsOf, writeSteps } from './intake-items.ts';

/** Any constant: the advisory lock recording items holds until its transaction ends. */
export const INTAKE_RECORD_LOCK = 0x51_7e_00_03;

type PgSourceRecord = Omit<SourceRecord, 'lease_until'> & { lease_until: Date | null };

const leaseOf = (ms: number) => {
  if (!Number.isFinite(ms) || ms < 0) throw new Error(`a lease is a number of milliseconds, got ${ms}`);
  return Math.round(ms);
};

/**
 * The store on `pool`. Leases come from the database's `now()`, or from `clock` when one is
 * given (tests move it by hand).
 */
export function createPostgresIntakeStore(pool: Sql, clock?: () => Date): IntakeStore {
  /** A parameter that is null on the database's clock: statements read it as `coalesce($n, now())`. */
  const at = () => (clock ? clock().toISOString() : null);
  const snapshot = <T>(fn: (tx: Queryable) => Promise<T>): Promise<T> =>
    pool.begin('isolation level repeatable read read only', fn) as Promise<T>;

  return {
    async addSource(input, now) {
      const [existing] = await pool<PgSourceRecord[]>`SELECT * FROM intake_sources
        WHERE url = ${input.url} AND removed_at IS NULL`;
      if (existing) return { source: toSource(existing), added: false };
      const [row] = await pool<PgSourceRecord[]>`INSERT INTO intake_sources
          (url, kind, interval_seconds, added_by, added_at, next_poll_at)
        VALUES (${input.url}, ${input.kind}, ${input.intervalSeconds}, ${input.addedBy}, ${now}, ${now})
        ON CONFLICT (url) WHERE removed_at IS NULL DO NOTHING RETURNING *`;
      if (row) return { source: toSource(row), added: true };
      // Another process added it between the two statements.
      const [theirs] = await pool<PgSourceRecord[]>`SELECT * FROM intake_sources
        WHERE url = ${input.url} AND removed_at IS NULL`;
      if (!theirs) throw new Error('intake: a source was added and removed at once');
      return { source: toSource(theirs), added: false };
    },
    async getSource(id) {
      const [row] = await pool<PgSourceRecord[]>`SELECT * FROM intake_sources WHERE id = ${id} AND removed_at IS NULL`;
      return row ? toSource(row) : undefined;
    },
    async listSources() {
      const rows = await pool<PgSourceRecord[]>`SELECT * FROM intake_sources WHERE removed_at IS NULL ORDER BY id`;
      return rows.map(toSource);
    },
    async removeSource(id, now) {
      const rows = await pool`UPDATE intake_sources SET removed_at = ${now}
        WHERE id = ${id} AND removed_at IS NULL RETURNING id`;
      return rows.length === 1;
    },
    async pauseSource(id, reason, now) {
      const rows = await pool`UPDATE intake_sources SET paused_at = ${now}, paused_reason = ${reason}
        WHERE id = ${id} AND removed_at IS NULL RETURNING id`;
      return rows.length === 1;
    },
    async resumeSource(id, now) {
      const rows = await pool`UPDATE intake_sources SET paused_at = NULL, paused_reason = NULL, failures = 0,
          last_error = NULL, failing_since = NULL, next_poll_at = ${now}
        WHERE id = ${id} AND removed_at IS NULL RETURNING id`;
      return rows.length === 1;
    },
    async dueSources(now, limit) {
      const rows = await pool<PgSourceRecord[]>`SELECT * FROM intake_sources
        WHERE removed_at IS NULL AND paused_at IS NULL AND next_poll_at <= ${now}
        ORDER BY next_poll_at, id LIMIT ${limit}`;
      return rows.map(toSource);
    },
    async claimSource(id, owner, leaseMs, now, force = false) {
      const t = at();
      // The row lock lets one of several racing hosts through; the others see its lease.
      const [row] = await pool<PgSourceRecord[]>`UPDATE intake_sources
        SET lease_owner = ${owner},
          lease_until = coalesce(${t}::timestamptz, now()) + ${leaseOf(leaseMs)}::int * interval '1 millisecond'
        WHERE id = ${id} AND removed_at IS NULL AND paused_at IS NULL
          AND (${force}::boolean OR next_poll_at <= ${now})
          AND (lease_owner IS NULL OR lease_owner = ${owner} OR lease_until <= coalesce(${t}::timestamptz, now()))
        RETURNING *`;
      return row ? toSource(row) : undefined;
    },
    async finishPoll(id, owner, result, now) {
      const pauseReason = result.pauseReason ?? null;
      const rows = await pool`UPDATE intake_sources SET etag = ${result.etag ?? null},
          last_modified = ${result.lastModified ?? null}, next_poll_at = ${result.nextPollAt},
          failures = ${result.failures}, last_error = ${result.lastError ?? null},
          last_polled_at = ${result.lastPolledAt ?? null}, last_delivered_at = ${result.lastDeliveredAt ?? null},
          failing_since = ${result.failingSince ?? null},
          cursor = ${result.cursor ?? null}, lease_owner = NULL, lease_until = NULL,
          paused_at = CASE WHEN ${pauseReason}::text IS NULL THEN paused_at ELSE ${now} END,
          paused_reason = coalesce(${pauseReason}::text, paused_reason)
        WHERE id = ${id} AND lease_owner = ${owner} RETURNING id`;
      return rows.length === 1;
    },
    async recordItems(drafts, now) {
      if (drafts.length === 0) return { created: [], updated: [], joined: 0, unchanged: 0 };
      return (await pool.begin(async (tx) => {
        await tx`SELECT pg_advisory_xact_lock(${INTAKE_RECORD_LOCK})`;
        const known = await knownRows(tx, drafts);
        return writeSteps(tx, planItems(drafts, now, known), now);
      })) as RecordedItems;
    },
    // A lead and its items are read in one snapshot, so a story joined meanwhile is in both or neither.
    getLead: (id) =>
      snapshot(async (tx) => {
        const rows = await tx<LeadRecord[]>`SELECT * FROM intake_leads WHERE id = ${id}`;
        return (await leadsOf(tx, rows))[0];
      }),
    listLeads(query) {
      const states = [...(query.states ?? OPEN_LEAD_STATES)];
      const before = query.seenBefore ?? null;
      const older = query.olderThan ?? null;
      const newer = query.newerThan ?? null;
      return snapshot(async (tx) => {
        // Newer than a lead: the nearest ones, listed newest first as every page is.
        const rows = await tx<LeadRecord[]>`SELECT * FROM (SELECT * FROM intake_leads
          WHERE state = ANY(${states}::text[]) AND (${before}::text IS NULL OR first_seen_at < ${before}::text)
            AND (${older}::bigint IS NULL OR id < ${older}::bigint) AND (${newer}::bigint IS NULL OR id > ${newer}::bigint)
          ORDER BY CASE WHEN ${newer}::bigint IS NULL THEN -id ELSE id END LIMIT ${query.limit}) page
          ORDER BY id DESC`;
        return leadsOf(tx, rows);
      });
    },
    async countLeads(query) {
      const states = [...(query.states ?? OPEN_LEAD_STATES)];
      const before = query.seenBefore ?? null;
      const [row] = await pool<{ n: number }[]>`SELECT count(*)::int AS n FROM intake_leads
        WHERE state = ANY(${states}::text[]) AND (${before}::text IS NULL OR first_seen_at < ${before}::text)`;
      return row?.n ?? 0;
    },
    async markLeadPosted(id, now) {
      const rows = await pool`UPDATE intake_leads SET state = 'posted', posted_at = ${now}
        WHERE id = ${id} AND state = 'new' RETURNING id`;
      return rows.length === 1;
    },
    async decideLead(id, decision, now) {
      const rows = await pool<
        LeadRecord[]
      >`UPDATE intake_leads SET state = ${decision.state}, decided_by = ${decision.by},
          decided_at = ${now}, event_id = ${decision.eventId ?? null}, note = ${decision.note ?? null}, updated_at = ${now}
        WHERE id = ${id} AND state IN ('new', 'posted') RETURNING *`;
      return (await leadsOf(pool, rows))[0];
    },
    async close() {
      await pool.end();
    },
  };
}
