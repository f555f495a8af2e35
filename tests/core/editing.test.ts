import { describe, expect, it } from 'vitest';
import { parseCasualties } from '../../src/core/casualty-text.ts';
import { digest } from '../../src/core/digest.ts';
import { createReport, disputeEvent, editEvent, historyView, retractEvent } from '../../src/core/editing.ts';
import { parseSource, parseWhen } from '../../src/core/report-fields.ts';
import { timeline } from '../../src/core/timeline.ts';
import type { View } from '../../src/core/view.ts';
import { createTestServices, TEST_NOW } from '../support/services.ts';

const by = { author: 'discord:42', now: TEST_NOW };
const good = {
  when: '2025-03-31 16:30',
  place: 'pont sonde',
  category: 'attack',
  casualties: 'MSS injured 2; gang killed at least 3',
  summary: 'Gunmen fire on an MSS patrol near the bridge.',
  source: 'Le Nouvelliste https://lenouvelliste.com/article/1',
  confidence: 'reported',
};
const ids = (view: View) => view.sections.flatMap((s) => s.items ?? []).map((i) => i.id);

describe('report fields', () => {
  it('reads dates as precise as given, in local time, never in the future', async () => {
    const tz = 'America/Port-au-Prince';
    expect(parseWhen('2025-03-31 16:30', tz, TEST_NOW)).toEqual({
      occurredAt: '2025-03-31T16:30:00-04:00',
      timePrecision: 'datetime',
    });
    expect(parseWhen('25 March 2025', tz, TEST_NOW)).toEqual({ occurredAt: '2025-03-25', timePrecision: 'day' });
    expect(parseWhen('2025-03', tz, TEST_NOW)).toEqual({ occurredAt: '2025-03', timePrecision: 'month' });
    expect(() => parseWhen('2025-04-02', tz, TEST_NOW)).toThrow(/in the future/);
    expect(() => parseWhen('2025-02-30', tz, TEST_NOW)).toThrow(/not a date/);
  });

  it('reads casualties by group and source with publisher and link', async () => {
    expect(parseCasualties('MSS killed 1; at least 3 civilians injured; gang injured unknown')).toEqual([
      { group: 'mss', kind: 'killed', count: 1, qualifier: 'exact' },
      { group: 'civilian', kind: 'injured', count: 3, qualifier: 'at-least' },
      { group: 'gang', kind: 'injured', count: null, qualifier: 'unknown' },
    ]);
    expect(() => parseCasualties('killed 3')).toThrow(/names no group/);
    expect(parseSource('https://www.haitilibre.com/x')).toEqual({
      publisher: 'haitilibre.com',
      url: 'https://www.haitilibre.com/x',
    });
  });
});

describe('reporting and changing events', () => {
  it('stores a report with its author; it shows in the next timeline and digest', async () => {
    const services = await createTestServices();
    const result = await createReport(services, good, by);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const id = result.stored.event.id;
    expect(result.view.title).toBe(`Recorded ${id}`);
    expect(result.stored.event).toMatchObject({
      place: { placeId: 'pont-sonde' },
      actors: ['mss', 'gangs'],
      sources: [{ publisher: 'Le Nouvelliste', url: 'https://lenouvelliste.com/article/1' }],
      reportedAt: TEST_NOW.toISOString(),
    });
    expect((await services.store.history(id))[0]).toMatchObject({ author: 'discord:42', reason: 'reported from chat' });
    expect(ids(await timeline(services, { limit: 1 }, TEST_NOW))).toEqual([id]);
    expect(ids(await timeline(services, { location: 'Artibonite', limit: 1 }, TEST_NOW))).toEqual([id]);
    const posted = await digest(services, {}, new Date(TEST_NOW.getTime() + 60_000));
    expect(ids(posted)).toEqual([id]);
    expect(posted.sections[0]?.items?.[0]?.badges).toContain('new');
  });

  it('names every bad field, keeps nothing, and a double submission records once', async () => {
    const services = await createTestServices();
    const before = await services.store.countEvents({});
    const bad = await createReport(
      services,
      { ...good, when: 'yesterday-ish', place: 'Atlantis', casualties: 'lots' },
      by,
    );
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(Object.keys(bad.errors).sort()).toEqual(['casualties', 'place', 'when']);
    expect(bad.errors.place).toMatch(/Unknown place "Atlantis"/);
    expect(await services.store.countEvents({})).toBe(before);
    const first = await createReport(services, good, by);
    const second = await createReport(services, good, by);
    expect(second.ok && first.ok && second.stored.event.id === first.stored.event.id).toBe(true);
    expect(second.ok && second.view.title).toMatch(/^Already recorded/);
    expect(await services.store.countEvents({})).toBe(before + 1);
  });

  it('edits, disputes and retracts, keeping every version with who, when and why', async () => {
    const services = await createTestServices();
    const created = await createReport(services, good, by);
    if (!created.ok) throw new Error('report failed');
    const id = created.stored.event.id;
    const later = { author: 'slack:U1', now: new Date(TEST_NOW.getTime() + 3600_000) };
    const edited = await editEvent(
      services,
      id,
      { summary: 'Gunmen fire on an MSS patrol.', place: 'Pont-Sondé' },
      'wording',
      later,
    );
    expect(edited.ok && edited.stored.revision).toBe(2);
    expect(edited.ok && edited.stored.event.place.placeId).toBe('pont-sonde');
    const badEdit = await editEvent(services, id, { when: 'soon' }, 'typo', later);
    expect(badEdit.ok ? undefined : badEdit.errors.when).toMatch(/not a date/);
    await expect(editEvent(services, id, { summary: 'x' }, ' ', later)).rejects.toThrow(/reason/);

    const disputed = await disputeEvent(
      services,
      id,
      { field: 'place', value: 'Kenscoff', source: 'Radio Kiskeya' },
      later,
    );
    expect(disputed.ok && disputed.stored.event.confidence).toBe('disputed');
    expect(disputed.ok && disputed.stored.event.claims[0]).toMatchObject({
      field: 'place',
      standing: 'contested',
      placeId: 'kenscoff',
      source: { publisher: 'Radio Kiskeya' },
    });
    expect(ids(await timeline(services, { location: 'Kenscoff', limit: 5 }, TEST_NOW))).toContain(id);

    await retractEvent(services, id, 'duplicate of an earlier report', later);
    expect(ids(await timeline(services, { limit: 25 }, TEST_NOW))).not.toContain(id);
    await expect(retractEvent(services, id, 'again', later)).rejects.toThrow(/already retracted/);

    const history = await historyView(services, id);
    const items = history.sections[0]?.items ?? [];
    expect(items.map((i) => i.title)).toEqual([
      'Revision 1 by discord:42: reported from chat',
      'Revision 2 by slack:U1: wording',
      'Revision 3 by slack:U1: disputed: place "Kenscoff" per Radio Kiskeya',
      'Revision 4 by slack:U1: duplicate of an earlier report',
    ]);
    expect(items[1]?.text).toMatch(/^Changed: summary\./);
    expect(items[3]?.badges).toContain('retracted');
    expect(history.summary).toMatch(/current one is 4 \(retracted\)/);
    const posted = await digest(services, { since: '2025-04-01', until: '2025-04-02' }, TEST_NOW);
    expect(posted.sections[0]?.items?.[0]?.text).toMatch(/^Retracted: duplicate of an earlier report\./);
  });

  it('an unknown id is a clear error', async () => {
    const services = await createTestServices();
    await expect(historyView(services, 'no-such-event')).rejects.toThrow(/No event has the id "no-such-event"/);
    await expect(retractEvent(services, 'no-such-event', 'x', by)).rejects.toThrow(/No event has the id/);
  });
});
