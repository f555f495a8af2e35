/**
 * An error the user caused: bad option, unknown place, out-of-range limit. It carries a code and
 * parameters; adapters answer it privately in the caller's language from the catalogue and
 * change nothing. Anything else is a bug, logged and answered with the one fallback message.
 */
import type { MessageKey } from './i18n/catalogue.ts';
import { type MessageParams, type Messages, messagesFor } from './i18n/messages.ts';

type ErrorKey = Extract<MessageKey, `error.${string}`>;
export type UserErrorCode = Exclude<ErrorKey extends `error.${infer Code}` ? Code : never, 'title' | 'fallback'>;

export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    readonly code: UserErrorCode,
    readonly params: MessageParams = {},
    /** Close names or accepted values, for "did you mean". */
    readonly suggestions: string[] = [],
    /** How to use the command, shown under the message (text platforms). */
    readonly usage?: string,
  ) {
    // The English text, for logs and for callers that have no language.
    super([messagesFor('en').t(`error.${code}`, params), usage].filter(Boolean).join('\n\n'));
  }
}

export function isUserError(err: unknown): err is UserError {
  return err instanceof UserError;
}

/** The one answer to a failure that is not the user's. */
export function fallbackText(messages: Messages = messagesFor('en')): string {
  return messages.t('error.fallback');
}

/** The error's words in a language. */
export function userErrorText(err: UserError, messages: Messages): string {
  return [messages.t(`error.${err.code}`, err.params), err.usage].filter(Boolean).join('\n\n');
}
