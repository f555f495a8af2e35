/**
 * Page and More buttons whose query does not fit Discord's 100-character custom id: the query is
 * saved in the store under its hash, which the id carries instead. The id is known while the
 * message is rendered; the query is saved before the message is sent (saving twice keeps one).
 */
import { type SavedQueryStore, savedQueryId, savedQueryText } from '../../core/saved-query-port.ts';
import type { ViewMoreAction, ViewPageAction } from '../../core/view.ts';
import { savedMoreId, savedPageId } from './custom-id.ts';
import type { RenderedMessage } from './render.ts';

/** The id of a button whose query is saved; the query is added to `saves`. */
export function savedButtonId(action: ViewPageAction | ViewMoreAction, saves: string[]): string {
  const text = savedQueryText(action);
  if (!saves.includes(text)) saves.push(text);
  const id = savedQueryId(text);
  return action.kind === 'more' ? savedMoreId(id, action.part) : savedPageId(id);
}

const SAVED_ID = /^(?:mq1|pq1)\|/;

/**
 * Saves the queries the message's buttons need. When the store cannot keep them (none here, or
 * it failed), those buttons are left off rather than sent to expire at the first click.
 */
export async function withSavedQueries(
  message: RenderedMessage,
  store: SavedQueryStore | undefined,
  logger: { warn(obj: object, msg: string): void },
): Promise<RenderedMessage> {
  if (!message.saves?.length) return message;
  try {
    if (!store) throw new Error('no saved-query store');
    for (const text of message.saves) await store.save(text);
    return message;
  } catch (err) {
    logger.warn({ err }, 'discord: could not save the query of a long button; the button is left off');
    const components = message.components
      .map((row) => ({ ...row, components: row.components.filter((b) => !SAVED_ID.test(b.custom_id)) }))
      .filter((row) => row.components.length > 0);
    return { ...message, components, saves: undefined };
  }
}
