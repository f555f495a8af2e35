/**
 * An error the user caused: bad option, unknown place, out-of-range limit. Adapters answer it
 * privately with its message and change nothing; anything else is a bug, logged and answered
 * with a short fallback.
 */
export type UserErrorCode =
  | 'bad-date'
  | 'bad-range'
  | 'bad-option'
  | 'unknown-option'
  | 'missing-option'
  | 'unknown-place'
  | 'ambiguous-place'
  | 'no-place'
  | 'not-understood'
  | 'out-of-reach'
  | 'bad-cursor'
  | 'not-found'
  | 'forbidden'
  | 'bad-input';

export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    readonly code: UserErrorCode,
    message: string,
    /** Close names or accepted values, for "did you mean". */
    readonly suggestions: string[] = [],
  ) {
    super(message);
  }
}

export function isUserError(err: unknown): err is UserError {
  return err instanceof UserError;
}
