/**
 * Button custom ids for paging, and for buttons that run a command (a lead's triage buttons). The id carries the whole query (command, its options, the
 * cursor), so a button still works after the bot restarts: nothing is kept in memory.
 *
 * Format: `pg1|<command>|<cursor>|<key>=<value>&...` with keys and values URI-encoded.
 * Discord caps custom ids at 100 characters; `encodePageId` returns undefined beyond that.
 */
import { type ButtonQuery, SAVED_QUERY_ID } from '../../core/saved-query-port.ts';
import type { ViewCommandAction, ViewMoreAction, ViewPageAction } from '../../core/view.ts';
import { LIMITS } from './limits.ts';

const PREFIX = 'pg1';

export interface PageRequest {
  /** The command's name, with its subcommand after a space: "timeline", "digest preview". */
  command: string;
  args: Record<string, string>;
  cursor: string;
}

export function encodePageId(action: Pick<ViewPageAction, 'command' | 'args' | 'cursor'>): string | undefined {
  const args = Object.entries(action.args)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  const id = [PREFIX, encodeURIComponent(action.command), encodeURIComponent(action.cursor), args].join('|');
  return id.length <= LIMITS.customId ? id : undefined;
}

/** The page a button asks for, or undefined when the id is not one of ours (or is damaged). */
export function decodePageId(customId: string): PageRequest | undefined {
  const parts = customId.split('|');
  if (parts.length !== 4 || parts[0] !== PREFIX) return undefined;
  const [, command = '', cursor = '', argText = ''] = parts;
  try {
    const args: Record<string, string> = {};
    for (const pair of argText ? argText.split('&') : []) {
      const eq = pair.indexOf('=');
      if (eq <= 0) return undefined;
      args[decodeURIComponent(pair.slice(0, eq))] = decodeURIComponent(pair.slice(eq + 1));
    }
    const name = decodeURIComponent(command);
    if (!name) return undefined;
    return { command: name, args, cursor: decodeURIComponent(cursor) };
  } catch {
    return undefined;
  }
}

const COMMAND_PREFIX = 'cm1';

/** A command button's request: the command and its fixed options (a lead's id). */
export interface CommandRequest {
  command: string;
  args: Record<string, string>;
}

/**
 * `cm1|<command>|<key>=<value>&...` for a button that runs a command ("leads dismiss", id=12):
 * stateless, so it works after a restart; undefined beyond Discord's 100 characters.
 */
export function encodeCommandId(action: Pick<ViewCommandAction, 'command' | 'args'>): string | undefined {
  return encodeRequestId(COMMAND_PREFIX, action.command, action.args);
}

export function decodeCommandId(customId: string): CommandRequest | undefined {
  return decodeRequestId(COMMAND_PREFIX, customId);
}

/**
 * `<prefix>|<command>|<key>=<value>&...`, keys and values URI-encoded: the shape of command buttons
 * and of form (modal) ids. Undefined beyond Discord's 100 characters.
 */
export function encodeRequestId(prefix: string, command: string, args: Record<string, unknown>): string | undefined {
  const pairs = Object.entries(args).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  const id = [prefix, encodeURIComponent(command), pairs.join('&')].join('|');
  return id.length <= LIMITS.customId ? id : undefined;
}

export function decodeRequestId(prefix: string, customId: string): CommandRequest | undefined {
  const parts = customId.split('|');
  if (parts.length !== 3 || parts[0] !== prefix || !parts[1]) return undefined;
  try {
    const args: Record<string, string> = {};
    for (const pair of parts[2] ? parts[2].split('&') : []) {
      const eq = pair.indexOf('=');
      if (eq <= 0) return undefined;
      args[decodeURIComponent(pair.slice(0, eq))] = decodeURIComponent(pair.slice(eq + 1));
    }
    return { command: decodeURIComponent(parts[1]), args };
  } catch {
    return undefined;
  }
}

const MORE_PREFIX = 'mr1';
const SAVED_MORE_PREFIX = 'mq1';
const SAVED_PAGE_PREFIX = 'pq1';

/** What a More button asks for: screen `part` of the answer to this query. */
export interface MoreRequest extends ButtonQuery {
  part: number;
}

/**
 * `mr1|<command>|<cursor>|<part>|<key>=<value>&...` for a More button, keys and values
 * URI-encoded like a page id; undefined beyond Discord's 100 characters (then `savedMoreId`).
 */
export function encodeMoreId(action: Pick<ViewMoreAction, 'command' | 'args' | 'cursor' | 'part'>): string | undefined {
  const page = encodePageId({ command: action.command, args: action.args, cursor: action.cursor ?? '' });
  if (!page) return undefined;
  const [, command, cursor, args] = page.split('|');
  const id = [MORE_PREFIX, command, cursor, String(action.part), args].join('|');
  return id.length <= LIMITS.customId ? id : undefined;
}

export function decodeMoreId(customId: string): MoreRequest | undefined {
  const parts = customId.split('|');
  if (parts.length !== 5 || parts[0] !== MORE_PREFIX) return undefined;
  const [, command = '', cursor = '', part = '', args = ''] = parts;
  const page = decodePageId([PREFIX, command, cursor, args].join('|'));
  const n = Number(part);
  if (!page || !Number.isInteger(n) || n < 2) return undefined;
  return { command: page.command, args: page.args, cursor: page.cursor || undefined, part: n };
}

/** `mq1|<saved id>|<part>`: a More button whose query is saved in the store (see SavedQueryStore). */
export function savedMoreId(savedId: string, part: number): string {
  return `${SAVED_MORE_PREFIX}|${savedId}|${part}`;
}

/** `pq1|<saved id>`: a page button whose query (with its cursor) is saved in the store. */
export function savedPageId(savedId: string): string {
  return `${SAVED_PAGE_PREFIX}|${savedId}`;
}

/** The saved id (and, for More, the part) a saved-query button carries, or undefined. */
export function decodeSavedId(customId: string): { kind: 'more' | 'page'; id: string; part: number } | undefined {
  const [prefix, id = '', part, ...rest] = customId.split('|');
  if (rest.length > 0 || !SAVED_QUERY_ID.test(id)) return undefined;
  if (prefix === SAVED_PAGE_PREFIX && part === undefined) return { kind: 'page', id, part: 0 };
  const n = Number(part);
  if (prefix === SAVED_MORE_PREFIX && Number.isInteger(n) && n >= 2) return { kind: 'more', id, part: n };
  return undefined;
}
