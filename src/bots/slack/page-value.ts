/**
 * A "next page" button carries the whole query (command, options, cursor) in its value, so a
 * click works after a restart without any state kept on our side.
 */
import { z } from 'zod';
import type { ViewCommandAction, ViewPageAction } from '../../core/view.ts';
import { SLACK_LIMITS } from './limits.ts';

export const PAGE_ACTION_ID = 'sitrep_page';

const PageValue = z.object({
  v: z.literal(1),
  c: z.string().min(1).max(100),
  a: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  k: z.string().min(1).max(500),
});

export interface PageRequest {
  /** "timeline", or "digest preview" for a subcommand. */
  command: string;
  args: Record<string, string | number | boolean>;
  cursor: string;
}

/** The button value, or undefined when the query is too long to fit in one (2000 characters). */
export function encodePageValue(action: ViewPageAction): string | undefined {
  const value = JSON.stringify({ v: 1, c: action.command, a: action.args, k: action.cursor });
  return value.length <= SLACK_LIMITS.buttonValue ? value : undefined;
}

export function decodePageValue(value: string): PageRequest | undefined {
  try {
    const parsed = PageValue.safeParse(JSON.parse(value));
    if (!parsed.success) return undefined;
    return { command: parsed.data.c, args: parsed.data.a, cursor: parsed.data.k };
  } catch {
    return undefined;
  }
}

/** The action_id prefix of a button that runs a command (a lead's Record, Add to event, Dismiss). */
export const COMMAND_ACTION_ID = 'sitrep_cmd';

const CommandValue = z.object({
  v: z.literal(1),
  c: z.string().min(1).max(100),
  a: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
});

/** A command button's value: the command and its fixed options, so it works after a restart. */
export function encodeCommandValue(action: Pick<ViewCommandAction, 'command' | 'args'>): string | undefined {
  const value = JSON.stringify({ v: 1, c: action.command, a: action.args });
  return value.length <= SLACK_LIMITS.buttonValue ? value : undefined;
}

export function decodeCommandValue(value: string): { command: string; args: Record<string, string> } | undefined {
  try {
    const parsed = CommandValue.safeParse(JSON.parse(value));
    if (!parsed.success) return undefined;
    return {
      command: parsed.data.c,
      args: Object.fromEntries(Object.entries(parsed.data.a).map(([k, v]) => [k, String(v)])),
    };
  } catch {
    return undefined;
  }
}
