/**
 * The network as intake sees it: one HTTP exchange, no redirect followed and nothing decoded
 * (polite-fetch.ts does both, with its limits). Injected, so tests can swap the resolver or the
 * whole client; the real one is node:http(s) with the private-address guard on every connect.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import {
  guardedLookup,
  isPublicAddress,
  type LookupFunction,
  literalAddress,
  PrivateAddressError,
  systemLookup,
} from './address-guard.ts';

export interface HttpRequest {
  url: string;
  method?: 'GET' | 'POST' | undefined;
  headers: Record<string, string>;
  body?: string | undefined;
  signal: AbortSignal;
}

export interface HttpResponse {
  status: number;
  /** A header's value by its lower-case name. */
  header(name: string): string | undefined;
  /** The raw bytes as they arrive (still compressed if the server compressed them). */
  body: AsyncIterable<Uint8Array>;
  /** Stops reading and releases the connection. */
  discard(): void;
}

export type HttpClient = (request: HttpRequest) => Promise<HttpResponse>;

export interface NodeHttpOptions {
  /** Connect to private, loopback and link-local addresses too (tests, a local feed server). */
  allowPrivate: boolean;
  /** The resolver (tests give one that answers with a chosen address); default the system's. */
  lookup?: LookupFunction | undefined;
}

export function createNodeHttpClient(options: NodeHttpOptions): HttpClient {
  const resolve = options.lookup ?? systemLookup;
  const lookup = options.allowPrivate ? resolve : guardedLookup(resolve);
  return (req) =>
    new Promise<HttpResponse>((done, fail) => {
      const url = new URL(req.url);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        fail(new Error(`${url.protocol} URLs are not fetched; use http or https`));
        return;
      }
      // A literal address never goes through the resolver, so it is checked here.
      const literal = literalAddress(url.hostname);
      if (literal && !options.allowPrivate && !isPublicAddress(literal)) {
        fail(new PrivateAddressError(`${literal} is not a public address`));
        return;
      }
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const outgoing = send(
        url,
        {
          method: req.method ?? 'GET',
          headers: req.headers,
          signal: req.signal,
          // The connection is made to what the lookup answers, and nothing else.
          lookup: lookup as never,
          agent: false,
        },
        (res: IncomingMessage) =>
          done({
            status: res.statusCode ?? 0,
            header: (name) => {
              const value = res.headers[name.toLowerCase()];
              return Array.isArray(value) ? value.join(', ') : value;
            },
            body: res,
            discard: () => res.destroy(),
          }),
      );
      outgoing.on('error', fail);
      outgoing.end(req.body);
    });
}
