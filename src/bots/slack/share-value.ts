/**
 * The "Share in channel" button of a private answer. Its value carries the question (the command
 * and its options, the page's cursor among them) in the shape of command buttons, so a click
 * works after a restart with nothing kept on our side.
 */
import type { ShareRequest } from '../../commands/visibility.ts';
import { messagesFor } from '../../core/i18n/messages.ts';
import type { View } from '../../core/view.ts';
import { decodeCommandValue, encodeCommandValue } from './page-value.ts';

export const SHARE_ACTION_ID = 'sitrep_share';

/** What the renderer adds to a private answer: the button, and a line when its map waits for sharing. */
export interface ShareButton {
  value: string;
  label: string;
  mapNote: string;
}

export function shareButtonFor(request: ShareRequest, view: View): ShareButton | undefined {
  const value = encodeCommandValue(request);
  if (value === undefined) return undefined;
  const m = messagesFor(view.language ?? 'en');
  return { value, label: m.t('button.share'), mapNote: m.t('share.map-note') };
}

export function decodeShareValue(value: string): ShareRequest | undefined {
  return decodeCommandValue(value);
}
