/**
 * Page cursors: a direction, the page number and the key of the edge event, packed into a
 * short string ("a2~20250325T163000~event-id") so that, with the query's options, it fits a
 * Discord button's 100-character custom id. Users treat it as opaque; it is checked on the way in.
 */
import { UserError } from './errors.ts';
import type { EventKey } from './store-port.ts';

export interface Cursor {
  /** `after`: the page older than `key` (from the newest without one); `before`: the page newer than `key`. */
  direction: 'after' | 'before';
  page: number;
  /** Always there for `before`; absent only for an `after` cursor that skips from the newest. */
  key?: EventKey | undefined;
  /**
   * Events to pass over first (`after` only): a page continues right after the part of the
   * previous one a chat's first screen showed ("a2s4~…" is the page after the fourth event).
   */
  skip?: number | undefined;
}

/** "2025-03-25T16:30:00.000" → "20250325T163000"; "2025-03-25" → "20250325". */
function compactSortKey(sortKey: string): string {
  return sortKey.replace(/\.000$/, '').replace(/[-:]/g, '');
}

function expandSortKey(compact: string): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(?:\.(\d{3}))?)?$/.exec(compact);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, ms] = m;
  const date = `${y}-${mo}-${d}`;
  return h === undefined ? date : `${date}T${h}:${mi}:${s}.${ms ?? '000'}`;
}

export function encodeCursor(cursor: Cursor): string {
  const skip = cursor.direction === 'after' && cursor.skip ? `s${cursor.skip}` : '';
  const key = cursor.key ? `~${compactSortKey(cursor.key.sortKey)}~${cursor.key.id}` : '';
  return `${cursor.direction === 'after' ? 'a' : 'b'}${cursor.page}${skip}${key}`;
}

export function decodeCursor(text: string): Cursor {
  const bad = () => new UserError('bad-cursor');
  const match = /^([ab])(\d{1,6})(?:s(\d{1,3}))?(?:~([0-9T.]{8,19})~([a-z0-9][a-z0-9._:-]{0,119}))?$/.exec(text);
  if (!match) throw bad();
  const [, dir, page, skip, compact, id] = match;
  const direction = dir === 'a' ? 'after' : 'before';
  if (Number(page) < 1 || (direction === 'before' && (skip !== undefined || compact === undefined))) throw bad();
  if (compact === undefined && skip === undefined) throw bad();
  const cursor: Cursor = { direction, page: Number(page) };
  if (skip !== undefined) cursor.skip = Number(skip);
  if (compact !== undefined) {
    const sortKey = expandSortKey(compact);
    if (!sortKey) throw bad();
    cursor.key = { sortKey, id: id ?? '' };
  }
  return cursor;
}
