/** Feeds read into items: RSS, Atom, JSON Feed, ReliefWeb and ACLED answers, and what is not a feed. */
import { describe, expect, it } from 'vitest';
import { readAcledRows } from '../../src/intake/acled-api.ts';
import { canonicalLink, ParseFailure, readFeed } from '../../src/intake/feed-items.ts';
import { readReliefWeb, reliefWebUrl } from '../../src/intake/reliefweb.ts';
import { acledJson, atomFeed, jsonFeed, reliefWebJson, rssFeed } from '../support/feed-fixtures.ts';
import { createTestServices } from '../support/services.ts';

const item = {
  title: 'Gang attack in Pont-Sondé kills 12 & wounds 5',
  link: 'https://wire.example.org/a/1?utm_source=rss&id=7#top',
  id: 'wire-1',
  date: '2025-03-25T20:30:00Z',
  summary: 'At least <b>12</b> people were killed.',
};

describe('readFeed', () => {
  it.each([
    ['RSS 2.0', rssFeed([item]), 'Haiti Wire'],
    ['Atom', atomFeed([item]), 'Mission Press'],
    ['JSON Feed', jsonFeed([item]), 'Port Daily'],
  ])('%s: title, canonical link, id, publisher, time, plain summary', (_name, body, publisher) => {
    const [read] = readFeed(body, 'https://wire.example.org/feed');
    expect(read).toEqual({
      itemKey: 'wire-1',
      link: 'https://wire.example.org/a/1?id=7',
      title: 'Gang attack in Pont-Sondé kills 12 & wounds 5',
      summary: 'At least 12 people were killed.',
      publisher,
      publishedAt: '2025-03-25T20:30:00.000Z',
    });
  });

  it('leaves out items without a link or a title; an item without an id is known by its link', () => {
    const body = rssFeed([
      { title: 'No id', link: 'https://wire.example.org/b' },
      { title: '', link: 'https://wire.example.org/c' },
      { title: 'Not a web link', link: 'javascript:alert(1)' },
    ]);
    expect(readFeed(body, 'https://wire.example.org/feed').map((i) => i.itemKey)).toEqual([
      'https://wire.example.org/b',
    ]);
  });

  it.each([
    ['truncated XML', '<rss version="2.0"><channel><item><title>x</title>'],
    ['HTML', '<!doctype html><html><body>Not found</body></html>'],
    ['empty', ''],
    ['JSON that is no feed', '{"hello": 1}'],
  ])('%s is a ParseFailure, not a crash', (_name, body) => {
    expect(() => readFeed(body, 'https://wire.example.org/feed')).toThrow(ParseFailure);
  });

  it('canonical links: no fragment, no tracking parameters, lower-case host', () => {
    expect(canonicalLink('HTTPS://Wire.Example.org/x?utm_medium=a&fbclid=b&p=1#c')).toBe(
      'https://wire.example.org/x?p=1',
    );
    expect(canonicalLink('/rel', 'https://wire.example.org/feed')).toBe('https://wire.example.org/rel');
    expect(canonicalLink('mailto:a@b.c')).toBeUndefined();
  });
});

describe('ReliefWeb', () => {
  it('every request carries the appname and asks for the fields leads use', () => {
    const url = new URL(
      reliefWebUrl('https://api.reliefweb.int/v2/reports?filter[field]=country.iso3&filter[value]=HTI', 'sitrep-x1'),
    );
    expect(url.searchParams.get('appname')).toBe('sitrep-x1');
    expect(url.searchParams.get('filter[value]')).toBe('HTI');
    expect(url.searchParams.getAll('fields[include][]')).toContain('url_alias');
  });

  it('reports become items: alias link, source short name, original date', () => {
    const [read] = readReliefWeb(
      reliefWebJson([
        { title: 'Haiti: Displacement in Artibonite', link: 'https://reliefweb.int/report/haiti/x', id: '42' },
      ]),
    );
    expect(read).toMatchObject({
      itemKey: 'reliefweb:42',
      link: 'https://reliefweb.int/report/haiti/x',
      publisher: 'OCHA',
      publishedAt: '2025-03-26T00:00:00.000Z',
    });
    expect(() => readReliefWeb('<html>')).toThrow(ParseFailure);
    expect(() => readReliefWeb('{"error": "AccessDenied"}')).toThrow(ParseFailure);
  });
});

describe('ACLED rows', () => {
  it('become events through the ACLED import mapping; bad rows are listed; the cursor is the latest timestamp', async () => {
    const services = await createTestServices();
    const body = acledJson([
      {
        event_id_cnty: 'HTI20001',
        event_date: '2025-03-25',
        location: 'Pont-Sonde',
        notes: 'Gang members attacked residents.',
        fatalities: 3,
        timestamp: 1742900000,
      },
      { event_id_cnty: 'HTI20002', event_date: 'soon', location: 'X', notes: '', fatalities: 0, timestamp: 1742900500 },
    ]);
    const batch = readAcledRows(body, services);
    expect(batch.events).toHaveLength(1);
    expect(batch.events[0]).toMatchObject({
      id: 'acled-hti20001',
      category: 'attack',
      place: { placeId: 'pont-sonde' },
      casualties: [{ count: 3, kind: 'killed' }],
    });
    expect(batch.invalid).toEqual([{ row: 2, reason: expect.stringMatching(/event_date/) }]);
    expect(batch.cursor).toBe('1742900500');
    expect(() => readAcledRows('{"data": 5}', services)).toThrow(ParseFailure);
  });
});
