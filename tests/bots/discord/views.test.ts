/**
 * Every View the core produces, rendered for Discord, stays within Discord's limits: the seed
 * data's answers, and a store of 500 events with the longest texts the schema allows.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { messageProblems } from '../../../src/bots/discord/limits.ts';
import { renderView } from '../../../src/bots/discord/render.ts';
import { ask } from '../../../src/core/ask.ts';
import { digest } from '../../../src/core/digest.ts';
import { locationReport } from '../../../src/core/location.ts';
import type { Services } from '../../../src/core/services.ts';
import { status } from '../../../src/core/status.ts';
import { timeline } from '../../../src/core/timeline.ts';
import type { View } from '../../../src/core/view.ts';
import { makeEvent } from '../../support/events.ts';
import { createTestServices, TEST_NOW } from '../../support/services.ts';

function expectWithinLimits(view: View): void {
  const message = renderView(view, { marker: 'digest:2025-03-26:1300000000000000001' });
  expect(messageProblems(message), view.title).toEqual([]);
}

describe('core Views rendered for Discord', () => {
  let services: Services;
  beforeAll(async () => {
    services = await createTestServices();
    await services.store.transaction(async (tx) => {
      for (let i = 0; i < 500; i++)
        await tx.putEvent(longEvent(i), { author: 'test', reason: 'limits', at: '2025-03-26T12:00:00Z' });
    });
  });
  const longUrl = `https://news.example/${'path/'.repeat(60)}`;
  const longEvent = (i: number) =>
    makeEvent({
      id: `long-${String(i).padStart(4, '0')}`,
      occurredAt: `2025-03-${String((i % 28) + 1).padStart(2, '0')}`,
      summary: `Long event ${i}: ${'s'.repeat(980)}`,
      details: `@everyone <@123456789012345678> ${'d'.repeat(3950)}`,
      sources: Array.from({ length: 5 }, (_, k) => ({
        publisher: `Publisher ${k} ${'p'.repeat(150)}`,
        title: 't'.repeat(290),
        url: `${longUrl}${k}`,
        date: '2025-03-26',
      })),
    });

  it('status, location, ask and digest answers fit', async () => {
    expectWithinLimits(await status(services, TEST_NOW));
    expectWithinLimits(await locationReport(services, 'Pont-Sondé', { radiusKm: 200 }, TEST_NOW));
    expectWithinLimits(await ask(services, 'what happened near pont sonde in march 2025?', TEST_NOW));
    expectWithinLimits(await digest(services, { since: '2025-03-01', until: '2025-04-01' }, TEST_NOW));
  });

  it('every page of a 500-event timeline fits one screen, its first events whole and the rest counted', async () => {
    let cursor: string | undefined;
    let pages = 0;
    do {
      const view = await timeline(services, { limit: 25, cursor }, TEST_NOW);
      expectWithinLimits(view);
      const shown = renderView(view)
        .embeds.map((e) => e.description ?? '')
        .join('\n');
      const items = view.sections.flatMap((s) => s.items ?? []);
      // These events carry the longest publishers the schema allows: a screen may hold none whole.
      const listed = items.filter((item) => shown.includes(item.title.replace(/[*_~`|[\]\\]/g, '\\$&')));
      if (listed.length < items.length) expect(shown).toContain(`+${items.length - listed.length} more`);
      cursor = view.actions?.find((a) => a.label === 'Next')?.cursor;
      pages++;
    } while (cursor && pages < 30);
    expect(pages).toBe(21);
  });
});
