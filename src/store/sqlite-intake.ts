/**
 * The intake store on SQLite (tables from migrations 040-049). Claims and item recording run in
 * IMMEDIATE transactions, so two processes on one file take the write lock in turn: a source is
 * polled by one of them at a time, and an item becomes a lead once. Lease times come from the
 * clock given at open, so tests can set it.
 */
import type { Database } from 'better-sqlite3';
import type { IntakeStore, Lead, LeadDraft, LeadQuery, RecordedItems, Source } from '../core/intake-port.ts';
import { OPEN_LEAD_STATES } from '../core/intake-port.ts';
import { type KnownRows, type LeadRef, planItems } from './intake-plan.ts';
import { migrate } from './migrate.ts';
import { openDatabase } from './sqlite-database.ts';
import {
  alsoFromOf,
  type ItemRecord,
  type LeadRecord,
  type SourceRecord,
  toLead,
  toSource,
} from './sqlite-intake-rows.ts';

export interface SqliteIntakeOptions {
  busyTimeoutMs?: number | undefined;
  /** The clock leases are timed by; default the real one. */
  now?: (() => Date) | undefined;
  /** Only reads (an executor worker): a read-only connection, not migrated (the bot did that). */
  readOnly?: boolean | undefined;
}

/** The WHERE clause of a lead query, with its parameters. */
function leadsWhere(query: Omit<LeadQuery, 'limit'>): { sql: string; params: Array<string | number> } {
  const states = query.states ?? OPEN_LEAD_STATES;
  const clauses = [`state IN (${states.map(() => '?').join(', ')})`];
  const params: Array<string | number> = [...states];
  if (query.seenBefore !== undefined) {
    clauses.push('first_seen_at < ?');
    params.push(query.seenBefore);
  }
  if (query.olderThan !== undefined) {
    clauses.push('id < ?');
    params.push(query.olderThan);
  }
  if (query.newerThan !== undefined) {
    clauses.push('id > ?');
    params.push(query.newerThan);
  }
  return { sql: clauses.join(' AND '), params };
}

/** Opens its own connection to the store's file (migrated on open), as a second process would. */
export function openSqliteIntakeStore(path: string, options: SqliteIntakeOptions = {}): IntakeStore {
  const db = openDatabase(path, options.busyTimeoutMs ?? 5000, undefined, options.readOnly);
  try {
    if (!db.readonly) migrate(db);
    return createSqliteIntakeStore(db, options.now ?? (() => new Date()), () => db.close());
  } catch (err) {
    db.close();
    throw err;
  }
}

export function createSqliteIntakeStore(db: Database, clock: () => Date, close: () => void = () => {}): IntakeStore {
  const sourceById = db.prepare<[number], SourceRecord>('SELECT * FROM intake_sources WHERE id = ?');
  const liveByUrl = db.prepare<[string], SourceRecord>(
    'SELECT * FROM intake_sources WHERE url = ? AND removed_at IS NULL',
  );
  const insertSource = db.prepare<unknown[], SourceRecord>(
    `INSERT INTO intake_sources (url, kind, interval_seconds, added_by, added_at, next_poll_at)
     VALUES (?, ?, ?, ?, ?, ?) RETURNING *`,
  );
  const liveSources = db.prepare<[], SourceRecord>('SELECT * FROM intake_sources WHERE removed_at IS NULL ORDER BY id');
  const remove = db.prepare('UPDATE intake_sources SET removed_at = ? WHERE id = ? AND removed_at IS NULL');
  const pause = db.prepare(
    'UPDATE intake_sources SET paused_at = ?, paused_reason = ? WHERE id = ? AND removed_at IS NULL',
  );
  const resume = db.prepare(
    `UPDATE intake_sources SET paused_at = NULL, paused_reason = NULL, failures = 0, last_error = NULL, failing_since = NULL,
       next_poll_at = ? WHERE id = ? AND removed_at IS NULL`,
  );
  const due = db.prepare<[string, number], SourceRecord>(
    `SELECT * FROM intake_sources WHERE removed_at IS NULL AND paused_at IS NULL AND next_poll_at <= ?
     ORDER BY next_poll_at, id LIMIT ?`,
  );
  const lease = db.prepare('UPDATE intake_sources SET lease_owner = ?, lease_until = ? WHERE id = ?');
  const finish = db.prepare(
    `UPDATE intake_sources SET etag = @etag, last_modified = @lastModified, next_poll_at = @nextPollAt,
       failures = @failures, last_error = @lastError, last_polled_at = @lastPolledAt,
       last_delivered_at = @lastDeliveredAt, failing_since = @failingSince, cursor = @cursor, lease_owner = NULL, lease_until = NULL,
       paused_at = CASE WHEN @pauseReason IS NULL THEN paused_at ELSE @now END,
       paused_reason = COALESCE(@pauseReason, paused_reason)
     WHERE id = @id AND lease_owner = @owner`,
  );

  const itemOf = db.prepare<[number, string], ItemRecord>(
    'SELECT * FROM intake_items WHERE source_id = ? AND item_key = ?',
  );
  const leadById = db.prepare<[number], LeadRecord>('SELECT * FROM intake_leads WHERE id = ?');
  const leadByLink = db.prepare<[string], LeadRecord>('SELECT * FROM intake_leads WHERE link = ?');
  const leadByTitle = db.prepare<[string, string, string], LeadRecord>(
    'SELECT * FROM intake_leads WHERE title_key = ? AND story_at BETWEEN ? AND ? ORDER BY id LIMIT 1',
  );
  const insertLead = db.prepare<unknown[], LeadRecord>(
    `INSERT INTO intake_leads (state, link, title, summary, publisher, published_at, title_key, story_at, reading,
       source_id, item_key, first_seen_at, updated_at)
     VALUES ('new', @link, @title, @summary, @publisher, @publishedAt, @titleKey, @storyAt, @reading,
       @sourceId, @itemKey, @now, @now)
     RETURNING *`,
  );
  const editLead = db.prepare<unknown[], LeadRecord>(
    `UPDATE intake_leads SET title = @title, summary = @summary, published_at = @publishedAt, title_key = @titleKey,
       reading = @reading, revision = revision + 1, updated_at = @now
     WHERE id = @id RETURNING *`,
  );
  const insertItem = db.prepare(
    `INSERT INTO intake_items (source_id, item_key, lead_id, link, publisher, content_hash, first_seen_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const rehash = db.prepare('UPDATE intake_items SET content_hash = ? WHERE source_id = ? AND item_key = ?');
  const othersOf = db.prepare<[number], ItemRecord>('SELECT * FROM intake_items WHERE lead_id = ? ORDER BY rowid');
  const posted = db.prepare(`UPDATE intake_leads SET state = 'posted', posted_at = ? WHERE id = ? AND state = 'new'`);
  const decide = db.prepare<unknown[], LeadRecord>(
    `UPDATE intake_leads SET state = @state, decided_by = @by, decided_at = @now, event_id = @eventId, note = @note,
       updated_at = @now
     WHERE id = @id AND state IN ('new', 'posted') RETURNING *`,
  );

  const leadOf = (r: LeadRecord): Lead => toLead(r, alsoFromOf(r, othersOf.all(r.id)));

  const claim = db.transaction((id: number, owner: string, leaseMs: number, now: string, force: boolean) => {
    const row = sourceById.get(id);
    if (!row || row.removed_at !== null || row.paused_at !== null) return undefined;
    if (!force && row.next_poll_at > now) return undefined;
    const storeNow = clock();
    if (row.lease_owner !== null && row.lease_owner !== owner && (row.lease_until ?? '') > storeNow.toISOString())
      return undefined;
    lease.run(owner, new Date(storeNow.getTime() + leaseMs).toISOString(), id);
    return toSource(row);
  });

  const known: KnownRows = {
    item(sourceId, itemKey) {
      const row = itemOf.get(sourceId, itemKey);
      return row && { leadId: row.lead_id, contentHash: row.content_hash };
    },
    leadOrigin(leadId) {
      const row = leadById.get(leadId);
      return row && { sourceId: row.source_id, itemKey: row.item_key };
    },
    leadByLink: (link) => leadByLink.get(link)?.id,
    leadByTitle: (key, from, to) => leadByTitle.get(key, from, to)?.id,
  };

  const record = db.transaction((drafts: readonly LeadDraft[], now: string): RecordedItems => {
    const out: RecordedItems = { created: [], updated: [], joined: 0, unchanged: 0 };
    const createdIds: number[] = [];
    const idOf = (ref: LeadRef) => ('stored' in ref ? ref.stored : (createdIds[ref.created] as number));
    for (const step of planItems(drafts, now, known)) {
      if (step.kind === 'unchanged') out.unchanged++;
      else if (step.kind === 'rehash') {
        const d = step.draft;
        rehash.run(d.contentHash, d.sourceId, d.itemKey);
        const edited = step.edit && editLead.get({ ...step.edit.fields, id: idOf(step.edit.lead) });
        if (edited) out.updated.push(leadOf(edited));
        else out.unchanged++;
      } else if (step.kind === 'join') {
        const d = step.draft;
        insertItem.run(d.sourceId, d.itemKey, idOf(step.lead), d.link, d.publisher, d.contentHash, now);
        out.joined++;
      } else {
        const d = step.draft;
        const created = insertLead.get(step.fields);
        if (!created) throw new Error('intake: insert returned no lead');
        createdIds[step.index] = created.id;
        insertItem.run(d.sourceId, d.itemKey, created.id, d.link, d.publisher, d.contentHash, now);
      }
    }
    // As stored at the end: a new lead with the items that joined it in this batch.
    out.created = createdIds.map((id) => leadOf(leadById.get(id) as LeadRecord));
    return out;
  });

  return {
    async addSource(input, now) {
      return db
        .transaction(() => {
          const existing = liveByUrl.get(input.url);
          if (existing) return { source: toSource(existing), added: false };
          const row = insertSource.get(input.url, input.kind, input.intervalSeconds, input.addedBy, now, now);
          if (!row) throw new Error('intake: insert returned no source');
          return { source: toSource(row), added: true };
        })
        .immediate();
    },
    async getSource(id) {
      const row = sourceById.get(id);
      return row && row.removed_at === null ? toSource(row) : undefined;
    },
    async listSources() {
      return liveSources.all().map(toSource);
    },
    async removeSource(id, now) {
      return remove.run(now, id).changes === 1;
    },
    async pauseSource(id, reason, now) {
      return pause.run(now, reason, id).changes === 1;
    },
    async resumeSource(id, now) {
      return resume.run(now, id).changes === 1;
    },
    async dueSources(now, limit) {
      return due.all(now, limit).map(toSource);
    },
    async claimSource(id, owner, leaseMs, now, force = false): Promise<Source | undefined> {
      return claim.immediate(id, owner, leaseMs, now, force);
    },
    async finishPoll(id, owner, result, now) {
      return (
        finish.run({
          id,
          owner,
          now,
          etag: result.etag ?? null,
          lastModified: result.lastModified ?? null,
          nextPollAt: result.nextPollAt,
          failures: result.failures,
          lastError: result.lastError ?? null,
          lastPolledAt: result.lastPolledAt ?? null,
          lastDeliveredAt: result.lastDeliveredAt ?? null,
          failingSince: result.failingSince ?? null,
          cursor: result.cursor ?? null,
          pauseReason: result.pauseReason ?? null,
        }).changes === 1
      );
    },
    async recordItems(drafts, now) {
      return record.immediate(drafts, now);
    },
    async getLead(id) {
      const row = leadById.get(id);
      return row ? leadOf(row) : undefined;
    },
    async listLeads(query) {
      const where = leadsWhere(query);
      // Newer than a lead: the nearest ones, listed newest first as every page is.
      const sql =
        query.newerThan === undefined
          ? `SELECT * FROM intake_leads WHERE ${where.sql} ORDER BY id DESC LIMIT ?`
          : `SELECT * FROM (SELECT * FROM intake_leads WHERE ${where.sql} ORDER BY id LIMIT ?) ORDER BY id DESC`;
      const rows = db.prepare<unknown[], LeadRecord>(sql).all(...where.params, query.limit);
      return rows.map(leadOf);
    },
    async countLeads(query) {
      const where = leadsWhere(query);
      return (
        db
          .prepare<unknown[], { n: number }>(`SELECT count(*) AS n FROM intake_leads WHERE ${where.sql}`)
          .get(...where.params) as { n: number }
      ).n;
    },
    async markLeadPosted(id, now) {
      return posted.run(now, id).changes === 1;
    },
    async decideLead(id, decision, now) {
      const row = decide.get({
        id,
        now,
        state: decision.state,
        by: decision.by,
        eventId: decision.eventId ?? null,
        note: decision.note ?? null,
      });
      return row ? leadOf(row) : undefined;
    },
    async close() {
      close();
    },
  };
}
