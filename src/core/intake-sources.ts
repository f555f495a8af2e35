/**
 * Adding and changing sources, the same from chat (`/sources`) and the terminal (`sitrep
 * sources`): the URL checked (http or https), the kind guessed from it when not given.
 */
import { UserError } from './errors.ts';
import type { IntakeStore, Source, SourceKind } from './intake-port.ts';

/** Minutes between polls when none is given. */
export const DEFAULT_EVERY_MINUTES = 15;

export function guessSourceKind(url: URL): SourceKind {
  if (url.hostname.endsWith('reliefweb.int')) return 'reliefweb';
  if (url.hostname.endsWith('acleddata.com')) return 'acled';
  if (/json/i.test(url.pathname)) return 'jsonfeed';
  if (/atom/i.test(url.pathname)) return 'atom';
  return 'rss';
}

export function parseSourceUrl(text: string | undefined): URL {
  if (!text) throw new UserError('source-url-missing');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UserError('source-url-bad', { text: text.slice(0, 100) });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UserError('source-url-protocol', { protocol: url.protocol });
  return url;
}

export interface NewSource {
  url: string;
  kind?: SourceKind | undefined;
  everyMinutes?: number | undefined;
  addedBy: string;
}

export async function addSource(
  intake: IntakeStore,
  input: NewSource,
  now: string,
): Promise<{ source: Source; added: boolean }> {
  const url = parseSourceUrl(input.url);
  return intake.addSource(
    {
      url: url.toString(),
      kind: input.kind ?? guessSourceKind(url),
      intervalSeconds: (input.everyMinutes ?? DEFAULT_EVERY_MINUTES) * 60,
      addedBy: input.addedBy,
    },
    now,
  );
}

export type SourceChange = 'remove' | 'pause' | 'resume';

/** Removes, pauses (saying who did) or resumes a source; a UserError when there is no such source. */
export async function changeSource(
  intake: IntakeStore,
  verb: SourceChange,
  id: number,
  reason: string,
  now: string,
): Promise<void> {
  const done =
    verb === 'remove'
      ? await intake.removeSource(id, now)
      : verb === 'pause'
        ? await intake.pauseSource(id, reason, now)
        : await intake.resumeSource(id, now);
  if (!done) throw new UserError('source-not-found', { id });
}
