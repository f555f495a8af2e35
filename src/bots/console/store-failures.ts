/** One line for a database that cannot be opened or refused a write (read-only, full disk, busy). */
import { describeStoreFailure, StoreOpenError } from '../../store/index.ts';

const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;

/** Why the database did not open, in one line. */
export function openFailureLine(err: unknown): string {
  if (err instanceof StoreOpenError) return sentence(err.message);
  const described = describeStoreFailure(err);
  const message = described ?? (err instanceof Error ? err.message : String(err)).split('\n')[0];
  return sentence(`cannot open the database: ${message}`);
}

/** `what` ("Nothing was imported") and why, when the store refused for a reason of its own. */
export function storeFailureLine(what: string, err: unknown): string | undefined {
  const described = describeStoreFailure(err);
  return described === undefined ? undefined : sentence(`${what}: ${described}`);
}
