/**
 * One poll of one source: fetch it politely, read its items (or ACLED rows), turn each item into
 * a lead draft (what Sitrep reads from it, and the recorded events it likely describes), record
 * them, and say when the source is due next. Whatever the source does, this returns a report.
 */
import { createHash } from 'node:crypto';
import type { IntakeStore, LeadDraft, PollResult, Source } from '../core/intake-port.ts';
import { MATCH_DAYS, matchEvents, readLead, titleKey } from '../core/leads.ts';
import type { Event } from '../core/schemas.ts';
import type { Services } from '../core/services.ts';
import { dayAfter } from '../core/time.ts';
import { type AcledAuth, fetchAcled, readAcledRows } from './acled-api.ts';
import { type AcledWrite, storeAcledEvents } from './acled-events.ts';
import { type FeedItem, ParseFailure, readFeed } from './feed-items.ts';
import type { HttpClient } from './http-client.ts';
import { type FetchLimits, type FetchOutcome, politeFetch } from './polite-fetch.ts';
import { afterFailure, afterSuccess, type PollPolicy } from './poll-policy.ts';
import { readReliefWeb, reliefWebUrl } from './reliefweb.ts';

export interface IntakeContext {
  intake: IntakeStore;
  services: Pick<Services, 'store' | 'gazetteer' | 'actors' | 'settings'>;
  client: HttpClient;
  limits: FetchLimits;
  policy: PollPolicy;
  /** ReliefWeb's pre-approved application name; ReliefWeb sources fail without it. */
  reliefWebAppname?: string | undefined;
  /** Signs in to ACLED; ACLED sources fail without it. */
  acled?: AcledAuth | undefined;
}

export interface PollReport {
  sourceId: number;
  url: string;
  outcome: 'fetched' | 'not-modified' | 'failed';
  created: number;
  updated: number;
  joined: number;
  unchanged: number;
  /** ACLED sources: events written. */
  events?: AcledWrite | undefined;
  /** Why it failed; with `paused`, why the source is paused now. */
  reason?: string | undefined;
  paused?: boolean | undefined;
}

type Failure = Extract<FetchOutcome, { kind: 'failed' }>;
const failed = (reason: string, permanent: boolean): Failure => ({ kind: 'failed', reason, permanent });

function fetchFor(ctx: IntakeContext, source: Source, now: Date): Promise<FetchOutcome> {
  const validators = { etag: source.etag, lastModified: source.lastModified };
  if (source.kind === 'acled') {
    if (!ctx.acled) return Promise.resolve(failed('ACLED_EMAIL and ACLED_PASSWORD are not set', true));
    return fetchAcled(ctx.client, ctx.acled, source.url, source.cursor, ctx.limits, now);
  }
  if (source.kind === 'reliefweb') {
    if (!ctx.reliefWebAppname) return Promise.resolve(failed('RELIEFWEB_APPNAME is not set', true));
    const url = reliefWebUrl(source.url, ctx.reliefWebAppname);
    return politeFetch(ctx.client, { url, validators, headers: { accept: 'application/json' } }, ctx.limits, now);
  }
  const accept = 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.8';
  return politeFetch(ctx.client, { url: source.url, validators, headers: { accept } }, ctx.limits, now);
}

function hashOf(item: FeedItem): string {
  return createHash('sha256')
    .update(`${item.title}\u0000${item.summary ?? ''}\u0000${item.publishedAt ?? ''}`)
    .digest('hex')
    .slice(0, 32);
}

/** Lead drafts for the items: each read, and matched against recorded events near it in place and time. */
export async function draftsOf(
  ctx: Pick<IntakeContext, 'services'>,
  source: Source,
  items: readonly FeedItem[],
  now: Date,
): Promise<LeadDraft[]> {
  const { store, gazetteer, settings } = ctx.services;
  const nearby = new Map<string, Event[]>();
  const drafts: LeadDraft[] = [];
  for (const item of items) {
    const reading = readLead(item, now, { gazetteer, timeZone: settings.timeZone });
    let matches: LeadDraft['reading']['matches'] = [];
    const place = reading.placeIds[0];
    const department = place ? (gazetteer.departmentOf(place)?.id ?? place) : undefined;
    if (department && reading.occurredOn) {
      const key = `${department}|${reading.occurredOn}`;
      let candidates = nearby.get(key);
      if (!candidates) {
        const from = new Date(Date.parse(reading.occurredOn) - MATCH_DAYS * 86_400_000).toISOString().slice(0, 10);
        const until = dayAfter(
          new Date(Date.parse(reading.occurredOn) + MATCH_DAYS * 86_400_000).toISOString().slice(0, 10),
        );
        const page = await store.listEvents({ placeId: department, from, until }, { limit: 50 });
        candidates = page.events.map((e) => e.event);
        nearby.set(key, candidates);
      }
      matches = matchEvents(reading, candidates, gazetteer);
    }
    drafts.push({
      sourceId: source.id,
      itemKey: item.itemKey,
      link: item.link,
      title: item.title,
      summary: item.summary,
      publisher: item.publisher,
      publishedAt: item.publishedAt,
      contentHash: hashOf(item),
      titleKey: titleKey(item.title),
      reading: { ...reading, matches },
    });
  }
  return drafts;
}

/** Polls a source this process has claimed; returns what happened and the poll state to record. */
export async function pollSource(
  ctx: IntakeContext,
  source: Source,
  now: Date,
): Promise<{ report: PollReport; result: PollResult }> {
  const report: PollReport = {
    sourceId: source.id,
    url: source.url,
    outcome: 'failed',
    created: 0,
    updated: 0,
    joined: 0,
    unchanged: 0,
  };
  const fail = (failure: Failure) => {
    const result = afterFailure(source, now, failure, ctx.policy);
    return { report: { ...report, reason: failure.reason, paused: result.pauseReason !== undefined }, result };
  };
  const fetched = await fetchFor(ctx, source, now);
  if (fetched.kind === 'failed') return fail(fetched);
  if (fetched.kind === 'not-modified') {
    const validators = {
      etag: fetched.validators.etag ?? source.etag,
      lastModified: fetched.validators.lastModified ?? source.lastModified,
    };
    return {
      report: { ...report, outcome: 'not-modified' },
      result: afterSuccess(source, now, { delivered: false, ...validators }),
    };
  }
  const text = fetched.body.toString('utf8');
  try {
    if (source.kind === 'acled') {
      const batch = readAcledRows(text, ctx.services);
      const events = await storeAcledEvents(ctx.services.store, batch.events, source.url, now);
      const delivered = events.created + events.updated > 0;
      return {
        report: { ...report, outcome: 'fetched', events },
        result: afterSuccess(source, now, { delivered, cursor: batch.cursor }),
      };
    }
    const items = source.kind === 'reliefweb' ? readReliefWeb(text) : readFeed(text, fetched.url);
    const drafts = await draftsOf(ctx, source, items, now);
    const recorded = await ctx.intake.recordItems(drafts, now.toISOString());
    const counts = {
      created: recorded.created.length,
      updated: recorded.updated.length,
      joined: recorded.joined,
      unchanged: recorded.unchanged,
    };
    return {
      report: { ...report, outcome: 'fetched', ...counts },
      result: afterSuccess(source, now, {
        delivered: counts.created + counts.updated > 0,
        etag: fetched.validators.etag,
        lastModified: fetched.validators.lastModified,
      }),
    };
  } catch (err) {
    if (err instanceof ParseFailure) return fail(failed(err.message, false));
    throw err;
  }
}
