/**
 * Seeding: each seed record is applied once ever. A start that finds a record already applied
 * with the same content does nothing; a record whose content changed in a later release becomes
 * a new revision by 'seed', unless someone edited the event since, whose edit then stands.
 * Seeded revisions are recorded at the event's `reportedAt`, so digests of that time show them.
 */
import type { Event, Indicator } from '../core/schemas.ts';
import type { Store } from '../core/store-port.ts';
import { contentHash } from './canonical-json.ts';
import { instantKeyOf } from './sort-key.ts';

export interface SeedData {
  events: readonly Event[];
  indicators: readonly Indicator[];
}

export interface SeedReport {
  eventsAdded: number;
  /** Seed events changed in this release and written as a new revision. */
  eventsUpdated: number;
  /** Ids of events the seed changed but someone else had edited; their version was kept. */
  eventsKept: string[];
  indicatorsAdded: number;
}

const SEED_META = { author: 'seed', reason: 'seed data' } as const;

export async function seedStore(store: Store, seed: SeedData, seedVersion: string): Promise<SeedReport> {
  const report: SeedReport = { eventsAdded: 0, eventsUpdated: 0, eventsKept: [], indicatorsAdded: 0 };
  // This seed was applied whole (in one transaction) already: nothing to check, no write lock to take.
  if ((await store.getMeta('seed_version')) === seedVersion) return report;
  await store.transaction(async (tx) => {
    for (const event of seed.events) {
      const hash = contentHash(event);
      const applied = await tx.seedHash('event', event.id);
      if (applied === hash) continue;
      const current = await tx.getEvent(event.id);
      if (!current) {
        await tx.putEvent(event, { ...SEED_META, at: event.reportedAt });
        report.eventsAdded += 1;
      } else if (applied !== undefined && contentHash(current.event) === applied) {
        // Unchanged since the last seed: the new release's version becomes the next revision,
        // recorded no earlier than the revision it follows.
        const at = [instantKeyOf(event.reportedAt), current.recordedAt].sort().at(-1) as string;
        if ((await tx.putEvent(event, { ...SEED_META, at })).changed) report.eventsUpdated += 1;
      } else if (contentHash(current.event) !== hash) {
        report.eventsKept.push(event.id);
      }
      await tx.recordSeed('event', event.id, hash, seedVersion);
    }
    for (const indicator of seed.indicators) {
      const recordId = `${indicator.key}@${indicator.asOf}#${contentHash(indicator.source).slice(0, 16)}`;
      const hash = contentHash(indicator);
      if ((await tx.seedHash('indicator', recordId)) === hash) continue;
      if (await tx.putIndicator(indicator)) report.indicatorsAdded += 1;
      await tx.recordSeed('indicator', recordId, hash, seedVersion);
    }
    await tx.setMeta('seed_version', seedVersion);
  });
  return report;
}
