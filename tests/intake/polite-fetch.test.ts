/**
 * Fetching one source against a local server: conditional GET, compression, Retry-After,
 * redirects (bounded, each hop checked), a deadline, a size limit that stops reading, and
 * addresses that are not public refused at connect time.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LookupFunction } from '../../src/intake/address-guard.ts';
import { isPublicAddress } from '../../src/intake/address-guard.ts';
import { createNodeHttpClient } from '../../src/intake/http-client.ts';
import { DEFAULT_FETCH_LIMITS, type FetchOutcome, politeFetch, retryAfterMs } from '../../src/intake/polite-fetch.ts';
import { FeedServer, staticFeed } from '../support/feed-server.ts';
import { EVENTUALLY_MS } from '../support/timing.ts';

const server = new FeedServer();
const open = createNodeHttpClient({ allowPrivate: true });
const now = new Date('2026-06-10T12:00:00Z');
// A loopback fetch is quick, but not on a busy machine.
const limits = { ...DEFAULT_FETCH_LIMITS, timeoutMs: EVENTUALLY_MS };
let streamed = { bytes: 0, done: false };

beforeAll(async () => {
  await server.start();
  server.routes.set(
    '/feed',
    staticFeed(() => '<rss version="2.0"><channel><title>t</title></channel></rss>'),
  );
  server.routes.set('/gzip', (_req, res) => {
    res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'application/xml' }).end(gzipSync('compressed!'));
  });
  server.routes.set('/busy', (_req, res) => res.writeHead(429, { 'retry-after': '120' }).end());
  server.routes.set('/down', (_req, res) =>
    res.writeHead(503, { 'retry-after': 'Wed, 10 Jun 2026 12:10:00 GMT' }).end(),
  );
  server.routes.set('/gone', (_req, res) => res.writeHead(410).end());
  server.routes.set('/hop1', (_req, res) => res.writeHead(301, { location: '/hop2' }).end());
  server.routes.set('/hop2', (_req, res) => res.writeHead(302, { location: server.url('/feed') }).end());
  server.routes.set('/loop', (_req, res) => res.writeHead(302, { location: '/loop' }).end());
  server.routes.set('/to-file', (_req, res) => res.writeHead(302, { location: 'file:///etc/passwd' }).end());
  server.routes.set('/slow', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/xml' });
    res.write('<rss>');
    // Never finishes: the fetch must give up at its deadline.
  });
  server.routes.set('/huge', (_req, res) => {
    // 50 MB, written as the client reads it; stops early if the client goes away.
    streamed = { bytes: 0, done: false };
    const chunk = Buffer.alloc(64 * 1024, 'x');
    res.writeHead(200, { 'content-type': 'application/xml' });
    const total = 50 * 1024 * 1024;
    const pump = () => {
      while (streamed.bytes < total) {
        streamed.bytes += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      streamed.done = true;
      res.end();
    };
    res.on('close', () => {
      if (!streamed.done) streamed.bytes = Math.min(streamed.bytes, total);
    });
    pump();
  });
});
afterAll(() => server.stop());

const ok = (o: FetchOutcome) => {
  if (o.kind !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(o)}`);
  return o;
};

describe('politeFetch', () => {
  it('fetches, then asks conditionally and gets 304 with the validators', async () => {
    const first = ok(await politeFetch(open, { url: server.url('/feed') }, limits, now));
    expect(first.body.toString()).toMatch(/<rss/);
    expect(first.validators.etag).toMatch(/^"/);
    expect(first.validators.lastModified).toBe('Wed, 26 Mar 2025 12:00:00 GMT');
    const second = await politeFetch(open, { url: server.url('/feed'), validators: first.validators }, limits, now);
    expect(second.kind).toBe('not-modified');
    const sent = server.requestsTo('/feed').at(-1);
    expect(sent?.headers['if-none-match']).toBe(first.validators.etag);
    expect(sent?.headers['if-modified-since']).toBe(first.validators.lastModified);
    expect(sent?.headers['accept-encoding']).toMatch(/gzip/);
    expect(sent?.headers['user-agent']).toMatch(/^Sitrep/);
  });

  it('decodes gzip', async () => {
    expect(ok(await politeFetch(open, { url: server.url('/gzip') }, limits, now)).body.toString()).toBe('compressed!');
  });

  it('429 and 503 carry how long the server asked to wait (seconds or a date)', async () => {
    const busy = await politeFetch(open, { url: server.url('/busy') }, limits, now);
    expect(busy).toMatchObject({ kind: 'failed', status: 429, retryAfterMs: 120_000, permanent: false });
    const down = await politeFetch(open, { url: server.url('/down') }, limits, now);
    expect(down).toMatchObject({ kind: 'failed', status: 503, retryAfterMs: 600_000 });
    expect(retryAfterMs('soon', now)).toBeUndefined();
  });

  it('410 Gone is permanent', async () => {
    expect(await politeFetch(open, { url: server.url('/gone') }, limits, now)).toMatchObject({
      kind: 'failed',
      permanent: true,
    });
  });

  it('follows redirects up to the bound, relative or absolute, and not to other schemes', async () => {
    const followed = ok(await politeFetch(open, { url: server.url('/hop1') }, limits, now));
    expect(followed.url).toBe(server.url('/feed'));
    const loop = await politeFetch(open, { url: server.url('/loop') }, limits, now);
    expect(loop).toMatchObject({ kind: 'failed', reason: 'more than 5 redirects' });
    expect(server.requestsTo('/loop')).toHaveLength(6);
    const file = await politeFetch(open, { url: server.url('/to-file') }, limits, now);
    expect(file).toMatchObject({ kind: 'failed', permanent: true });
  });

  it('a slow server: gives up at the deadline', async () => {
    const slow = await politeFetch(open, { url: server.url('/slow') }, { ...limits, timeoutMs: 300 }, now);
    expect(slow).toMatchObject({ kind: 'failed', reason: 'no complete answer within 0.3 s', permanent: false });
  });

  it('a 50 MB feed: stops reading once past the limit', async () => {
    const huge = await politeFetch(open, { url: server.url('/huge') }, { ...limits, maxBytes: 1024 * 1024 }, now);
    expect(huge).toMatchObject({ kind: 'failed', reason: 'larger than the limit of 1 MB' });
    // The server saw the client go: it wrote far less than 50 MB.
    await expect.poll(() => server.requestsTo('/huge').length).toBe(1);
    expect(streamed.done).toBe(false);
    expect(streamed.bytes).toBeLessThan(20 * 1024 * 1024);
  });

  it('a refused connection is a failure, not a crash', async () => {
    const refused = await politeFetch(open, { url: 'http://127.0.0.1:1/feed' }, limits, now);
    expect(refused).toMatchObject({ kind: 'failed', permanent: false });
  });
});

describe('addresses that are not public', () => {
  const guarded = createNodeHttpClient({ allowPrivate: false });
  /** A resolver that answers every name with 127.0.0.1, as a hostile DNS record would. */
  const toLoopback: LookupFunction = (_host, _options, callback) =>
    callback(null, [{ address: '127.0.0.1', family: 4 }]);

  it.each([
    ['127.0.0.1', true],
    ['10.1.2.3', true],
    ['192.168.0.1', true],
    ['172.16.5.4', true],
    ['169.254.169.254', true],
    ['::1', true],
    ['fe80::1', true],
    ['fd00::1', true],
    ['::ffff:127.0.0.1', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['8.8.8.8', false],
    ['2001:4860:4860::8888', false],
  ])('%s is refused: %s', (address, refused) => {
    expect(isPublicAddress(address)).toBe(!refused);
  });

  it('a literal private address is refused before connecting', async () => {
    const before = server.seen.length;
    const outcome = await politeFetch(guarded, { url: server.url('/feed') }, limits, now);
    expect(outcome).toMatchObject({ kind: 'failed', permanent: true, reason: '127.0.0.1 is not a public address' });
    expect(server.seen.length).toBe(before);
  });

  it('a name that resolves to a private address is refused at connect time', async () => {
    const tricked = createNodeHttpClient({ allowPrivate: false, lookup: toLoopback });
    const before = server.seen.length;
    const port = new URL(server.url('/')).port;
    const outcome = await politeFetch(tricked, { url: `http://feeds.example.org:${port}/feed` }, limits, now);
    expect(outcome).toMatchObject({ kind: 'failed', permanent: true });
    expect((outcome as { reason: string }).reason).toMatch(/feeds\.example\.org resolves to 127\.0\.0\.1/);
    expect(server.seen.length).toBe(before);
  });

  it('a public redirect to a private address is refused at the hop', async () => {
    // The first hop is allowed (private allowed for the test server), the second goes through the guard.
    server.routes.set('/to-private', (_req, res) => res.writeHead(302, { location: 'http://10.0.0.1/x' }).end());
    const hops = createNodeHttpClient({ allowPrivate: false, lookup: toLoopback });
    let calls = 0;
    const firstHopOpen: typeof hops = (req) => (calls++ === 0 ? open(req) : hops(req));
    const outcome = await politeFetch(firstHopOpen, { url: server.url('/to-private') }, limits, now);
    expect(outcome).toMatchObject({ kind: 'failed', permanent: true, reason: '10.0.0.1 is not a public address' });
  });

  it('with private sources allowed, the same resolver reaches the local server', async () => {
    const allowed = createNodeHttpClient({ allowPrivate: true, lookup: toLoopback });
    const port = new URL(server.url('/')).port;
    ok(await politeFetch(allowed, { url: `http://feeds.example.org:${port}/feed` }, limits, now));
  });
});
