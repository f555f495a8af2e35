/**
 * ReliefWeb's reports API (v2, JSON). Every call carries the pre-approved `appname` (a
 * setting); the source's URL keeps whatever filter it was added with (for instance
 * `filter[field]=country.iso3&filter[value]=HTI`), and the fields a lead needs are asked for.
 */
import { z } from 'zod';
import { canonicalLink, type FeedItem, instantOf, ParseFailure, plainText } from './feed-items.ts';

const FIELDS = ['title', 'url', 'url_alias', 'date.original', 'date.created', 'source.name', 'body'];

/** The request for a source: its URL with the appname, newest first, and the fields leads use. */
export function reliefWebUrl(sourceUrl: string, appname: string, limit = 50): string {
  const url = new URL(sourceUrl);
  url.searchParams.set('appname', appname);
  if (!url.searchParams.has('limit')) url.searchParams.set('limit', String(limit));
  if (!url.searchParams.has('sort[]')) url.searchParams.set('sort[]', 'date.created:desc');
  if (!url.searchParams.has('fields[include][]'))
    for (const f of FIELDS) url.searchParams.append('fields[include][]', f);
  return url.toString();
}

const Report = z.object({
  id: z.union([z.string(), z.number()]),
  fields: z.object({
    title: z.string().optional(),
    url: z.string().optional(),
    url_alias: z.string().optional(),
    body: z.string().optional(),
    date: z.object({ original: z.string().optional(), created: z.string().optional() }).optional(),
    source: z.array(z.object({ name: z.string(), shortname: z.string().optional() })).optional(),
  }),
});
const Reports = z.object({ data: z.array(z.unknown()) });

/** The reports of one answer as items; a report without a title or link is left out. */
export function readReliefWeb(body: string): FeedItem[] {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new ParseFailure('ReliefWeb answered with something that is not JSON');
  }
  const page = Reports.safeParse(json);
  if (!page.success) throw new ParseFailure('ReliefWeb answered without a "data" list of reports');
  return page.data.data.flatMap((raw) => {
    const report = Report.safeParse(raw);
    if (!report.success) return [];
    const { id, fields } = report.data;
    const link = canonicalLink(fields.url_alias ?? fields.url ?? `https://reliefweb.int/node/${id}`);
    const title = plainText(fields.title, 300);
    if (!link || !title) return [];
    const publisher = fields.source?.map((s) => s.shortname ?? s.name).join('; ') || 'ReliefWeb';
    return [
      {
        itemKey: `reliefweb:${id}`,
        link,
        title,
        summary: plainText(fields.body, 1000),
        publisher: publisher.slice(0, 200),
        publishedAt: instantOf(fields.date?.original ?? fields.date?.created),
      },
    ];
  });
}
