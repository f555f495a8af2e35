/**
 * The freshness of what feeds the records: when each source polled for intake last delivered
 * something new, or since when it has been failing. Said under the age line of the answers about
 * the whole mission (status, timeline, digest), where "how fresh is this" is asked of everything.
 */

import type { Messages } from './i18n/messages.ts';
import type { Source } from './intake-port.ts';
import type { Services } from './services.ts';
import { formatInstant } from './time.ts';

/** Sources named one by one; the rest are counted ("+2 more"), so the line stays one line. */
const NAMED = 3;

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url.slice(0, 40);
  }
}

function stateOf(source: Source, zone: string, m: Messages): string {
  if (source.paused) return m.t('freshness.source-paused');
  if (source.failures > 0) {
    const since = source.failingSince ?? source.lastPolledAt ?? source.addedAt;
    return m.t('freshness.source-failing-since', { since: formatInstant(since, zone, m) });
  }
  return source.lastDeliveredAt
    ? m.t('sources.delivered', { when: formatInstant(source.lastDeliveredAt, zone, m) })
    : m.t('sources.never');
}

/**
 * "Sources: reliefweb.int last delivered 2 Dec 2026, 11:40 · lenouvelliste.com failing since
 * 1 Dec 2026, 08:00": failing and paused sources first, then the longest silent; undefined
 * without sources.
 */
export function sourceFreshnessLine(sources: readonly Source[], zone: string, m: Messages): string | undefined {
  if (sources.length === 0) return undefined;
  const rank = (s: Source) => (s.paused ? 0 : s.failures > 0 ? 1 : 2);
  const ordered = [...sources].sort(
    (a, b) => rank(a) - rank(b) || (a.lastDeliveredAt ?? '').localeCompare(b.lastDeliveredAt ?? '') || a.id - b.id,
  );
  const named = ordered
    .slice(0, NAMED)
    .map((s) => m.t('freshness.source', { host: hostOf(s.url), state: stateOf(s, zone, m) }));
  const rest = ordered.length - named.length;
  if (rest > 0) named.push(m.t('more.count', { count: rest }));
  return m.t('freshness.sources', { list: named.join(' · ') });
}

/** The line for the store's intake sources; undefined without an intake store, sources, or when it cannot be read. */
export async function sourceFreshness(services: Services, m: Messages): Promise<string | undefined> {
  if (!services.intake) return undefined;
  try {
    return sourceFreshnessLine(await services.intake.listSources(), services.settings.timeZone, m);
  } catch {
    // A store from before intake, or one this connection cannot read: the answer goes without it.
    return undefined;
  }
}
