import { describe, expect, it } from 'vitest';
import { digest } from '../../src/core/digest.ts';
import type { View } from '../../src/core/view.ts';
import { makeEvent } from '../support/events.ts';
import { createTestServices, TEST_NOW } from '../support/services.ts';

const items = (view: View) => view.sections.find((s) => s.heading === 'Reported in this period')?.items ?? [];

describe('digest', () => {
  it('lists what was reported in the window, new items marked, with sources and disputes', async () => {
    const view = await digest(await createTestServices(), { since: '2025-03-25', until: '2025-03-27' }, TEST_NOW);
    expect(items(view).map((i) => i.id)).toEqual([
      '2025-03-26-mss-statement-missing-officer',
      '2025-03-25-pont-sonde-ambush',
    ]);
    expect(items(view)[1]?.badges).toEqual(['new', 'disputed', 'corrected']);
    expect(items(view)[1]?.sources.length).toBe(3);
    const figures = view.sections.find((s) => s.heading === 'Changed figures')?.fields ?? [];
    expect(figures.map((f) => f.label)).toContain('Kenyan police deployed');
    const missing = view.sections
      .find((s) => s.heading === 'MSS casualties to date')
      ?.fields?.find((f) => f.label === 'Missing');
    expect(missing?.value).toBe('1 (1 from disputed reports) (+1 in this period)');
  });

  it('carries a map of its located events, centred on Haiti, in its language; a quiet day has none', async () => {
    const services = await createTestServices();
    const view = await digest(services, { since: '2025-03-25', until: '2025-03-27', language: 'fr' }, TEST_NOW);
    expect(view.map?.center.label).toBe(services.gazetteer.get('ht')?.name);
    expect(view.map?.language).toBe('fr');
    expect(view.map?.title).toMatch(/^Haïti : signalé du 25 mars 2025 au 27 mars 2025$/);
    // The ambush has its own point (1 missing, 2 reports with no number); the statement has none.
    expect(view.sections[0]?.items).toHaveLength(2);
    expect(view.map?.marks).toEqual([expect.objectContaining({ lat: 19.16, lon: -72.59, weight: 3 })]);
    const quiet = await digest(services, { since: '2025-05-01', until: '2025-05-02' }, TEST_NOW);
    expect(quiet.map).toBeUndefined();
  });

  it('leaves retracted events off the map and centres a place digest on the place', async () => {
    const services = await createTestServices();
    const at = '2025-05-01T12:00:00.000Z';
    await services.store.putEvent(makeEvent({ id: 'kept' }), { author: 'a', reason: 'new', at });
    await services.store.putEvent(makeEvent({ id: 'gone', confidence: 'retracted' }), { author: 'a', reason: 'x', at });
    const view = await digest(
      services,
      { since: '2025-05-01', until: '2025-05-02', placeId: 'pont-sonde' },
      new Date('2025-05-03T00:00:00Z'),
    );
    expect(view.map?.center.label).toBe('Pont-Sondé');
    expect(view.map?.marks).toHaveLength(1);
  });

  it('says so on a quiet day', async () => {
    const view = await digest(await createTestServices(), { since: '2025-05-01', until: '2025-05-02' }, TEST_NOW);
    expect(view.summary).toBe('Nothing new since 1 May 2025, 00:00.');
    expect(items(view)).toEqual([]);
  });

  it('marks updated and retracted events, filters by place, and cuts a long day', async () => {
    const services = await createTestServices();
    const at = (h: number) => `2025-04-02T${String(h).padStart(2, '0')}:00:00.000Z`;
    const base = makeEvent({ place: { placeId: 'kenscoff', text: 'Kenscoff', geoPrecision: 'commune' } });
    await services.store.putEvent(base, { author: 'a', reason: 'new', at: at(1) });
    await services.store.putEvent(
      { ...base, summary: 'Corrected summary.' },
      { author: 'b', reason: 'fix', at: '2025-04-03T10:00:00.000Z' },
    );
    const retract = makeEvent();
    await services.store.putEvent(retract, { author: 'a', reason: 'new', at: at(2) });
    await services.store.putEvent(
      { ...retract, confidence: 'retracted' },
      { author: 'b', reason: 'false report', at: '2025-04-03T11:00:00.000Z' },
    );
    for (let i = 0; i < 30; i++)
      await services.store.putEvent(makeEvent(), { author: 'a', reason: 'bulk', at: '2025-04-03T12:00:00.000Z' });

    const day = await digest(services, { since: '2025-04-03', until: '2025-04-04', maxItems: 10 }, TEST_NOW);
    expect(items(day)).toHaveLength(10);
    expect(day.sections.map((s) => s.heading)).toContain('+22 more: see /timeline');

    const listed = items(await digest(services, { since: '2025-04-03', until: '2025-04-04', maxItems: 40 }, TEST_NOW));
    expect(listed).toHaveLength(32);
    expect(listed.find((i) => i.id === base.id)?.badges).toContain('updated');
    expect(listed.find((i) => i.id === retract.id)?.text).toMatch(/^Retracted: false report\./);

    const kenscoff = await digest(
      services,
      { since: '2025-04-03', until: '2025-04-04', placeId: 'kenscoff' },
      TEST_NOW,
    );
    expect(items(kenscoff).map((i) => i.id)).toEqual([base.id]);
  });

  it('includes the last day typed, as timeline --to does; an instant still ends the period', async () => {
    const services = await createTestServices();
    const oneDay = await digest(services, { since: '2025-03-26', until: '2025-03-26' }, TEST_NOW);
    expect(oneDay.title).toBe('Sitrep digest: 26 Mar 2025 to 26 Mar 2025');
    // The same day as a half-open range of instants: local midnight to the next local midnight.
    const asInstants = await digest(
      services,
      { since: '2025-03-26T04:00:00.000Z', until: '2025-03-27T04:00:00.000Z' },
      TEST_NOW,
    );
    expect(items(oneDay).length).toBeGreaterThan(0);
    expect(items(oneDay).map((i) => i.id)).toEqual(items(asInstants).map((i) => i.id));
    const before = await digest(services, { since: '2025-03-25', until: '2025-03-25' }, TEST_NOW);
    expect(items(before).map((i) => i.id)).not.toEqual(items(oneDay).map((i) => i.id));
  });

  it('rejects a window that ends before it starts', async () => {
    await expect(
      digest(await createTestServices(), { since: '2025-04-02', until: '2025-04-01' }, TEST_NOW),
    ).rejects.toThrow(/must start before it ends/);
    await expect(digest(await createTestServices(), { since: 'soon' }, TEST_NOW)).rejects.toThrow(/not a date/);
  });
});

describe('digest time zone', () => {
  it("shows times in the channel's zone when given", async () => {
    const view = await digest(
      await createTestServices(),
      { since: '2025-03-25T12:00:00Z', until: '2025-03-27T12:00:00Z', timeZone: 'Europe/Paris' },
      TEST_NOW,
    );
    expect(view.title).toBe('Sitrep digest: 25 Mar 2025, 13:00 to 27 Mar 2025, 13:00');
    expect(view.footer).toMatch(/^Times in Europe\/Paris/);
  });
});
