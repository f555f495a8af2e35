/**
 * The "Share in channel" button of a private answer. Its custom id carries the question
 * (`sh1|<command>|<key>=<value>&...`, the shape of command buttons, the page's cursor among the
 * options), so it works after a restart: nothing is kept in memory.
 */
import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import type { ShareRequest } from '../../commands/visibility.ts';
import type { Messages } from '../../core/i18n/messages.ts';
import { type CommandRequest, decodeRequestId, encodeRequestId } from './custom-id.ts';
import { clip } from './escape.ts';
import { LIMITS } from './limits.ts';
import type { RenderedMessage } from './render.ts';

const SHARE_PREFIX = 'sh1';

/** The Share button's id; undefined when the question does not fit Discord's 100 characters. */
export function encodeShareId(request: ShareRequest): string | undefined {
  return encodeRequestId(SHARE_PREFIX, request.command, request.args);
}

export function decodeShareId(customId: string): CommandRequest | undefined {
  return decodeRequestId(SHARE_PREFIX, customId);
}

/**
 * The private answer with a Share button after its own buttons (a new row when the last is
 * full). A question too long for a custom id is answered without one.
 */
export function withShareButton(message: RenderedMessage, request: ShareRequest, m: Messages): RenderedMessage {
  const customId = encodeShareId(request);
  if (!customId) return message;
  const button = {
    type: ComponentType.Button as const,
    style: ButtonStyle.Primary as const,
    label: clip(m.t('button.share'), LIMITS.buttonLabel),
    custom_id: customId,
  };
  const rows = [...message.components];
  const last = rows[rows.length - 1];
  if (last && last.components.length < LIMITS.buttonsPerRow)
    rows[rows.length - 1] = { ...last, components: [...last.components, button] };
  else if (rows.length < LIMITS.actionRows) rows.push({ type: ComponentType.ActionRow, components: [button] });
  else return message;
  return { ...message, components: rows };
}
