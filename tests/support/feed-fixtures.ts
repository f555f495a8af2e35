/**
 * Feeds written for the tests: RSS 2.0, Atom, JSON Feed, and ReliefWeb- and ACLED-shaped JSON,
 * each built from plain items so a test says only what matters to it.
 */
export interface FixtureItem {
  title: string;
  link: string;
  id?: string;
  date?: string;
  summary?: string;
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function rssFeed(items: FixtureItem[], title = 'Haiti Wire'): string {
  const body = items
    .map(
      (i) =>
        `<item><title>${xml(i.title)}</title><link>${xml(i.link)}</link>${
          i.id ? `<guid isPermaLink="false">${xml(i.id)}</guid>` : ''
        }${i.date ? `<pubDate>${new Date(i.date).toUTCString()}</pubDate>` : ''}${
          i.summary ? `<description><![CDATA[<p>${i.summary}</p>]]></description>` : ''
        }</item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>${xml(title)}</title><link>https://wire.example.org/</link><description>news</description>\n${body}\n</channel></rss>\n`;
}

export function atomFeed(items: FixtureItem[], title = 'Mission Press'): string {
  const entries = items
    .map(
      (i) =>
        `<entry><title type="html">${xml(i.title)}</title><link rel="alternate" href="${xml(i.link)}"/><id>${xml(
          i.id ?? i.link,
        )}</id><updated>${i.date ?? '2025-03-26T10:00:00Z'}</updated>${
          i.date ? `<published>${i.date}</published>` : ''
        }${i.summary ? `<summary>${xml(i.summary)}</summary>` : ''}</entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>${xml(title)}</title><id>urn:mission-press</id><updated>2025-03-26T10:00:00Z</updated>\n${entries}\n</feed>\n`;
}

export function jsonFeed(items: FixtureItem[], title = 'Port Daily'): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title,
    items: items.map((i) => ({
      id: i.id ?? i.link,
      url: i.link,
      title: i.title,
      content_text: i.summary ?? '',
      ...(i.date ? { date_published: i.date } : {}),
    })),
  });
}

export function reliefWebJson(items: FixtureItem[]): string {
  return JSON.stringify({
    time: 5,
    href: 'https://api.reliefweb.int/v2/reports',
    totalCount: items.length,
    count: items.length,
    data: items.map((i, n) => ({
      id: i.id ?? String(4_100_000 + n),
      score: 1,
      fields: {
        title: i.title,
        url_alias: i.link,
        url: `https://reliefweb.int/node/${i.id ?? 4_100_000 + n}`,
        body: i.summary ?? '',
        date: { original: i.date ?? '2025-03-26T00:00:00+00:00', created: i.date ?? '2025-03-26T00:00:00+00:00' },
        source: [{ name: 'UN Office for the Coordination of Humanitarian Affairs', shortname: 'OCHA' }],
      },
    })),
  });
}

export interface AcledFixtureRow {
  event_id_cnty: string;
  event_date: string;
  location: string;
  notes: string;
  fatalities: number;
  timestamp: number;
  sub_event_type?: string;
}

export function acledJson(rows: AcledFixtureRow[]): string {
  return JSON.stringify({
    status: 200,
    success: true,
    count: rows.length,
    data: rows.map((r) => ({
      event_id_cnty: r.event_id_cnty,
      event_date: r.event_date,
      year: Number(r.event_date.slice(0, 4)),
      time_precision: 1,
      disorder_type: 'Political violence',
      event_type: r.sub_event_type === 'Armed clash' ? 'Battles' : 'Violence against civilians',
      sub_event_type: r.sub_event_type ?? 'Attack',
      actor1: 'Viv Ansanm',
      actor2: 'Civilians (Haiti)',
      country: 'Haiti',
      admin1: 'Artibonite',
      admin2: 'Saint-Marc',
      admin3: 'Saint-Marc',
      location: r.location,
      latitude: '19.15',
      longitude: '-72.61',
      geo_precision: 1,
      source: 'Le Nouvelliste',
      notes: r.notes,
      fatalities: r.fatalities,
      timestamp: r.timestamp,
    })),
  });
}
