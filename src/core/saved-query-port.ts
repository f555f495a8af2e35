/**
 * Queries kept under a short id, for buttons whose query does not fit in the button itself
 * (Discord's custom ids hold 100 characters: an /ask with a long question, a timeline with many
 * options). The id is a hash of the query, so it is known before the query is saved, and saving
 * the same query twice keeps one row. Saved by the bot, loaded by any process, even one that only
 * reads, and kept across restarts: the button keeps working.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';

export interface SavedQueryStore {
  /** Keeps `query` (a JSON text) and returns its id, `savedQueryId(query)`; saving it again changes nothing. */
  save(query: string): Promise<string>;
  /** The query saved under `id`, or undefined. */
  load(id: string): Promise<string | undefined>;
}

/** 16 characters of base64url (96 bits of SHA-256): short enough for a button id, too long to collide. */
export function savedQueryId(query: string): string {
  return createHash('sha256').update(query).digest('base64url').slice(0, 16);
}

/** What an id looks like; anything else is not looked up. */
export const SAVED_QUERY_ID = /^[A-Za-z0-9_-]{16}$/;

/** The query a page or More button runs: the command, its options as given, the page's cursor. */
export interface ButtonQuery {
  command: string;
  args: Record<string, string | number | boolean>;
  cursor?: string | undefined;
}

const StoredQuery = z.object({
  c: z.string().min(1).max(100),
  a: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  k: z.string().max(500).optional(),
});

/** The text a button's query is saved as (and hashed for its id). */
export function savedQueryText(query: ButtonQuery): string {
  return JSON.stringify({ c: query.command, a: query.args, ...(query.cursor ? { k: query.cursor } : {}) });
}

/** The query a saved text holds, or undefined when it is not one (damaged, or from another version). */
export function parseSavedQuery(text: string | undefined): ButtonQuery | undefined {
  if (text === undefined) return undefined;
  try {
    const parsed = StoredQuery.safeParse(JSON.parse(text));
    if (!parsed.success) return undefined;
    return { command: parsed.data.c, args: parsed.data.a, cursor: parsed.data.k };
  } catch {
    return undefined;
  }
}
