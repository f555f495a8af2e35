/**
 * `GET /healthz`: ready (200) only when the store answers and every part this process runs is
 * up (the Discord gateway ready, the Slack receiver listening, the scheduler or the poller
 * running); otherwise 503 with what is not. Served on the Slack HTTP port when this process has
 * one, and on SITREP_HEALTH_PORT (loopback by default) when that is set.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What is wrong with a part, or undefined when it is up. */
export type PartCheck = () => string | undefined;

export interface HealthReport {
  ready: boolean;
  roles: readonly string[];
  /** Each part: "up", or what is wrong with it. */
  checks: Record<string, string>;
}

export interface Health {
  /** Adds a part to check; a part added again replaces the earlier check. */
  add(part: string, check: PartCheck): void;
  report(): Promise<HealthReport>;
  /** Answers GET /healthz (and HEAD); anything else is 404. */
  handle(req: IncomingMessage, res: ServerResponse): void;
}

export interface HealthOptions {
  roles: readonly string[];
  /** Reads something small from the store; rejects (or hangs) when the store cannot answer. */
  probeStore(): Promise<unknown>;
  /** The process is shutting down: not ready, whatever the parts say. */
  stopping(): boolean;
  /** How long the store has to answer. */
  storeTimeoutMs?: number;
}

export const HEALTH_PATH = '/healthz';

export function createHealth(options: HealthOptions): Health {
  const parts = new Map<string, PartCheck>();
  const storeTimeoutMs = options.storeTimeoutMs ?? 2000;

  async function storeCheck(): Promise<string | undefined> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        options.probeStore(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${storeTimeoutMs} ms`)), storeTimeoutMs);
        }),
      ]);
      return undefined;
    } catch (err) {
      return `not answering: ${(err as Error).message}`;
    } finally {
      clearTimeout(timer);
    }
  }

  const health: Health = {
    add(part, check) {
      parts.set(part, check);
    },
    async report() {
      const checks: Record<string, string> = {};
      checks.store = (await storeCheck()) ?? 'up';
      for (const [part, check] of parts) {
        let problem: string | undefined;
        try {
          problem = check();
        } catch (err) {
          problem = `check failed: ${(err as Error).message}`;
        }
        checks[part] = problem ?? 'up';
      }
      if (options.stopping()) checks.process = 'shutting down';
      const ready = Object.values(checks).every((c) => c === 'up');
      return { ready, roles: options.roles, checks };
    },
    handle(req, res) {
      const path = (req.url ?? '/').split('?')[0];
      if (path !== HEALTH_PATH || (req.method !== 'GET' && req.method !== 'HEAD')) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
        return;
      }
      health.report().then(
        (report) => {
          res
            .writeHead(report.ready ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' })
            .end(req.method === 'HEAD' ? undefined : `${JSON.stringify(report)}\n`);
        },
        (err: unknown) => {
          res
            .writeHead(503, { 'content-type': 'application/json' })
            .end(`${JSON.stringify({ ready: false, error: (err as Error).message })}\n`);
        },
      );
    },
  };
  return health;
}

export interface HealthServer {
  readonly port: number;
  close(): Promise<void>;
}

/** Serves `health` on its own small HTTP server. */
export async function serveHealth(health: Health, port: number, host: string): Promise<HealthServer> {
  const server: Server = createServer((req, res) => health.handle(req, res));
  // A probe is one short request: nothing here needs a long-lived connection.
  server.keepAliveTimeout = 1000;
  server.requestTimeout = 5000;
  server.listen(port, host);
  await Promise.race([
    once(server, 'listening'),
    once(server, 'error').then(([err]) => {
      throw err;
    }),
  ]);
  return {
    port: (server.address() as AddressInfo).port,
    async close() {
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeAllConnections();
      await closed;
    },
  };
}
