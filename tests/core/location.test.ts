import { beforeAll, describe, expect, it } from 'vitest';
import { locationReport } from '../../src/core/location.ts';
import type { Services } from '../../src/core/services.ts';
import type { View } from '../../src/core/view.ts';
import { createTestServices, TEST_NOW } from '../support/services.ts';

const section = (view: View, prefix: string) => view.sections.find((s) => s.heading.startsWith(prefix));
const itemIds = (view: View, prefix: string) => (section(view, prefix)?.items ?? []).map((i) => i.id);
const fieldValue = (view: View, prefix: string, label: string) =>
  section(view, prefix)?.fields?.find((f) => f.label === label)?.value;

describe('location report on the seed data', () => {
  let services: Services;
  beforeAll(async () => {
    services = await createTestServices();
  });

  it('Pont-Sondé: in Saint-Marc, Artibonite (not Port-au-Prince), with its events and neighbours', async () => {
    const view = await locationReport(services, 'pont sonde', {}, TEST_NOW);
    expect(view.title).toBe('Pont-Sondé: what happened');
    expect(fieldValue(view, 'Where', 'In')).toMatch(/^Saint-Marc, .*Artibonite$/);
    expect(fieldValue(view, 'Where', 'In')).not.toMatch(/Port-au-Prince/);
    expect(itemIds(view, 'What happened in')).toEqual([
      '2025-03-25-pont-sonde-ambush',
      '2025-03-18-kenyan-officer-shot',
    ]);
    expect(section(view, 'What happened in')?.items?.[1]?.badges).toContain('disputed');
    expect(itemIds(view, 'Within 10 km')).toEqual(['2025-02-23-kaetuai-killed']);
    // Each event once: no separate "latest event" repeating the newest one.
    expect(itemIds(view, 'Latest event')).toEqual([]);
    expect(view.sections.flatMap((s) => s.items ?? []).map((i) => i.id)).toEqual([
      ...new Set(view.sections.flatMap((s) => s.items ?? []).map((i) => i.id)),
    ]);
    // The Kenyan officer killed at Ségur-Savien counts within 10 km, not in Pont-Sondé itself.
    expect(fieldValue(view, 'Casualties reported in Pont-Sondé', 'MSS killed')).toBeUndefined();
    expect(fieldValue(view, 'Casualties reported within 10 km', 'MSS killed')).toBe('1');
    expect(fieldValue(view, 'Casualties reported in Pont-Sondé', 'MSS missing')).toBe('1 (1 from disputed reports)');
    expect(view.map?.marks.length).toBe(3);
  });

  it('a department contains its towns and localities', async () => {
    const view = await locationReport(services, 'Artibonite', {}, TEST_NOW);
    expect(itemIds(view, 'What happened in')).toEqual([
      '2025-03-25-pont-sonde-ambush',
      '2025-03-18-kenyan-officer-shot',
      '2025-02-23-kaetuai-killed',
    ]);
    expect(section(view, 'Within')).toBeUndefined();
    expect(fieldValue(view, 'Casualties', 'MSS killed')).toBe('1');
  });

  it('Kenscoff holds the 18 March shooting (Belot) as disputed', async () => {
    const view = await locationReport(services, 'KENSCOFF', {}, TEST_NOW);
    const items = section(view, 'What happened in')?.items ?? [];
    expect(items.map((i) => i.id)).toEqual(['2025-03-18-kenyan-officer-shot']);
    expect(items[0]?.claims?.join('\n')).toMatch(/Place \(contested\): Belot area, Kenscoff/);
    expect(items[0]?.claims?.join('\n')).toMatch(/Condition \(contested\): Senior officer shot in the head, critical/);
  });

  it('a window and a radius narrow and widen the report', async () => {
    const march = await locationReport(services, 'Pont-Sondé', { from: '2025-03-20', to: '2025-03-31' }, TEST_NOW);
    expect(itemIds(march, 'What happened in')).toEqual(['2025-03-25-pont-sonde-ambush']);
    const none = await locationReport(services, 'Pont-Sondé', { radiusKm: 0 }, TEST_NOW);
    expect(section(none, 'Within')).toBeUndefined();
  });

  it('an unknown place gets the closest names; a bad radius is refused', async () => {
    await expect(locationReport(services, 'Pon Son', {}, TEST_NOW)).rejects.toThrow(/Did you mean: Pont-Sondé/);
    await expect(locationReport(services, 'Pont-Sondé', { radiusKm: 500 }, TEST_NOW)).rejects.toThrow(
      /radius_km must be from 0 to 200/,
    );
  });
});

describe('location report nearby totals', () => {
  it('sums every event within the radius, however many, and counts them', async () => {
    const { makeEvent } = await import('../support/events.ts');
    const services = await createTestServices();
    const near = 'Casualties reported within 10 km';
    const before = await locationReport(services, 'pont sonde', {}, TEST_NOW);
    // "unknown (1 report)" counts 0; "at least 420, plus 1 report with no number" counts 420.
    const gangInjured = (view: View) => {
      const value = fieldValue(view, near, 'Gang injured') ?? '0';
      return value.startsWith('unknown') ? 0 : Number(/\d[\d,]*/.exec(value)?.[0].replace(/,/g, ''));
    };
    const base = gangInjured(before);
    await services.store.transaction(async (tx) => {
      for (let i = 0; i < 210; i++) {
        const event = makeEvent({
          place: { placeId: 'segur-savien', text: 'Ségur-Savien', geoPrecision: 'locality' },
          casualties: [{ group: 'gang', kind: 'injured', count: 2, qualifier: 'exact' }],
        });
        await tx.putEvent(event, { author: 't', reason: 't', at: '2025-04-01T00:00:00.000Z' });
      }
    });
    const view = await locationReport(services, 'pont sonde', {}, TEST_NOW);
    expect(gangInjured(view)).toBe(base + 420);
    // The place's own totals leave its neighbours out.
    expect(fieldValue(view, 'Casualties reported in Pont-Sondé', 'Gang injured')).toBe(
      fieldValue(before, 'Casualties reported in Pont-Sondé', 'Gang injured'),
    );
    expect(itemIds(view, 'Within 10 km')).toHaveLength(10);
    expect(section(view, 'Within 10 km')?.heading).toMatch(/\(21\d events, Pont-Sondé included\)/);
    expect(view.summary).toMatch(/within 10 km \(here included\)/);
  });
});
