/**
 * Recording a poll's items on Postgres: the stored rows a batch could meet, read with one
 * statement each; the planned steps (src/store/intake-plan.ts), written a statement per table;
 * and leads read with the other sources that carried them.
 */
import type { Lead, LeadDraft, RecordedItems } from '../../core/intake-port.ts';
import type { ItemStep, KnownRows, LeadRef } from '../intake-plan.ts';
import { alsoFromOf, type ItemRecord, type LeadRecord, toLead } from '../sqlite-intake-rows.ts';
import type { Queryable } from './connection.ts';

/** The leads of `rows`, each with the other sources that carried it (one statement for all). */
export async function leadsOf(sql: Queryable, rows: readonly LeadRecord[]): Promise<Lead[]> {
  if (rows.length === 0) return [];
  const items = await sql<
    ItemRecord[]
  >`SELECT * FROM intake_items WHERE lead_id = ANY(${rows.map((r) => r.id)}::bigint[])
    ORDER BY lead_id, seq`;
  const byLead = new Map<number, ItemRecord[]>();
  for (const item of items) byLead.set(item.lead_id, [...(byLead.get(item.lead_id) ?? []), item]);
  return rows.map((r) => toLead(r, alsoFromOf(r, byLead.get(r.id) ?? [])));
}

/** The stored rows the batch's drafts could meet, read with one statement each. */
export async function knownRows(tx: Queryable, drafts: readonly LeadDraft[]): Promise<KnownRows> {
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
export async function writeSteps(tx: Queryable, steps: readonly ItemStep[], now: string): Promise<RecordedItems> {
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
