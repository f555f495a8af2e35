/**
 * Saving the queries of buttons too long for their value (see SavedQueryStore) before the
 * message is sent. When the store cannot keep them (none here, or it failed), those buttons are
 * left off rather than sent to expire at the first click.
 */
import type { types } from '@slack/bolt';
import { parseSavedQuery, type SavedQueryStore } from '../../core/saved-query-port.ts';
import { decodeSavedPageValue } from './more-value.ts';
import type { SlackMessage } from './render.ts';

const SAVED_VALUE = /^\{"v":1,"q":/;

export async function saveQueries(
  messages: SlackMessage[],
  store: SavedQueryStore | undefined,
  logger: { warn(obj: object, msg: string): void },
): Promise<SlackMessage[]> {
  const saves = messages.flatMap((m) => m.saves ?? []);
  if (saves.length === 0) return messages;
  try {
    if (!store) throw new Error('no saved-query store');
    for (const text of saves) await store.save(text);
    return messages;
  } catch (err) {
    logger.warn({ err }, 'slack: could not save the query of a long button; the button is left off');
    return messages.map((m) => ({ text: m.text, blocks: m.blocks.flatMap(withoutSavedButtons) }));
  }
}

function withoutSavedButtons(block: types.KnownBlock): types.KnownBlock[] {
  if (block.type !== 'actions') return [block];
  const elements = block.elements.filter((e) => !('value' in e && SAVED_VALUE.test(String(e.value ?? ''))));
  return elements.length > 0 ? [{ ...block, elements }] : [];
}

/** A page button's value with its saved query put back in; the value as it is when it carries the query. */
export async function pageValueOf(store: SavedQueryStore | undefined, value: string): Promise<string> {
  const id = decodeSavedPageValue(value);
  if (id === undefined) return value;
  const query = parseSavedQuery(await store?.load(id));
  // A page's query always has its cursor; without it (or the row) the button has expired.
  return query?.cursor ? JSON.stringify({ v: 1, c: query.command, a: query.args, k: query.cursor }) : '';
}
