/**
 * Deferring an interaction and editing its answer in: the callback and the PATCH to its webhook
 * message, sent as plain requests on a kept-alive connection. Through discord.js every such edit
 * waits in its REST queue behind a client-side global limit of 50 requests a second, which
 * Discord does not apply to interaction endpoints: in a burst of 500 deferred answers the last
 * came 10 s late. Its undici, FormData and stream machinery also cost the bot's event loop more
 * than the request itself (a burst profile), on the path of every acknowledgement. A 429 is
 * waited out; a server error is retried.
 */
import http from 'node:http';
import https from 'node:https';
import { DefaultUserAgent } from 'discord.js';
import { InteractionResponseType, MessageFlags } from 'discord-api-types/v10';
import { MAP_FILE_NAME } from './map-file.ts';

/** Where an interaction's answer lives: its application and its token (valid 15 minutes). */
export interface WebhookTarget {
  applicationId: string;
  token: string;
}

/** The interaction itself, for its callback: its id and its token. */
export interface CallbackTarget {
  id: string;
  token: string;
}

export interface InteractionRest {
  /** The deferred acknowledgement (callback type 5): the answer follows as an edit. */
  defer(target: CallbackTarget, ephemeral: boolean): Promise<void>;
  /** Replaces the original answer's message; a PNG, when given, goes with it as `map.png`. */
  editOriginal(target: WebhookTarget, body: object, png?: Buffer): Promise<void>;
}

export interface RestOptions {
  /** The API's base URL, without the version (discord.js's `rest.options.api`). */
  api: string;
  version: string;
  /** How long one attempt may take (discord.js's default is 15 s). */
  timeoutMs?: number;
}

/** Attempts at one edit: after a 429 (waited out) or a server error, as discord.js retries. */
const ATTEMPTS = 4;
const EPHEMERAL = MessageFlags.Ephemeral;
const BOUNDARY = 'sitrep-map-boundary-8b1f0c';

const agents = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true }),
};

export class InteractionRestError extends Error {
  constructor(
    readonly status: number,
    body: string,
  ) {
    super(`Discord answered an interaction request with ${status}: ${body.slice(0, 200)}`);
    this.name = 'InteractionRestError';
  }
}

interface Reply {
  status: number;
  body: string;
  retryAfterHeader: string | undefined;
}

export function createInteractionRest(options: RestOptions): InteractionRest {
  const base = new URL(`${options.api.replace(/\/$/, '')}/v${options.version}/`);
  const timeoutMs = options.timeoutMs ?? 15_000;
  const protocol = base.protocol === 'http:' ? 'http:' : 'https:';
  const open = protocol === 'https:' ? https.request : http.request;

  function request(method: string, url: URL, body: Buffer, contentType: string): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const req = open(
        url,
        {
          method,
          agent: agents[protocol],
          headers: { 'content-type': contentType, 'content-length': body.length, 'user-agent': DefaultUserAgent },
          timeout: timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.once('error', reject);
          res.once('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
              retryAfterHeader: res.headers['retry-after'] as string | undefined,
            }),
          );
        },
      );
      req.once('timeout', () => req.destroy(new Error(`Discord did not answer within ${timeoutMs} ms`)));
      req.once('error', reject);
      req.end(body);
    });
  }

  /** Sends until answered: a 429 waited out, a server error (or, when `resend`, a lost request) sent again. */
  async function send(method: string, path: string, [body, contentType]: [Buffer, string], resend: boolean) {
    const url = new URL(path, base);
    for (let attempt = 1; ; attempt++) {
      let reply: Reply;
      try {
        reply = await request(method, url, body, contentType);
      } catch (err) {
        if (!resend || attempt >= ATTEMPTS) throw err;
        continue;
      }
      if (reply.status >= 200 && reply.status < 300) return;
      const retryable = reply.status === 429 || reply.status >= 500;
      if (!retryable || attempt >= ATTEMPTS) throw new InteractionRestError(reply.status, reply.body);
      if (reply.status === 429) await sleep(retryAfterMs(reply));
    }
  }

  return {
    defer(target, ephemeral) {
      const path = `interactions/${encodeURIComponent(target.id)}/${encodeURIComponent(target.token)}/callback`;
      const body = {
        type: InteractionResponseType.DeferredChannelMessageWithSource,
        data: { flags: ephemeral ? EPHEMERAL : 0 },
      };
      // A callback that may have arrived is not sent again: a second one is refused.
      return send('POST', path, jsonBody(body), false);
    },
    editOriginal(target, payload, png) {
      const path = `webhooks/${encodeURIComponent(target.applicationId)}/${encodeURIComponent(target.token)}/messages/@original`;
      // An edit sent twice leaves the same message.
      return send('PATCH', path, png ? multipart(payload, png) : jsonBody(payload), true);
    },
  };
}

function jsonBody(payload: object): [Buffer, string] {
  return [Buffer.from(JSON.stringify(payload)), 'application/json'];
}

/** `payload_json` and the PNG as `files[0]`, the body discord.js would send, built in one buffer. */
function multipart(payload: object, png: Buffer): [Buffer, string] {
  const json = JSON.stringify({ ...payload, attachments: [{ id: '0', filename: MAP_FILE_NAME }] });
  const head =
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="payload_json"\r\n` +
    `Content-Type: application/json\r\n\r\n${json}\r\n` +
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="files[0]"; filename="${MAP_FILE_NAME}"\r\n` +
    'Content-Type: image/png\r\n\r\n';
  const body = Buffer.concat([Buffer.from(head), png, Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]);
  return [body, `multipart/form-data; boundary=${BOUNDARY}`];
}

/** How long a 429 asks to wait: its JSON's `retry_after` (seconds), else its Retry-After header. */
function retryAfterMs(reply: Reply): number {
  let seconds = Number(reply.retryAfterHeader);
  try {
    const parsed = JSON.parse(reply.body) as { retry_after?: unknown };
    if (typeof parsed.retry_after === 'number') seconds = parsed.retry_after;
  } catch {
    // Not JSON: the header says it.
  }
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 60) * 1000 : 1000;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
