/**
 * One polite fetch of a source: conditional (ETag, Last-Modified), compressed (gzip, deflate,
 * br), redirects followed up to a bound with every hop going through the guarded client again,
 * a deadline for the whole exchange, and a size limit checked as the body streams in (reading
 * stops as soon as it is passed). Never throws for what a server or the network does: every
 * outcome is a value the poller can schedule by.
 */
import { Readable, type Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { PrivateAddressError } from './address-guard.ts';
import type { HttpClient, HttpResponse } from './http-client.ts';

export interface FetchLimits {
  /** Largest body accepted, decoded, in bytes. */
  maxBytes: number;
  /** Deadline for the whole exchange, redirects and body included. */
  timeoutMs: number;
  maxRedirects: number;
  userAgent: string;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = {
  maxBytes: 20 * 1024 * 1024,
  timeoutMs: 30_000,
  maxRedirects: 5,
  userAgent: 'Sitrep/0.1 (situation bot; polls politely)',
};

export interface Validators {
  etag?: string | undefined;
  lastModified?: string | undefined;
}

export type FetchOutcome =
  | { kind: 'ok'; body: Buffer; contentType?: string | undefined; validators: Validators; url: string }
  | { kind: 'not-modified'; validators: Validators }
  | {
      kind: 'failed';
      reason: string;
      /** The server asked to wait this long (Retry-After on 429 or 503). */
      retryAfterMs?: number | undefined;
      /** Retrying will not help (gone, refused address): pause the source at once. */
      permanent: boolean;
      status?: number | undefined;
    };

export interface FetchRequest {
  url: string;
  validators?: Validators | undefined;
  method?: 'GET' | 'POST' | undefined;
  headers?: Record<string, string> | undefined;
  body?: string | undefined;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Retry-After as seconds or an HTTP date, in milliseconds from `now`; undefined when unreadable. */
export function retryAfterMs(value: string | undefined, now: Date): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

function decoderFor(encoding: string | undefined): Transform | undefined | 'unknown' {
  const e = (encoding ?? '').trim().toLowerCase();
  if (e === '' || e === 'identity') return undefined;
  if (e === 'gzip' || e === 'x-gzip') return createGunzip();
  if (e === 'deflate') return createInflate();
  if (e === 'br') return createBrotliDecompress();
  return 'unknown';
}

class TooLarge extends Error {}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${+(bytes / 1024 / 1024).toFixed(1)} MB` : `${+(bytes / 1024).toFixed(1)} KB`;
}

/** The decoded body, read until it ends or passes `maxBytes` (then TooLarge, and the rest is never read). */
async function readBody(res: HttpResponse, maxBytes: number): Promise<Buffer> {
  const declared = Number(res.header('content-length'));
  const decoder = decoderFor(res.header('content-encoding'));
  if (decoder === 'unknown') throw new Error(`unknown content encoding "${res.header('content-encoding')}"`);
  if (decoder === undefined && Number.isFinite(declared) && declared > maxBytes) throw new TooLarge();
  const raw = Readable.from(res.body, { objectMode: false });
  const decoded = decoder ? raw.pipe(decoder) : raw;
  raw.on('error', (err) => decoder?.destroy(err));
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of decoded as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) throw new TooLarge();
      chunks.push(chunk);
    }
  } finally {
    if (size > maxBytes) {
      raw.destroy();
      decoder?.destroy();
      res.discard();
    }
  }
  return Buffer.concat(chunks, size);
}

function describe(err: unknown, timeoutMs: number, timedOut: boolean): { reason: string; permanent: boolean } {
  if (err instanceof PrivateAddressError) return { reason: err.message, permanent: true };
  if (timedOut) return { reason: `no complete answer within ${+(timeoutMs / 1000).toFixed(1)} s`, permanent: false };
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'ENOTFOUND') return { reason: `host not found (${e.message})`, permanent: false };
  if (e.code === 'ECONNREFUSED') return { reason: 'connection refused', permanent: false };
  if (e.code === 'ECONNRESET') return { reason: 'connection reset', permanent: false };
  return { reason: e.message || String(err), permanent: false };
}

export async function politeFetch(
  client: HttpClient,
  request: FetchRequest,
  limits: FetchLimits,
  now: Date,
): Promise<FetchOutcome> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, limits.timeoutMs);
  try {
    let url = request.url;
    let method = request.method ?? 'GET';
    let body = request.body;
    for (let hop = 0; ; hop++) {
      const headers: Record<string, string> = {
        'user-agent': limits.userAgent,
        'accept-encoding': 'gzip, deflate, br',
        ...request.headers,
      };
      if (request.validators?.etag) headers['if-none-match'] = request.validators.etag;
      if (request.validators?.lastModified) headers['if-modified-since'] = request.validators.lastModified;
      const res = await client({ url, method, headers, body, signal: controller.signal });
      if (REDIRECTS.has(res.status)) {
        res.discard();
        const location = res.header('location');
        if (!location) return { kind: 'failed', reason: `redirect ${res.status} without a Location`, permanent: false };
        if (hop + 1 > limits.maxRedirects)
          return { kind: 'failed', reason: `more than ${limits.maxRedirects} redirects`, permanent: false };
        const next = new URL(location, url);
        if (next.protocol !== 'http:' && next.protocol !== 'https:')
          return { kind: 'failed', reason: `redirected to a ${next.protocol} URL`, permanent: true };
        url = next.toString();
        if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
          method = 'GET';
          body = undefined;
        }
        continue;
      }
      const validators = { etag: res.header('etag'), lastModified: res.header('last-modified') };
      if (res.status === 304) {
        res.discard();
        return { kind: 'not-modified', validators };
      }
      if (res.status < 200 || res.status > 299) {
        res.discard();
        const wait =
          res.status === 429 || res.status === 503 ? retryAfterMs(res.header('retry-after'), now) : undefined;
        return {
          kind: 'failed',
          reason: `HTTP ${res.status}${wait !== undefined ? `, asked to wait ${Math.round(wait / 1000)} s` : ''}`,
          retryAfterMs: wait,
          permanent: res.status === 410,
          status: res.status,
        };
      }
      try {
        const content = await readBody(res, limits.maxBytes);
        return { kind: 'ok', body: content, contentType: res.header('content-type'), validators, url };
      } catch (err) {
        if (err instanceof TooLarge)
          return {
            kind: 'failed',
            reason: `larger than the limit of ${sizeText(limits.maxBytes)}`,
            permanent: false,
          };
        throw err;
      }
    }
  } catch (err) {
    return { kind: 'failed', ...describe(err, limits.timeoutMs, timedOut) };
  } finally {
    clearTimeout(timer);
  }
}
