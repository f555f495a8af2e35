/**
 * Button values of More buttons, and of page and More buttons whose query is saved in the store
 * (see SavedQueryStore): like a page button's, they carry the query, or its saved id, so a click
 * works after a restart. Slack's values hold 2,000 characters; a longer query is saved.
 */
import { z } from 'zod';
import { type ButtonQuery, SAVED_QUERY_ID, savedQueryId, savedQueryText } from '../../core/saved-query-port.ts';
import type { ViewMoreAction, ViewPageAction } from '../../core/view.ts';
import { SLACK_LIMITS } from './limits.ts';

/** The action_id prefix of a More button. */
export const MORE_ACTION_ID = 'sitrep_more';

const Args = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));
const Part = z.number().int().min(2).max(1000);
const MoreValue = z.union([
  z.object({ v: z.literal(1), c: z.string().min(1).max(100), a: Args, k: z.string().max(500).optional(), p: Part }),
  z.object({ v: z.literal(1), q: z.string().regex(SAVED_QUERY_ID), p: Part }),
]);
const SavedPageValue = z.object({ v: z.literal(1), q: z.string().regex(SAVED_QUERY_ID) });

/** A More button's value: the query itself, or its saved id (the query then added to `saves`). */
export function encodeMoreValue(action: ViewMoreAction, saves: string[]): string {
  const value = JSON.stringify({
    v: 1,
    c: action.command,
    a: action.args,
    ...(action.cursor ? { k: action.cursor } : {}),
    p: action.part,
  });
  if (value.length <= SLACK_LIMITS.buttonValue) return value;
  return JSON.stringify({ v: 1, q: saved(action, saves), p: action.part });
}

/** A page button's value when its query is too long for one: the saved id. */
export function savedPageValue(action: ViewPageAction, saves: string[]): string {
  return JSON.stringify({ v: 1, q: saved(action, saves) });
}

function saved(query: ButtonQuery, saves: string[]): string {
  const text = savedQueryText(query);
  if (!saves.includes(text)) saves.push(text);
  return savedQueryId(text);
}

/** What a More button asks for: its query (or the saved id to load it by) and the screen. */
export type MoreValueRequest = { query: ButtonQuery; part: number } | { saved: string; part: number };

export function decodeMoreValue(value: string): MoreValueRequest | undefined {
  try {
    const parsed = MoreValue.safeParse(JSON.parse(value));
    if (!parsed.success) return undefined;
    const d = parsed.data;
    if ('q' in d) return { saved: d.q, part: d.p };
    return { query: { command: d.c, args: d.a, cursor: d.k }, part: d.p };
  } catch {
    return undefined;
  }
}

/** The saved id a page button's value carries, or undefined when it carries its query itself. */
export function decodeSavedPageValue(value: string): string | undefined {
  try {
    const parsed = SavedPageValue.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data.q : undefined;
  } catch {
    return undefined;
  }
}
