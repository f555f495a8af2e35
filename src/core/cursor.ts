/**
 * Opaque page cursors: a direction, the page number and the key of the edge event, packed
 * into a short url-safe string so it fits a Discord button's 100-character custom id.
 */
import { UserError } from './errors.ts';
import type { EventKey } from './store-port.ts';

export interface Cursor {
  /** `after`: the page older than `key`; `before`: the page newer than `key`. */
  direction: 'after' | 'before';
  page: number;
  key: EventKey;
}

export function encodeCursor(cursor: Cursor): string {
  const raw = `${cursor.direction === 'after' ? 'a' : 'b'}${cursor.page}|${cursor.key.sortKey}|${cursor.key.id}`;
  return Buffer.from(raw, 'utf8').toString('base64url');
}

export function decodeCursor(text: string): Cursor {
  const bad = () =>
    new UserError('bad-cursor', 'That page position is not valid any more; run the command again without a cursor.');
  if (!/^[A-Za-z0-9_-]{1,300}$/.test(text)) throw bad();
  const raw = Buffer.from(text, 'base64url').toString('utf8');
  const match = /^([ab])(\d{1,6})\|([0-9T:.-]{4,30})\|([a-z0-9][a-z0-9._:-]{0,119})$/.exec(raw);
  if (!match) throw bad();
  const [, dir, page, sortKey, id] = match;
  return {
    direction: dir === 'a' ? 'after' : 'before',
    page: Number(page),
    key: { sortKey: sortKey ?? '', id: id ?? '' },
  };
}
