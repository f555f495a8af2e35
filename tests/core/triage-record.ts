/**
 * Record on a lead, run against each store: the event is stored once, as created, with the
 * lead's link, publisher, title and day as its source: one revision, not a second one that adds
 * the source's details afterwards.
 */
import { describe, expect, it } from 'vitest';
import type { IntakeStore } from '../../src/core/intake-port.ts';
import type { Services } from '../../src/core/services.ts';
import { leadFormValues, recordLead } from '../../src/core/triage-decisions.ts';
import { makeDraft } from '../support/lead-drafts.ts';

const NOW = new Date('2025-03-26T15:00:00Z');

export function describeRecordingLeads(
  name: string,
  open: () => Promise<{ services: Services; intake: IntakeStore; close: () => Promise<void> }>,
): void {
  describe(`Record on a lead (${name})`, () => {
    it('stores the event in one revision, its source the lead’s link with publisher, title and day', async () => {
      const { services, intake, close } = await open();
      try {
        services.intake = intake;
        const { source } = await intake.addSource(
          { url: 'https://wire.example.org/rss', kind: 'rss', intervalSeconds: 900, addedBy: 'console' },
          NOW.toISOString(),
        );
        const { created } = await intake.recordItems(
          [
            makeDraft({
              sourceId: source.id,
              title: 'Attack on a police station in Kenscoff',
              link: 'https://wire.example.org/kenscoff-attack',
              publishedAt: '2025-03-26T10:00:00.000Z',
              reading: {
                placeIds: ['kenscoff'],
                occurredOn: '2025-03-26',
                category: 'attack',
                casualties: [],
                matches: [],
              },
            }),
          ],
          NOW.toISOString(),
        );
        const lead = created[0];
        if (!lead) throw new Error('no lead');
        const by = { author: 'discord:u1', name: 'Desk', now: NOW, language: 'en' as const };
        const result = await recordLead(services, lead.id, leadFormValues(lead, services), by);
        if (!result.ok) throw new Error(JSON.stringify(result.errors));
        const eventId = result.lead.eventId ?? '';
        const history = await services.store.history(eventId);
        expect(history.map((r) => [r.revision, r.author, r.reason])).toEqual([[1, 'discord:u1', 'reported from chat']]);
        expect((await services.store.getEvent(eventId))?.event.sources).toEqual([
          {
            publisher: 'Haiti Wire',
            url: 'https://wire.example.org/kenscoff-attack',
            title: 'Attack on a police station in Kenscoff',
            date: '2025-03-26',
          },
        ]);
        expect(result.view.summary).toContain(`Recorded as event ${eventId} by Desk`);
      } finally {
        await close();
      }
    });
  });
}
