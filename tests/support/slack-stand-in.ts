/**
 * A small Slack stand-in on 127.0.0.1 for what the `emulate` package does not cover: response_url
 * endpoints, scripted Web API failures (ratelimited with Retry-After, 5xx, platform errors), and
 * Socket Mode (apps.connections.open and a WebSocket that says hello and delivers envelopes).
 * It also opens modal views and takes file uploads (getUploadURLExternal, the upload URL,
 * completeUploadExternal), with failures scriptable like any call. Every call is recorded.
 * A fixture: only what Sitrep uses.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { IDLE_CONNECTIONS_KEPT_MS } from './timing.ts';

// biome-ignore lint/suspicious/noExplicitAny: JSON as Slack receives it
type Json = any;

export interface RecordedCall {
  method: string;
  body: Json;
}

export interface ScriptedReply {
  method: string;
  status: number;
  body: Json;
  headers?: Record<string, string>;
}

export class SlackStandIn {
  readonly calls: RecordedCall[] = [];
  /** Bodies posted to each response_url, by its id. */
  readonly responses = new Map<string, Json[]>();
  /** Replies used (once each, in order) for the next calls of their method. */
  readonly script: ScriptedReply[] = [];
  readonly acks: Json[] = [];
  /** Messages posted with chat.postMessage, with the ts they were given. */
  readonly posted: Json[] = [];
  /** Views opened with views.open (or replaced with views.update), by view id. */
  readonly views = new Map<string, Json>();
  /** Bytes sent to each upload URL, by file id. */
  readonly uploadedBytes = new Map<string, Buffer>();
  /** Files shared by files.completeUploadExternal: where, and the bytes uploaded for them. */
  readonly shared: {
    channel: string;
    threadTs?: string;
    fileId: string;
    title?: string;
    /** The file name asked for in getUploadURLExternal. */
    name?: string;
    /** The ts of the message that shares it, as conversations.history lists it. */
    ts: string;
    bytes: Buffer;
  }[] = [];
  /** Locale and display name of each user, for users.info (the locale only with include_locale). */
  readonly userProfiles = new Map<string, { locale?: string; displayName?: string }>();
  /** Members of each user group, for usergroups.users.list. */
  readonly userGroups = new Map<string, string[]>();
  /** response_url ids whose next post is refused with a 500 (and not recorded), once each. */
  readonly failingResponses = new Set<string>();
  /** Upload URL requests answered with this status (once each) instead of 200. */
  readonly uploadFailures: number[] = [];
  /** While set, posts to a response_url are recorded at once but answered only at releaseResponses(). */
  holdResponses = false;
  private heldResponses: Array<() => void> = [];
  private server!: Server;
  private wss!: WebSocketServer;
  private sockets: WebSocket[] = [];
  /** The last message ts given, in seconds: from the real clock, as Slack's are, and rising. */
  private lastTs = 0;
  private fileCount = 0;
  private readonly fileNames = new Map<string, string>();
  private responseCount = 0;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err) => {
        res.writeHead(500).end(String(err));
      });
    });
    // Idle connections are the client's to close (see IDLE_CONNECTIONS_KEPT_MS).
    this.server.keepAliveTimeout = IDLE_CONNECTIONS_KEPT_MS;
    this.wss = new WebSocketServer({ noServer: true });
    this.server.on('upgrade', (req, socket, head) => {
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        this.sockets.push(ws);
        ws.on('message', (data) => this.acks.push(JSON.parse(String(data))));
        ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A000000001' } }));
      });
    });
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  /** A fresh response_url; what is posted to it lands in `responses.get(id)`. */
  responseUrl(): { id: string; url: string } {
    const id = `r${++this.responseCount}`;
    this.responses.set(id, []);
    return { id, url: `${this.url}/respond/${id}` };
  }

  /** Answers the posts held (see holdResponses), and holds no more. */
  releaseResponses(): void {
    this.holdResponses = false;
    for (const answer of this.heldResponses.splice(0)) answer();
  }

  /** Sends a Socket Mode envelope to every connected client. */
  sendEnvelope(envelope: Json): void {
    for (const ws of this.sockets) ws.send(JSON.stringify(envelope));
  }

  get connected(): number {
    return this.sockets.filter((s) => s.readyState === s.OPEN).length;
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    const path = new URL(req.url ?? '/', this.url).pathname;
    const upload = path.match(/^\/upload\/(\w+)$/);
    if (upload) {
      await this.receiveUpload(upload[1] as string, bytes, req.headers['content-type'] ?? '', res);
      return;
    }
    const raw = bytes.toString('utf8');
    const body = parseBody(raw, req.headers['content-type'] ?? '');
    const respond = path.match(/^\/respond\/(\w+)$/);
    if (respond) {
      if (this.failingResponses.delete(respond[1] as string)) {
        res.writeHead(500).end('response_url failed');
        return;
      }
      this.responses.get(respond[1] as string)?.push(body);
      const answer = () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      if (this.holdResponses) this.heldResponses.push(answer);
      else answer();
      return;
    }
    const api = path.match(/^\/api\/([\w.]+)$/);
    if (!api) {
      res.writeHead(404).end();
      return;
    }
    const method = api[1] as string;
    this.calls.push({ method, body });
    const scripted = this.script.findIndex((s) => s.method === method);
    if (scripted >= 0) {
      const [reply] = this.script.splice(scripted, 1) as [ScriptedReply];
      res
        .writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers })
        .end(JSON.stringify(reply.body));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(this.reply(method, body)));
  }

  /** Keeps the file sent to an upload URL (multipart, as the Web API client sends it, or raw bytes). */
  private async receiveUpload(fileId: string, bytes: Buffer, contentType: string, res: ServerResponse) {
    const failure = this.uploadFailures.shift();
    if (failure !== undefined) {
      res.writeHead(failure).end('upload failed');
      return;
    }
    let file = bytes;
    if (contentType.startsWith('multipart/form-data')) {
      const form = await new Response(bytes, { headers: { 'content-type': contentType } }).formData();
      const part = [...form.values()].find((v) => typeof v !== 'string') as Blob | undefined;
      file = part ? Buffer.from(await part.arrayBuffer()) : Buffer.alloc(0);
    }
    this.uploadedBytes.set(fileId, file);
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${file.length}`);
  }

  /** A message ts (`seconds.micros`) now, later than every one given before. */
  nextTs(): string {
    this.lastTs = Math.max(Date.now() / 1000, this.lastTs + 0.0001);
    return this.lastTs.toFixed(6);
  }

  /**
   * conversations.history as Slack pages it: newest first, `oldest` and `latest` as bounds
   * (`inclusive` or not), `limit` a page (default 100), `cursor` where the previous page ended.
   */
  private history(body: Json): Json {
    const inclusive = body.inclusive === true || body.inclusive === 'true' || body.inclusive === '1';
    const oldest = body.oldest === undefined ? -Infinity : Number(body.oldest);
    const latest = body.latest === undefined ? Infinity : Number(body.latest);
    // A file shared in the channel (not in a thread) is a message of its own, with the file.
    const files = this.shared
      .filter((f) => f.threadTs === undefined)
      .map((f) => ({
        channel: f.channel,
        ts: f.ts,
        text: '',
        user: 'UBOT',
        files: [{ id: f.fileId, name: f.name, title: f.title }],
      }));
    const all = [...this.posted, ...files]
      .filter((m) => m.channel === body.channel)
      .filter((m) => {
        const ts = Number(m.ts);
        return inclusive ? ts >= oldest && ts <= latest : ts > oldest && ts < latest;
      })
      .sort((a, b) => Number(a.ts) - Number(b.ts))
      .map((m) => ({ type: 'message', ts: m.ts, text: m.text, metadata: m.metadata, user: m.user, files: m.files }))
      .reverse();
    const start = body.cursor ? Number(Buffer.from(String(body.cursor), 'base64url').toString()) : 0;
    const limit = Number(body.limit ?? 100);
    const messages = all.slice(start, start + limit);
    const more = start + limit < all.length;
    const next = more ? Buffer.from(String(start + limit)).toString('base64url') : '';
    return { ok: true, messages, has_more: more, response_metadata: { next_cursor: next } };
  }

  private reply(method: string, body: Json): Json {
    switch (method) {
      case 'auth.test':
        return { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T000000001', user: 'sitrep' };
      case 'apps.connections.open':
        return { ok: true, url: `${this.url.replace('http', 'ws')}/link` };
      case 'chat.postMessage': {
        const ts = this.nextTs();
        this.posted.push({ ...body, ts });
        return { ok: true, channel: body.channel, ts };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.nextTs() };
      case 'chat.update': {
        const posted = this.posted.find((p) => p.channel === body.channel && p.ts === body.ts);
        if (!posted) return { ok: false, error: 'message_not_found' };
        Object.assign(posted, body);
        return { ok: true, channel: body.channel, ts: body.ts };
      }
      case 'conversations.history':
        return this.history(body);
      case 'views.open': {
        if (!body.trigger_id) return { ok: false, error: 'invalid_trigger_id' };
        const id = `V${this.views.size + 1}`;
        const view = typeof body.view === 'string' ? JSON.parse(body.view) : body.view;
        this.views.set(id, view);
        return { ok: true, view: { id, ...view } };
      }
      case 'views.update': {
        if (!this.views.has(body.view_id)) return { ok: false, error: 'not_found' };
        const view = typeof body.view === 'string' ? JSON.parse(body.view) : body.view;
        this.views.set(body.view_id, view);
        return { ok: true, view: { id: body.view_id, ...view } };
      }
      case 'files.getUploadURLExternal': {
        if (!body.filename || !(Number(body.length) > 0)) return { ok: false, error: 'invalid_arguments' };
        const fileId = `F${++this.fileCount}`;
        this.fileNames.set(fileId, String(body.filename));
        return { ok: true, file_id: fileId, upload_url: `${this.url}/upload/${fileId}` };
      }
      case 'files.completeUploadExternal': {
        const files: { id: string; title?: string }[] =
          typeof body.files === 'string' ? JSON.parse(body.files) : body.files;
        for (const file of files ?? []) {
          const bytes = this.uploadedBytes.get(file.id);
          if (!bytes) return { ok: false, error: 'file_not_found' };
          this.shared.push({
            channel: body.channel_id,
            threadTs: body.thread_ts,
            fileId: file.id,
            title: file.title,
            name: this.fileNames.get(file.id),
            ts: this.nextTs(),
            bytes,
          });
        }
        return { ok: true, files: (files ?? []).map((f) => ({ id: f.id, title: f.title })) };
      }
      case 'usergroups.users.list': {
        const users = this.userGroups.get(body.usergroup);
        return users ? { ok: true, users } : { ok: false, error: 'no_such_subteam' };
      }
      case 'users.info': {
        const profile = this.userProfiles.get(body.user) ?? {};
        const withLocale = body.include_locale === true || body.include_locale === 'true';
        return {
          ok: true,
          user: {
            id: body.user,
            name: 'analyst',
            is_admin: false,
            is_owner: false,
            profile: { display_name: profile.displayName ?? '' },
            ...(withLocale ? { locale: profile.locale ?? 'en-US' } : {}),
          },
        };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }
}

function parseBody(raw: string, contentType: string): Json {
  if (!raw) return {};
  if (contentType.includes('application/json')) return JSON.parse(raw);
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    out[k] = /^[[{]/.test(v) ? safeJson(v) : v;
  }
  return out;
}

function safeJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

export { waitFor } from './timing.ts';
