/**
 * A More screen as a Discord message: screen `part` of the whole answer (core more-screens), one
 * embed within the first screen's size, with a More button for the next screen but on the last.
 * Private: only the person who asked for more sees it.
 */
import { messagesFor } from '../../core/i18n/messages.ts';
import { moreScreen } from '../../core/more-screens.ts';
import type { View } from '../../core/view.ts';
import { messageOf, type RenderedMessage, screenFits } from './render.ts';

export function renderMoreScreen(full: View, part: number): RenderedMessage {
  const m = messagesFor(full.language ?? 'en');
  const rendered = new WeakMap();
  const screen = moreScreen(full, part, screenFits(m, undefined, rendered), m);
  return messageOf(screen, m, { private: true }, rendered);
}
