/** Lead drafts for store tests: `makeDraft({ ... })` fills what the test does not care about. */
import type { LeadDraft } from '../../src/core/intake-port.ts';
import { titleKey } from '../../src/core/leads.ts';

let counter = 0;

export function makeDraft(overrides: Partial<LeadDraft> & { sourceId: number }): LeadDraft {
  counter += 1;
  const title = overrides.title ?? `Story number ${counter} from Haiti`;
  return {
    itemKey: `item-${counter}`,
    link: `https://wire.example.org/story/${counter}`,
    title,
    publisher: 'Haiti Wire',
    publishedAt: '2025-03-26T12:00:00.000Z',
    contentHash: `hash-${counter}`,
    titleKey: titleKey(title),
    reading: { placeIds: ['pont-sonde'], occurredOn: '2025-03-26', category: 'attack', casualties: [], matches: [] },
    ...overrides,
  };
}
