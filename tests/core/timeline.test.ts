import { beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src/core/services.ts';
import { timeline } from '../../src/core/timeline.ts';
import type { View } from '../../src/core/view.ts';
import { makeEvent } from '../support/events.ts';
import { createTestServices, TEST_NOW } from '../support/services.ts';

const ids = (view: View) => view.sections.flatMap((s) => s.items ?? []).map((i) => i.id);
const meta = { author: 'test', reason: 'test', at: '2025-04-01T00:00:00.000Z' };

describe('timeline on the seed data', () => {
  let services: Services;
  beforeAll(async () => {
    services = await createTestServices();
  });

  it('lists events newest first', async () => {
    const view = await timeline(services, { limit: 25 }, TEST_NOW);
    expect(ids(view)).toEqual([
      '2025-03-30-search-continues',
      '2025-03-26-mss-statement-missing-officer',
      '2025-03-25-pont-sonde-ambush',
      '2025-03-18-kenyan-officer-shot',
      '2025-02-23-kaetuai-killed',
      '2024-06-25-first-kenyan-contingent',
      '2024-04-henry-resigns',
      '2023-10-02-unsc-resolution-2699',
      '2023-09-25-us-kenya-defence-agreement',
      '2021-07-07-moise-assassinated',
    ]);
  });

  it('filters by a department: its towns and localities are inside it', async () => {
    const view = await timeline(services, { location: 'Artibonite' }, TEST_NOW);
    expect(ids(view)).toEqual([
      '2025-03-25-pont-sonde-ambush',
      '2025-03-18-kenyan-officer-shot', // a source places it at Pont-Sondé: shown, disputed
      '2025-02-23-kaetuai-killed',
    ]);
    expect(view.title).toMatch(/Artibonite/);
  });

  it('takes place names without accents, case or hyphens', async () => {
    for (const name of ['pont sonde', 'PONT-SONDÉ', 'Ponsonde', 'pont  sondé']) {
      expect(ids(await timeline(services, { location: name }, TEST_NOW))).toContain('2025-03-25-pont-sonde-ambush');
    }
  });

  it('filters by dates (inclusive), category and actor', async () => {
    expect(ids(await timeline(services, { from: '2025-03-01', to: '2025-03-25' }, TEST_NOW))).toEqual([
      '2025-03-25-pont-sonde-ambush',
      '2025-03-18-kenyan-officer-shot',
    ]);
    expect(ids(await timeline(services, { from: '2024-04', to: '2024-04' }, TEST_NOW))).toEqual([
      '2024-04-henry-resigns',
    ]);
    expect(ids(await timeline(services, { category: 'statement' }, TEST_NOW))).toEqual([
      '2025-03-30-search-continues',
      '2025-03-26-mss-statement-missing-officer',
    ]);
    expect(ids(await timeline(services, { actor: 'HNP' }, TEST_NOW))).toEqual(['2025-03-25-pont-sonde-ambush']);
  });

  it('rejects bad filters with what is accepted', async () => {
    await expect(timeline(services, { location: 'Atlantis' }, TEST_NOW)).rejects.toThrow(/Unknown place "Atlantis"/);
    await expect(timeline(services, { actor: 'martians' }, TEST_NOW)).rejects.toThrow(
      /Unknown actor "martians". Known actors: mss/,
    );
    await expect(timeline(services, { limit: 26 }, TEST_NOW)).rejects.toThrow(
      /limit must be a whole number from 1 to 25/,
    );
    await expect(timeline(services, { from: '2025-04-01', to: '2025-03-01' }, TEST_NOW)).rejects.toThrow(
      /must not be after/,
    );
    await expect(timeline(services, { cursor: 'garbage!' }, TEST_NOW)).rejects.toThrow(/page position is not valid/);
  });
});

describe('timeline paging', () => {
  it('walks 300 events forwards and back without gaps or repeats', async () => {
    const services = await createTestServices();
    const made = new Set<string>();
    await services.store.transaction(async (tx) => {
      for (let i = 0; i < 300; i++) {
        // Several events share a day, so ties are broken by id.
        const day = String(1 + (i % 28)).padStart(2, '0');
        const event = makeEvent({
          occurredAt: `2026-0${1 + (i % 9)}-${day}`,
          place: { placeId: 'kenscoff', text: 'Kenscoff', geoPrecision: 'commune' },
        });
        made.add(event.id);
        await tx.putEvent(event, meta);
      }
    });
    const seen: string[] = [];
    const pages: View[] = [];
    let cursor: string | undefined;
    do {
      const view = await timeline(services, { location: 'kenscoff', limit: 7, cursor }, TEST_NOW);
      pages.push(view);
      seen.push(...(ids(view) as string[]));
      cursor = view.actions?.find((a) => a.label === 'Next')?.cursor;
    } while (cursor);
    const expected = 300 + 1; // the 18 March shooting is placed in Kenscoff (Belot)
    expect(seen).toHaveLength(expected);
    expect(new Set(seen).size).toBe(expected);
    expect(seen.filter((id) => made.has(id))).toHaveLength(300);
    expect(pages.at(-1)?.page).toMatchObject({ number: pages.length, hasNext: false });

    // Back from the last page to the first, by the Previous buttons.
    const back: string[] = [];
    let view = pages.at(-1) as View;
    back.unshift(...(ids(view) as string[]));
    for (let prev = view.actions?.find((a) => a.label === 'Previous')?.cursor; prev; ) {
      view = await timeline(services, { location: 'kenscoff', limit: 7, cursor: prev }, TEST_NOW);
      back.unshift(...(ids(view) as string[]));
      prev = view.actions?.find((a) => a.label === 'Previous')?.cursor;
    }
    expect(back).toEqual(seen);
    expect(view.page).toMatchObject({ number: 1, hasPrevious: false });
  });

  it('keeps page buttons short enough for a Discord custom id', async () => {
    const services = await createTestServices();
    const view = await timeline(
      services,
      { location: 'pont sonde', from: '2021-01-01', to: '2025-12-31', category: 'attack', actor: 'gangs', limit: 1 },
      TEST_NOW,
    );
    const next = view.actions?.find((a) => a.label === 'Next');
    expect(next).toBeDefined();
    expect(next?.args.location).toBe('pont-sonde');
    expect(next?.cursor.length).toBeLessThan(50);
    expect(Object.values(next?.args ?? {}).join('').length).toBeLessThan(50);
  });
});
