/**
 * Bolt's HTTP receiver with a gate in front that reads as little as it can of a request that is
 * not from Slack. A request's signature covers its body, so a signed body must be read before it
 * can be verified; but a request without the signature headers, or with a timestamp Bolt would
 * refuse anyway (more than 5 minutes off), has its body read only up to UNSIGNED_BODY_LIMIT
 * (Slack's unsigned `ssl_check` is a few dozen bytes), and a signed one up to BODY_LIMIT, far
 * above what Slack sends. A declared length over the limit is refused before a byte is read.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type CustomRoute, HTTPReceiver, type Logger } from '@slack/bolt';
import type { AckFirst } from '../ack-first.ts';

/** Slash commands, actions and view submissions are a few KB; a large modal some tens of KB. */
export const BODY_LIMIT = 1024 * 1024;
export const UNSIGNED_BODY_LIMIT = 4 * 1024;
/** How far a request's timestamp may be from our clock: Bolt's own check refuses the rest. */
const MAX_CLOCK_SKEW_S = 5 * 60;

export interface HttpReceiverOptions {
  signingSecret: string;
  endpoint: string;
  logger: Logger;
  port: number;
  bodyLimit?: number;
  /** Seconds since the epoch; the clock the timestamp is checked against. */
  nowSeconds?: () => number;
  /** Other paths served on the same port (GET /healthz). */
  customRoutes?: CustomRoute[];
  /** Told of each POST received and of its response written, so answers can wait for acknowledgements. */
  ackFirst?: AckFirst;
}

/** A buffered request as Bolt's receiver takes it: it reads `rawBody` instead of the stream. */
type BufferedRequest = IncomingMessage & { rawBody?: Buffer };

export function createHttpReceiver(options: HttpReceiverOptions): HTTPReceiver {
  const bodyLimit = options.bodyLimit ?? BODY_LIMIT;
  const nowSeconds = options.nowSeconds ?? (() => Date.now() / 1000);
  const receiver = new HTTPReceiver({
    signingSecret: options.signingSecret,
    endpoints: options.endpoint,
    logger: options.logger,
    port: options.port,
    signatureVerification: true,
    bodyLimit,
    customRoutes: options.customRoutes ?? [],
  });
  const bolt = receiver.requestListener;

  function mayBeSigned(req: IncomingMessage): boolean {
    const signature = req.headers['x-slack-signature'];
    const timestamp = Number(req.headers['x-slack-request-timestamp']);
    return (
      typeof signature === 'string' &&
      signature.startsWith('v0=') &&
      Number.isFinite(timestamp) &&
      Math.abs(nowSeconds() - timestamp) <= MAX_CLOCK_SKEW_S
    );
  }

  function refuse(res: ServerResponse, status: number, limit: number): void {
    options.logger.warn(`Refused a request body over ${limit} bytes (${status})`);
    if (!res.headersSent) res.writeHead(status, { connection: 'close' });
    res.end();
  }

  receiver.requestListener = (req, res) => {
    if (req.method !== 'POST') return bolt(req, res);
    const { ackFirst } = options;
    if (ackFirst) {
      ackFirst.received();
      res.once('close', () => ackFirst.acknowledged());
    }
    const signed = mayBeSigned(req);
    const limit = signed ? bodyLimit : UNSIGNED_BODY_LIMIT;
    // Unsigned: Bolt answers 401 (or the ssl_check) once it has the few bytes it needs.
    const status = signed ? 413 : 401;
    if (Number(req.headers['content-length'] ?? 0) > limit) return refuse(res, status, limit);
    readBody(req, limit).then(
      (body) => {
        if (!body) return refuse(res, status, limit);
        (req as BufferedRequest).rawBody = body;
        try {
          bolt(req, res);
        } catch (err) {
          // Bolt throws for a path it does not serve.
          options.logger.debug(`Unhandled request: ${(err as Error).message}`);
          if (!res.headersSent) res.writeHead(404);
          res.end();
        }
      },
      () => req.destroy(),
    );
  };
  return receiver;
}

/** The body, or undefined once it passes `limit` (the rest is not read). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks, size)));
    req.once('error', reject);
  });
}
