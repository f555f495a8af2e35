/**
 * ACLED API rows become events as an import makes them: a new row is a new event, a changed row
 * a new revision, an unchanged row nothing; a row that still says what the last import wrote of
 * an event changed in Sitrep since (an edit, a dispute) leaves that change alone.
 */
import type { Event } from '../core/schemas.ts';
import type { Store } from '../core/store-port.ts';
import { toUtcIso } from '../core/time.ts';
import { canonicalJson } from '../store/canonical-json.ts';

/** Revisions written from the ACLED API name this author (an import, as alerts and history see it). */
export const ACLED_API_AUTHOR = 'import:acled-api';

export interface AcledWrite {
  created: number;
  updated: number;
  unchanged: number;
  keptChanges: number;
}

export async function storeAcledEvents(
  store: Pick<Store, 'getEvent' | 'history' | 'putEvent'>,
  events: readonly Event[],
  sourceUrl: string,
  now: Date,
): Promise<AcledWrite> {
  const meta = { author: ACLED_API_AUTHOR, reason: `from the ACLED API (${sourceUrl})`, at: toUtcIso(now) };
  const write: AcledWrite = { created: 0, updated: 0, unchanged: 0, keptChanges: 0 };
  for (const event of events) {
    const stored = await store.getEvent(event.id);
    const json = canonicalJson(event);
    if (stored && canonicalJson(stored.event) === json) {
      write.unchanged++;
      continue;
    }
    if (stored) {
      const lastImported = (await store.history(event.id)).filter((r) => r.author.startsWith('import:')).at(-1);
      if (lastImported && canonicalJson(lastImported.event) === json) {
        write.keptChanges++;
        continue;
      }
    }
    const result = await store.putEvent(event, meta);
    if (!result.changed) write.unchanged++;
    else if (result.revision === 1) write.created++;
    else write.updated++;
  }
  return write;
}
