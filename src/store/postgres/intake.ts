/**
 * The intake store on Postgres (migrations 040-041). A claim is one `UPDATE … RETURNING` on the
 * source's row, so of several hosts racing for a source exactly one gets it; its lease is timed
 * by the database's clock. Recording a poll's items holds a transaction lock, so processes record
 * in turn (as SQLite's write lock makes them) and a story is one lead; the rows a batch needs are
 * read with one statement each, the rules applied by the planner SQLite uses too
 * (src/store/intake-plan.ts), and the new rows written a statement per table.
 */
import type { IntakeStore, Lead, LeadDraft, RecordedItems } from '../../core/intake-port.ts';
import { OPEN_LEAD_STATES } from '../../core/intake-port.ts';
import { type ItemStep, type KnownRows, type LeadRef, planItems } from '../intake-plan.ts';
import {
  alsoFromOf,
  type ItemRecord,
  type LeadRecord,
  type SourceRecord,
  toLead,
  toSource,
} from '../sqlite-intake-rows.ts';
import type { Queryable, Sql } from './connection.ts';

/** Any constant: the advisory lock recording items holds until its transaction ends. */
export const INTAKE_RECORD_LOCK = 0x51_7e_00_03;

type PgSourceRecord = Omit<SourceRecord, 'lease_until'> & { lease_until: Date | null };

const leaseOf = (ms: number) => {
  if (!Number.isFinite(ms) || ms < 0) throw new Error(`a lease is a number of milliseconds, got ${ms}`);
  return Math.round(ms);
};

/** The leads of `rows`, each with the other sources that carried it (one statement for all). */
async function leadsOf(sql: Queryable, rows: readonly LeadRecord[]): Promise<Lead[]> {
  if (rows.length === 0) return [];
  const items = await sql<
    ItemRecord[]
  >`SELECT * FROM intake_items WHERE lead_id = ANY(${rows.map((r) => r.id)}::bigint[])
    ORDER BY lead_id, seq`;
  const byLead = new Map<number, ItemRecord[]>();
  for (const item of items) byLead.set(item.lead_id, [...(byLead.get(item.lead_id) ?? []), item]);
  return rows.map((r) => toLead(r, alsoFromOf(r, byLead.get(r.id) ?? [])));
}

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
          last_error = NULL, next_poll_at = ${now}
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
      return snapshot(async (tx) => {
        const rows = await tx<LeadRecord[]>`SELECT * FROM intake_leads WHERE state = ANY(${states}::text[])
          ORDER BY id DESC LIMIT ${query.limit}`;
        return leadsOf(tx, rows);
      });
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

/** The stored rows the batch's drafts could meet, read with one statement each. */
async function knownRows(tx: Queryable, drafts: readonly LeadDraft[]): Promise<KnownRows> {
  const items = await tx<ItemRecord[]>`SELECT i.* FROM intake_items i
    JOIN unnest(${drafts.map((d) => d.sourceId)}::bigint[], ${drafts.map((d) => d.itemKey)}::text[]) AS d(source_id, item_key)
      ON i.source_id = d.source_id AND i.item_key = d.item_key`;
  const itemMap = new Map(items.map((i) => [`${i.source_id}\u0000${i.item_key}`, i]));
  const origins = await tx<{ id: number; source_id: number; item_key: string }[]>`SELECT id, source_id, item_key
    FROM intake_leads WHERE id = ANY(${[...new Set(items.map((i) => i.lead_id))]}::bigint[])`;
  const originMap = new Map(origins.map((o) => [o.id, o]));
  const byLink = await tx<{ id: number; link: string }[]>`SELECT id, link FROM intake_leads
    WHERE link = ANY(${[...new Set(drafts.map((d) => d.link))]}::text[])`;
  const linkMap = new Map(byLink.map((l) => [l.link, l.id]));
  const titleKeys = [...new Set(drafts.map((d) => d.titleKey).filter((k) => k !== ''))];
  const byTitle = await tx<{ id: number; title_key: string; story_at: string }[]>`SELECT id, title_key, story_at
    FROM intake_leads WHERE title_key = ANY(${titleKeys}::text[]) ORDER BY id`;
  const titleMap = new Map<string, { id: number; storyAt: string }[]>();
  for (const t of byTitle)
    titleMap.set(t.title_key, [...(titleMap.get(t.title_key) ?? []), { id: t.id, storyAt: t.story_at }]);
  return {
    item(sourceId, itemKey) {
      const row = itemMap.get(`${sourceId}\u0000${itemKey}`);
      return row && { leadId: row.lead_id, contentHash: row.content_hash };
    },
    leadOrigin(leadId) {
      const row = originMap.get(leadId);
      return row && { sourceId: row.source_id, itemKey: row.item_key };
    },
    leadByLink: (link) => linkMap.get(link),
    leadByTitle: (key, from, to) => titleMap.get(key)?.find((l) => l.storyAt >= from && l.storyAt <= to)?.id,
  };
}

/** Writes the planned steps: new leads (ids taken first), then items, hashes and edits. */
async function writeSteps(tx: Queryable, steps: readonly ItemStep[], now: string): Promise<RecordedItems> {
  const creates = steps.filter((s): s is Extract<ItemStep, { kind: 'create' }> => s.kind === 'create');
  const ids =
    creates.length === 0
      ? []
      : (
          await tx<{ id: number }[]>`SELECT nextval(pg_get_serial_sequence('intake_leads', 'id')) AS id
            FROM generate_series(1, ${creates.length})`
        ).map((r) => r.id);
  const createdIds: number[] = [];
  for (const [i, c] of creates.entries()) createdIds[c.index] = ids[i] as number;
  const idOf = (ref: LeadRef) => ('stored' in ref ? ref.stored : (createdIds[ref.created] as number));
  if (creates.length > 0) {
    const col = <K extends keyof (typeof creates)[number]['fields']>(k: K) => creates.map((c) => c.fields[k]);
    await tx`INSERT INTO intake_leads (id, state, link, title, summary, publisher, published_at, title_key, story_at,
        reading, source_id, item_key, first_seen_at, updated_at)
      SELECT id, 'new', link, title, summary, publisher, published_at, title_key, story_at, reading, source_id,
        item_key, ${now}, ${now}
      FROM unnest(${ids}::bigint[], ${col('link')}::text[], ${col('title')}::text[], ${col('summary')}::text[],
        ${col('publisher')}::text[], ${col('publishedAt')}::text[], ${col('titleKey')}::text[],
        ${col('storyAt')}::text[], ${col('reading')}::text[], ${col('sourceId')}::bigint[], ${col('itemKey')}::text[])
        AS d(id, link, title, summary, publisher, published_at, title_key, story_at, reading, source_id, item_key)`;
  }
  // New items in the order seen (their seq orders a lead's other sources).
  const added = steps.filter(
    (s): s is Extract<ItemStep, { kind: 'create' | 'join' }> => s.kind === 'create' || s.kind === 'join',
  );
  if (added.length > 0) {
    const leadIds = added.map((s) => (s.kind === 'create' ? (createdIds[s.index] as number) : idOf(s.lead)));
    await tx`INSERT INTO intake_items (source_id, item_key, lead_id, link, publisher, content_hash, first_seen_at)
      SELECT source_id, item_key, lead_id, link, publisher, content_hash, ${now}
      FROM unnest(${added.map((s) => s.draft.sourceId)}::bigint[], ${added.map((s) => s.draft.itemKey)}::text[],
        ${leadIds}::bigint[], ${added.map((s) => s.draft.link)}::text[], ${added.map((s) => s.draft.publisher)}::text[],
        ${added.map((s) => s.draft.contentHash)}::text[]) WITH ORDINALITY
        AS d(source_id, item_key, lead_id, link, publisher, content_hash, n)
      ORDER BY n`;
  }
  const out: RecordedItems = { created: [], updated: [], joined: 0, unchanged: 0 };
  // Items edited at their source are few: a statement each, in order.
  const updated: LeadRecord[] = [];
  for (const step of steps) {
    if (step.kind === 'unchanged') out.unchanged++;
    else if (step.kind === 'join') out.joined++;
    else if (step.kind === 'rehash') {
      const d = step.draft;
      await tx`UPDATE intake_items SET content_hash = ${d.contentHash}
        WHERE source_id = ${d.sourceId} AND item_key = ${d.itemKey}`;
      if (!step.edit) {
        out.unchanged++;
        continue;
      }
      const f = step.edit.fields;
      const [edited] = await tx<LeadRecord[]>`UPDATE intake_leads SET title = ${f.title}, summary = ${f.summary},
          published_at = ${f.publishedAt}, title_key = ${f.titleKey}, reading = ${f.reading},
          revision = revision + 1, updated_at = ${now}
        WHERE id = ${idOf(step.edit.lead)} RETURNING *`;
      if (edited) updated.push(edited);
      else out.unchanged++;
    }
  }
  // Read back as stored: a new lead with the items that joined it in this batch.
  const createdRows =
    ids.length === 0 ? [] : await tx<LeadRecord[]>`SELECT * FROM intake_leads WHERE id = ANY(${ids}::bigint[])`;
  const byId = new Map(createdRows.map((r) => [r.id, r]));
  const firstOf = creates.map((c) => byId.get(createdIds[c.index] as number) as LeadRecord);
  out.created = await leadsOf(tx, firstOf);
  out.updated = await leadsOf(tx, updated);
  return out;
}
