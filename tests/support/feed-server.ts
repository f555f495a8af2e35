/**
 * A local HTTP server for intake tests, on 127.0.0.1: each path answers as a route says, and
 * every request is recorded (with its headers) so a test can check what the fetcher sent.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Route = (req: IncomingMessage, res: ServerResponse) => void;

export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export class FeedServer {
  readonly routes = new Map<string, Route>();
  readonly seen: SeenRequest[] = [];
  private server: Server | undefined;
  private port = 0;
  private readonly open = new Set<ServerResponse>();

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => {
        body += chunk;
      });
      req.on('end', () => {
        const path = (req.url ?? '/').split('?')[0] ?? '/';
        this.seen.push({ method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body });
        this.open.add(res);
        res.on('close', () => this.open.delete(res));
        const route = this.routes.get(path);
        if (!route) {
          res.writeHead(404).end('not here');
          return;
        }
        route(req, res);
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** The requests made to a path (query included in `path`). */
  requestsTo(path: string): SeenRequest[] {
    return this.seen.filter((r) => r.path.split('?')[0] === path);
  }

  async stop(): Promise<void> {
    for (const res of this.open) res.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

/** A route that answers with fixed content, an ETag and Last-Modified, and 304 when they match. */
export function staticFeed(content: () => string, type = 'application/rss+xml'): Route {
  return (req, res) => {
    const text = content();
    const etag = `"${Buffer.from(text).length}-${hash(text)}"`;
    const lastModified = 'Wed, 26 Mar 2025 12:00:00 GMT';
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag, 'last-modified': lastModified }).end();
      return;
    }
    res.writeHead(200, { 'content-type': type, etag, 'last-modified': lastModified }).end(text);
  };
}

function hash(text: string): string {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
  return (h >>> 0).toString(16);
}
