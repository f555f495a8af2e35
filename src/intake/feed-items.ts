/**
 * A fetched feed as items: RSS 2.0 (and RDF), Atom and JSON Feed, read by feedsmith, each item
 * reduced to what a lead needs (identity, link, title, summary, publisher, time). Items with no
 * link or no title are left out; a body that is no feed, or malformed XML (checked first by
 * fast-xml-parser's validator), is a ParseFailure with a short reason.
 */
import { decodeHTML } from 'entities';
import { XMLValidator } from 'fast-xml-parser';
import { parseFeed } from 'feedsmith';

export interface FeedItem {
  /** The item's identity within its source: guid or id, else its link. */
  itemKey: string;
  link: string;
  title: string;
  summary?: string | undefined;
  publisher: string;
  publishedAt?: string | undefined;
}

export class ParseFailure extends Error {
  override readonly name = 'ParseFailure';
}

/** Query parameters that only track who clicked: two links that differ by them are one story. */
const TRACKING = /^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|at_medium|at_campaign)$/i;

/** The link without its fragment and tracking parameters, host in lower case; undefined if not http(s). */
export function canonicalLink(link: string, base?: string): string | undefined {
  let url: URL;
  try {
    url = new URL(link.trim(), base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.hash = '';
  for (const key of [...url.searchParams.keys()]) if (TRACKING.test(key)) url.searchParams.delete(key);
  return url.toString();
}

/** Text from a title or summary that may hold HTML: tags dropped, entities decoded, spaces folded. */
export function plainText(text: string | undefined, max: number): string | undefined {
  if (text === undefined) return undefined;
  const plain = decodeHTML(text.replace(/<[^>]*>/g, ' '))
    .replace(/[\p{Cc}\p{Cf}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (plain === '') return undefined;
  return plain.length <= max ? plain : `${plain.slice(0, max - 1).trimEnd()}…`;
}

/** An ISO UTC instant from a feed's date (RFC 822 or ISO 8601), or undefined. */
export function instantOf(date: string | undefined): string | undefined {
  if (!date) return undefined;
  const ms = Date.parse(date);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

interface RawItem {
  key?: string | undefined;
  link?: string | undefined;
  title?: string | undefined;
  summary?: string | undefined;
  publisher?: string | undefined;
  date?: string | undefined;
}

function itemOf(raw: RawItem, feedPublisher: string, base: string): FeedItem | undefined {
  const link = raw.link ? canonicalLink(raw.link, base) : undefined;
  const title = plainText(raw.title, 300);
  if (!link || !title) return undefined;
  return {
    itemKey: raw.key?.trim() || link,
    link,
    title,
    summary: plainText(raw.summary, 1000),
    publisher: plainText(raw.publisher, 200) ?? feedPublisher,
    publishedAt: instantOf(raw.date),
  };
}

/** The items of a feed document; `url` names the feed (publisher fallback, base of relative links). */
export function readFeed(body: string, url: string): FeedItem[] {
  const head = body.trimStart();
  if (head.startsWith('<')) {
    // feedsmith reads a truncated document as far as it goes; a cut-off item is no item to trust.
    const valid = XMLValidator.validate(head);
    if (valid !== true) throw new ParseFailure(`malformed XML at line ${valid.err.line}: ${valid.err.msg}`);
  }
  let parsed: ReturnType<typeof parseFeed<string>>;
  try {
    parsed = parseFeed<string>(body);
  } catch (err) {
    throw new ParseFailure(`not a readable RSS, Atom or JSON feed (${(err as Error).message})`);
  }
  const host = new URL(url).hostname;
  const raws: RawItem[] = [];
  let publisher = host;
  if (parsed.format === 'rss' || parsed.format === 'rdf') {
    publisher = plainText(parsed.feed.title, 200) ?? host;
    for (const item of parsed.feed.items ?? []) {
      const guid = 'guid' in item ? item.guid : undefined;
      raws.push({
        key: guid?.value,
        link: item.link ?? (guid?.isPermaLink !== false ? guid?.value : undefined),
        title: item.title,
        summary: item.description,
        publisher: 'source' in item ? item.source?.title : undefined,
        date: ('pubDate' in item ? item.pubDate : undefined) ?? item.dc?.dates?.[0],
      });
    }
  } else if (parsed.format === 'atom') {
    publisher = plainText(parsed.feed.title?.value, 200) ?? host;
    for (const entry of parsed.feed.entries ?? []) {
      const link = entry.links?.find((l) => (l.rel ?? 'alternate') === 'alternate') ?? entry.links?.[0];
      raws.push({
        key: entry.id,
        link: link?.href,
        title: entry.title?.value,
        summary: entry.summary?.value ?? entry.content?.value,
        date: entry.published ?? entry.updated,
      });
    }
  } else {
    publisher = plainText(parsed.feed.title, 200) ?? host;
    for (const item of parsed.feed.items ?? []) {
      raws.push({
        key: item.id === undefined ? undefined : String(item.id),
        link: item.url ?? item.external_url,
        title: item.title,
        summary: item.summary ?? item.content_text ?? item.content_html,
        date: item.date_published ?? item.date_modified,
      });
    }
  }
  return raws.flatMap((raw) => itemOf(raw, publisher, url) ?? []);
}
