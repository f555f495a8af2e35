/**
 * The tables `sitrep migrate-store` copies from SQLite to Postgres, in the order foreign keys
 * need, with how each row is read and converted.
 */
import type { Event } from '../../core/schemas.ts';
import { TOTALS_TABLES } from './derived-rows.ts';
import { derivedOf, placeKeysOf, type WriteSettings } from './event-writes.ts';

export interface TableCopy {
  name: string;
  /** The primary key the rows are read in order of (and resumed after). */
  key: string[];
  /** Columns read from SQLite; `convert` gives the row as Postgres stores it. */
  columns: string[];
  convert?: (row: Record<string, unknown>) => Record<string, unknown>;
  /** Only in newer SQLite files. */
  optional?: boolean;
  /** A key before every row's, when not 0 for "id" and '' for text keys. */
  before?: unknown[];
  /** What the rows are read from, when not the table itself (a subquery with the same key). */
  from?: string;
  /** Written with COPY, in large batches (big tables that Postgres does not hold before the copy). */
  bulk?: boolean;
}

const flag = (v: unknown) => v === 1 || v === true;

/**
 * The tables to copy, in the order foreign keys need. With `reuse`, the SQLite file's derived
 * rows were built with the settings wanted: event_index, event_casualties, the totals and the
 * cell bounds are copied as they are, and each revision's place keys are the current row's
 * (worked out only for the few older revisions), instead of deriving every event again.
 */
export function tablesFor(settings: WriteSettings, reuse: boolean): TableCopy[] {
  const revision = (r: Record<string, unknown>) => {
    const { current_category, current_keys, ...row } = r;
    if (reuse && typeof current_keys === 'string')
      return { ...row, category: current_category, place_keys: placeKeysOf(JSON.parse(current_keys) as string[]) };
    const event = JSON.parse(String(row.json)) as Event;
    // Without reuse, place keys are filled by the rebuild at the end (they depend on the gazetteer).
    const placeKeys = reuse ? placeKeysOf(derivedOf(event, String(row.json), 0, settings).keys) : [];
    return { ...row, category: event.category, place_keys: placeKeys };
  };
  return [
    { name: 'meta', key: ['key'], columns: ['key', 'value'] },
    {
      name: 'event_revisions',
      key: ['id'],
      from: `(SELECT r.*, e.category AS current_category, e.index_keys AS current_keys FROM event_revisions r
      LEFT JOIN events e ON e.id = r.event_id AND e.revision_row = r.id)`,
      columns: [
        'id',
        'event_id',
        'revision',
        'recorded_at',
        'author',
        'reason',
        'json',
        'current_category',
        'current_keys',
      ],
      convert: revision,
      bulk: true,
    },
    {
      name: 'events',
      key: ['id'],
      columns: [
        'id',
        'revision',
        'revision_row',
        'sort_key',
        'category',
        'confidence',
        'place_id',
        'lat',
        'lon',
        'index_keys',
        'recorded_at',
        'first_recorded_at',
      ],
      convert: (r) => ({ ...r, index_keys: JSON.parse(String(r.index_keys)) as string[] }),
      bulk: true,
    },
    ...(reuse
      ? [
          {
            name: 'event_index',
            key: ['key', 'sort_key', 'event_id'],
            columns: ['key', 'sort_key', 'event_id', 'confidence', 'lat', 'lon'],
            bulk: true,
          },
          {
            name: 'event_casualties',
            key: ['event_id', 'seq'],
            columns: ['event_id', 'seq', 'grp', 'kind', 'count', 'qualifier'],
            bulk: true,
          },
          // The same tables with the same rows on both stores: copied rather than grouped again.
          ...Object.values(TOTALS_TABLES).map((t) => ({
            name: t.name,
            key: [...t.keyColumns],
            columns: [...t.keyColumns, ...t.sumColumns],
            bulk: true,
          })),
          {
            name: 'cell_bounds',
            key: ['key'],
            columns: ['key', 'min_lat', 'max_lat', 'min_lon', 'max_lon'],
            bulk: true,
          },
        ]
      : []),
    { name: 'indicators', key: ['id'], columns: ['id', 'key', 'as_of_key', 'reported_at', 'identity', 'json'] },
    {
      name: 'seed_records',
      key: ['kind', 'record_id'],
      columns: ['kind', 'record_id', 'content_hash', 'seed_version'],
    },
    {
      name: 'subscriptions',
      key: ['id'],
      columns: [
        'id',
        'kind',
        'platform',
        'team_id',
        'channel_id',
        'local_time',
        'time_zone',
        'language',
        'place_id',
        'category',
        'created_by',
        'created_at',
        'active_since',
        'removed_at',
        'paused_at',
        'paused_reason',
        'alert_cursor',
      ],
    },
    {
      name: 'send_ledger',
      key: ['id'],
      columns: [
        'id',
        'subscription_id',
        'period',
        'state',
        'marker',
        'scheduled_at',
        'covers_since',
        'covers_until',
        'late',
        'owner',
        'lease_until',
        'attempts',
        'message_id',
        'note',
        'claimed_at',
        'completed_at',
      ],
      convert: (r) => ({ ...r, late: flag(r.late) }),
    },
    { name: 'delivered_events', key: ['key'], columns: ['key', 'delivered_at'], optional: true },
    // Buttons already posted with a saved query keep working after the move.
    { name: 'saved_queries', key: ['id'], columns: ['id', 'query', 'saved_at'], optional: true },
    {
      name: 'user_languages',
      key: ['platform', 'team_id', 'user_id'],
      columns: ['platform', 'team_id', 'user_id', 'language', 'updated_at'],
      optional: true,
    },
    // Live intake: sources with their poll state and lease, leads, and each source's items.
    {
      name: 'intake_sources',
      key: ['id'],
      columns: [
        'id',
        'url',
        'kind',
        'interval_seconds',
        'added_by',
        'added_at',
        'removed_at',
        'paused_at',
        'paused_reason',
        'etag',
        'last_modified',
        'next_poll_at',
        'failures',
        'last_error',
        'last_polled_at',
        'last_delivered_at',
        'failing_since',
        'cursor',
        'lease_owner',
        'lease_until',
      ],
      optional: true,
    },
    {
      name: 'intake_leads',
      key: ['id'],
      columns: [
        'id',
        'state',
        'link',
        'title',
        'summary',
        'publisher',
        'published_at',
        'title_key',
        'story_at',
        'reading',
        'source_id',
        'item_key',
        'revision',
        'first_seen_at',
        'updated_at',
        'posted_at',
        'decided_by',
        'decided_at',
        'event_id',
        'note',
      ],
      optional: true,
    },
    {
      name: 'intake_items',
      key: ['source_id', 'item_key'],
      // SQLite sorts every number before every text: the source ids start after 0.
      before: [0, ''],
      // The rowid is the order items were seen in, which orders a lead's other sources.
      columns: [
        'source_id',
        'item_key',
        'rowid AS seq',
        'lead_id',
        'link',
        'publisher',
        'content_hash',
        'first_seen_at',
      ],
      optional: true,
    },
  ];
}
