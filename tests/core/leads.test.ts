/** What Sitrep reads from an item: places, day, category, casualties, title key, matching events. */
import { describe, expect, it } from 'vitest';
import { readCasualties } from '../../src/core/lead-casualties.ts';
import { matchEvents, readLead, titleKey } from '../../src/core/leads.ts';
import { Gazetteer } from '../../src/core/places.ts';
import { makeEvent } from '../support/events.ts';
import { testSeed } from '../support/services.ts';

const gazetteer = new Gazetteer(testSeed().places);
const ctx = { gazetteer, timeZone: 'America/Port-au-Prince' };
const now = new Date('2025-04-01T12:00:00Z');

describe('readLead', () => {
  it.each([
    ['English', 'Gang attack in Pont-Sondé kills 12', 'pont-sonde', 'attack'],
    ['French', 'Enlèvement de deux religieuses à Kenscoff', 'kenscoff', 'kidnapping'],
    ['Creole', 'Kidnapin nan Kwadebouke: 3 moun anlve', 'croix-des-bouquets', 'kidnapping'],
  ])('%s: place and category', (_lang, title, placeId, category) => {
    const reading = readLead({ title, publishedAt: '2025-03-26T14:00:00Z' }, now, ctx);
    expect(reading.placeIds[0]).toBe(placeId);
    expect(reading.category).toBe(category);
    expect(reading.occurredOn).toBe('2025-03-26');
  });

  it('the day the words name, read from the publication time, not from now', () => {
    const reading = readLead(
      { title: 'Clashes in Delmas yesterday', publishedAt: '2025-03-26T14:00:00Z' },
      new Date('2026-01-01T00:00:00Z'),
      ctx,
    );
    expect(reading.occurredOn).toBe('2025-03-25');
    expect(reading.category).toBe('clash');
  });

  it('no publication time: the day of `now`, in the mission time zone', () => {
    expect(readLead({ title: 'News' }, new Date('2025-04-01T02:00:00Z'), ctx).occurredOn).toBe('2025-03-31');
  });
});

describe('readCasualties', () => {
  it.each([
    [
      'Gang attack in Pont-Sondé kills 12 and wounds 5',
      [
        ['other', 'killed', 12, 'exact'],
        ['other', 'injured', 5, 'exact'],
      ],
    ],
    ['At least 5 people were injured in Delmas', [['civilian', 'injured', 5, 'at-least']]],
    ['Au moins 10 morts à Kenscoff', [['other', 'killed', 10, 'at-least']]],
    ['15 moun mouri nan Kwadebouke', [['civilian', 'killed', 15, 'exact']]],
    ['Gangs kidnapped 3 nuns', [['civilian', 'captured', 3, 'exact']]],
    ['Two police officers killed in Port-au-Prince', [['police', 'killed', 2, 'exact']]],
    [
      'Attaque: 4 policiers tués et 2 blessés',
      [
        ['police', 'killed', 4, 'exact'],
        ['other', 'injured', 2, 'exact'],
      ],
    ],
    ['Mission deploys 200 officers in 2025', []],
  ])('%s', (text, expected) => {
    const got = readCasualties(text).map((c) => [c.group, c.kind, c.count, c.qualifier]);
    expect(got.sort()).toEqual([...expected].sort());
  });
});

describe('titleKey', () => {
  it('near-identical headlines share a key; different stories do not', () => {
    const a = titleKey('Gang attack in Pont-Sondé kills 12 - Reuters');
    expect(titleKey('Gang Attack in Pont Sonde Kills 12')).toBe(a);
    expect(titleKey('gang attack kills 12 in Pont-Sondé | Le Nouvelliste')).toBe(a);
    expect(titleKey('Gang attack in Pont-Sondé kills 14')).not.toBe(a);
    expect(titleKey('Haiti - Security')).toBe('haiti security');
  });
});

describe('matchEvents', () => {
  const ambush = makeEvent({ id: 'ambush', occurredAt: '2025-03-25', category: 'attack' });
  const elsewhere = makeEvent({
    id: 'elsewhere',
    occurredAt: '2025-03-25',
    category: 'attack',
    place: { placeId: 'kenscoff', text: 'Kenscoff', geoPrecision: 'locality' },
  });
  const older = makeEvent({ id: 'older', occurredAt: '2025-02-01', category: 'attack' });

  it('same place, same day, same category: likely the same event; others are not', () => {
    const reading = readLead(
      { title: 'Gang attack in Pont-Sondé kills 12', publishedAt: '2025-03-25T22:00:00Z' },
      now,
      ctx,
    );
    const matches = matchEvents(reading, [older, elsewhere, ambush], gazetteer);
    expect(matches).toEqual([{ eventId: 'ambush', score: 1, why: 'same place, same day, same category' }]);
  });

  it('a day later in the commune around it still matches, with a lower score', () => {
    const reading = readLead({ title: 'Attack near Saint-Marc', publishedAt: '2025-03-26T18:00:00Z' }, now, ctx);
    const [match] = matchEvents(reading, [ambush], gazetteer);
    expect(match).toMatchObject({ eventId: 'ambush', why: 'place inside the other, 1 day apart, same category' });
    expect(match?.score).toBeCloseTo(0.8);
  });
});
