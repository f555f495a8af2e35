/**
 * A small Discord stand-in on 127.0.0.1 for driving the real discord.js: REST under
 * `http://127.0.0.1:P/api` (discord.js adds /v10) and a JSON gateway without compression
 * (HELLO, IDENTIFY, READY, GUILD_CREATE, heartbeats, RESUME, dispatches). Every REST request is
 * recorded so tests can assert what the bot sent, multipart ones (files) included: their
 * `payload_json` is the body and their file parts are kept byte for byte. It can recommend
 * several shards and split its guilds among them as Discord does, and hold READY back (a gateway
 * slow to let the bot in). A fixture, not a product: only what Sitrep uses.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type APIActionRowComponent,
  type APIApplicationCommandInteractionDataOption,
  type APIBaseInteraction,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIMessage,
  type APIUser,
  ApplicationCommandType,
  ChannelType,
  ComponentType,
  GatewayDispatchEvents,
  GatewayOpcodes,
  type GuildMemberFlags,
  InteractionType,
  Locale,
  MessageType,
} from 'discord-api-types/v10';
import { WebSocket, WebSocketServer } from 'ws';
import { EVENTUALLY_MS, IDLE_CONNECTIONS_KEPT_MS } from './timing.ts';

export interface RecordedRequest {
  method: string;
  /** Path after /api/v10, e.g. `/interactions/1/tok/callback`. */
  path: string;
  query: URLSearchParams;
  /** The JSON body, typed for what Sitrep sends: messages, interaction callbacks. */
  body: RecordedBody;
  /** The JSON body as sent (arrays too: command registration). */
  json: unknown;
  /** The file parts of a multipart body, in order; empty for a JSON body. */
  files: RecordedFile[];
  /** When the request arrived (performance.now(), before its body was read). */
  receivedAt: number;
}

export interface RecordedFile {
  /** The form field, e.g. `files[0]`. */
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface MessageJson {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  allowed_mentions?: { parse?: string[]; users?: string[]; roles?: string[]; replied_user?: boolean };
  flags?: number;
  nonce?: string;
  message_reference?: { message_id?: string };
  /** Metadata of the files sent with the message; `id` is the index of its `files[n]` part. */
  attachments?: Array<{ id: string | number; filename?: string; description?: string }>;
}

export interface RecordedBody extends MessageJson {
  /** Interaction callback type (4 reply, 5 defer, 6 defer update, 7 update, 8 autocomplete). */
  type?: number;
  data?: MessageJson & { choices?: Array<{ name: string; value: string | number }> };
}

export interface GatewayPayload {
  op: number;
  d: unknown;
}

/** A scripted reply for the next request whose method and path match. */
export interface ScriptedFailure {
  method: string;
  path: RegExp;
  status: number;
  body: object;
  headers?: Record<string, string>;
  /** How many requests it answers (default 1); 5xx needs more, as discord.js retries them. */
  times?: number;
}

const DISCORD_EPOCH = 1_420_070_400_000n;
let lastId = 0n;
/** An id as Discord makes them: the time it was made in its top bits, and rising. */
export const snowflake = (): string => {
  const now = (BigInt(Date.now()) - DISCORD_EPOCH) << 22n;
  lastId = now > lastId ? now : lastId + 1n;
  return String(lastId);
};

export class DiscordStandIn {
  readonly applicationId = snowflake();
  readonly guildId = snowflake();
  readonly channelId = snowflake();
  readonly bot: APIUser = {
    id: this.applicationId,
    username: 'sitrep',
    discriminator: '0',
    global_name: null,
    avatar: null,
    bot: true,
  };
  readonly user: APIUser = {
    id: snowflake(),
    username: 'analyst',
    discriminator: '0',
    global_name: 'Analyst',
    avatar: null,
  };
  readonly requests: RecordedRequest[] = [];
  readonly gatewayLog: GatewayPayload[] = [];
  /** Messages in each channel, oldest first. */
  readonly channels = new Map<string, APIMessage[]>();
  readonly failures: ScriptedFailure[] = [];
  heartbeatIntervalMs = 1500;
  /** The user's Discord locale in the interactions sent; answers follow it when nothing else tells. */
  userLocale: Locale = Locale.EnglishUS;
  /** The bot token REST calls must carry (interaction callbacks and webhooks need none). */
  token = 'stand-in-token';
  /** Called with each request as it is recorded (the Discord load benchmark times callbacks). */
  onRecorded: ((request: RecordedRequest) => void) | undefined;
  /** Shards GET /gateway/bot recommends; with more than one, each shard gets its guilds (guild id >> 22 % count). */
  shardCount = 1;
  /** Guilds besides `guildId`, for sharding. */
  readonly extraGuildIds: string[] = [];
  /** While set, an IDENTIFY waits for releaseReady() before READY is sent. */
  holdReady = false;
  /** The shard of each IDENTIFY answered with READY, and the guilds sent to it. */
  readonly identified: { shard: [number, number]; guilds: string[] }[] = [];
  private heldIdentifies: Array<() => void> = [];

  private http!: Server;
  private gateway!: WebSocketServer;
  private socket: WebSocket | undefined;
  private sequence = 0;
  private sessionId = '';
  private waiters: Array<() => void> = [];
  /** The session is established on the current socket (READY or RESUMED sent). */
  private live = false;
  private held: string[] = [];
  /** The last dispatches sent, by sequence, for a RESUME to replay what the bot missed. */
  private recent: Array<{ s: number; frame: string }> = [];

  get restUrl(): string {
    return `http://127.0.0.1:${(this.http.address() as AddressInfo).port}/api`;
  }
  get gatewayUrl(): string {
    return `ws://127.0.0.1:${(this.gateway.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    this.http = createServer((req, res) => void this.onRequest(req, res));
    // Idle connections are the client's to close (see IDLE_CONNECTIONS_KEPT_MS).
    this.http.keepAliveTimeout = IDLE_CONNECTIONS_KEPT_MS;
    this.http.listen(0, '127.0.0.1');
    this.gateway = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await Promise.all([once(this.http, 'listening'), once(this.gateway, 'listening')]);
    this.gateway.on('connection', (ws) => this.onConnection(ws));
    return this;
  }

  async stop(): Promise<void> {
    for (const client of this.gateway.clients) client.terminate();
    this.http.closeAllConnections();
    await Promise.all([new Promise((r) => this.gateway.close(r)), new Promise((r) => this.http.close(r))]);
  }

  /** A bot is connected to the gateway. */
  get connected(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  /** Closes the bot's socket as Discord does on a server restart (4000: may resume). */
  dropConnection(code = 4000): void {
    this.socket?.close(code, 'stand-in closed the connection');
  }

  ops(op: GatewayOpcodes): GatewayPayload[] {
    return this.gatewayLog.filter((p) => p.op === op);
  }

  /** Resolves with the first recorded request (from index `from`) that matches. */
  async waitFor(match: (r: RecordedRequest) => boolean, timeoutMs = EVENTUALLY_MS, from = 0): Promise<RecordedRequest> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.requests.slice(from).find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`stand-in: no matching request within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async waitForOp(op: GatewayOpcodes, count = 1, timeoutMs = EVENTUALLY_MS): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.ops(op).length < count) {
      if (Date.now() > deadline) throw new Error(`stand-in: gateway op ${op} not seen ${count} times`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /**
   * Sends an event; while the bot is reconnecting it is held. A RESUME replays every event after
   * the sequence the bot last saw, as Discord does, also those sent to a socket that was dying.
   */
  dispatch(t: GatewayDispatchEvents, d: unknown): void {
    const s = ++this.sequence;
    const frame = JSON.stringify({ op: GatewayOpcodes.Dispatch, t, s, d });
    this.recent.push({ s, frame });
    if (this.recent.length > 1000) this.recent.shift();
    if (this.live && this.socket?.readyState === WebSocket.OPEN) this.socket.send(frame);
    else this.held.push(frame);
  }

  private send(frame: string): void {
    this.socket?.send(frame);
  }

  private goLive(): void {
    this.live = true;
    for (const frame of this.held.splice(0)) this.send(frame);
  }

  /** Sends a slash command; returns its id and token. */
  command(name: string, options: APIApplicationCommandInteractionDataOption[] = []): { id: string; token: string } {
    return this.interact(InteractionType.ApplicationCommand, {
      id: snowflake(),
      name,
      type: ApplicationCommandType.ChatInput,
      options,
      guild_id: this.guildId,
    });
  }

  autocomplete(name: string, options: APIApplicationCommandInteractionDataOption[]): { id: string; token: string } {
    return this.interact(InteractionType.ApplicationCommandAutocomplete, {
      id: snowflake(),
      name,
      type: ApplicationCommandType.ChatInput,
      options,
      guild_id: this.guildId,
    });
  }

  /** Presses a button on a message the bot sent. */
  press(customId: string, message: APIMessage): { id: string; token: string } {
    return this.interact(
      InteractionType.MessageComponent,
      { custom_id: customId, component_type: ComponentType.Button },
      message,
    );
  }

  /**
   * Submits a modal the bot showed, with what the user typed in each text input; `message` when
   * the modal was opened from a button on it.
   */
  submitModal(customId: string, values: Record<string, string>, message?: APIMessage): { id: string; token: string } {
    const components = Object.entries(values).map(([name, value], i) => ({
      type: ComponentType.Label,
      id: i + 1,
      component: { type: ComponentType.TextInput, id: i + 100, custom_id: name, value },
    }));
    return this.interact(InteractionType.ModalSubmit, { custom_id: customId, components }, message);
  }

  /** A user message in the guild channel (mentioning the bot when `mention`), or a DM. */
  message(content: string, where: { dm?: boolean; mention?: boolean } = {}): APIMessage {
    const channelId = where.dm ? snowflake() : this.channelId;
    const text = where.mention ? `<@${this.bot.id}> ${content}` : content;
    const message = this.makeMessage(channelId, this.user, {
      content: text,
      mentions: where.mention ? [this.bot] : [],
    });
    const place = where.dm
      ? { channel_type: ChannelType.DM }
      : { channel_type: ChannelType.GuildText, guild_id: this.guildId };
    this.dispatch(GatewayDispatchEvents.MessageCreate, { ...message, ...place });
    return message;
  }

  private interact(type: InteractionType, data: unknown, message?: APIMessage): { id: string; token: string } {
    const payload = this.interactionPayload(type, data, message);
    this.dispatch(GatewayDispatchEvents.InteractionCreate, payload);
    return { id: payload.id, token: payload.token };
  }

  /** An INTERACTION_CREATE payload as Discord sends it, from the analyst in the guild channel. */
  interactionPayload(
    type: InteractionType,
    data: unknown,
    message?: APIMessage,
  ): APIBaseInteraction<InteractionType, unknown> {
    const id = snowflake();
    return {
      id,
      application_id: this.applicationId,
      type,
      data,
      guild_id: this.guildId,
      guild: { id: this.guildId, locale: Locale.EnglishUS, features: [] },
      channel_id: this.channelId,
      channel: { id: this.channelId, type: ChannelType.GuildText, guild_id: this.guildId, name: 'sitrep' },
      member: {
        user: this.user,
        roles: [],
        permissions: '2147483647',
        joined_at: '2025-01-01T00:00:00.000Z',
        deaf: false,
        mute: false,
        flags: 0 as GuildMemberFlags,
      },
      token: `tok-${id}`,
      version: 1,
      app_permissions: '2147483647',
      locale: this.userLocale,
      guild_locale: Locale.EnglishUS,
      entitlements: [],
      authorizing_integration_owners: { '0': this.guildId },
      context: 0,
      attachment_size_limit: 10_485_760,
      ...(message ? { message } : {}),
    };
  }

  makeMessage(channelId: string, author: APIUser, body: Partial<APIMessage>): APIMessage {
    return {
      id: snowflake(),
      channel_id: channelId,
      author,
      content: '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      pinned: false,
      type: MessageType.Default,
      ...body,
    };
  }

  private onConnection(ws: WebSocket): void {
    this.socket = ws;
    this.live = false;
    ws.on('close', () => {
      if (this.socket === ws) this.live = false;
    });
    ws.send(JSON.stringify({ op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.heartbeatIntervalMs } }));
    ws.on('message', (raw) => {
      const payload = JSON.parse(String(raw)) as GatewayPayload;
      this.gatewayLog.push(payload);
      if (payload.op === GatewayOpcodes.Heartbeat) ws.send(JSON.stringify({ op: GatewayOpcodes.HeartbeatAck }));
      if (payload.op === GatewayOpcodes.Identify) {
        const shard = (payload.d as { shard?: [number, number] }).shard ?? [0, 1];
        const answer = () => (shard[1] > 1 ? this.readyShard(ws, shard) : this.ready());
        if (this.holdReady) this.heldIdentifies.push(answer);
        else answer();
      }
      if (payload.op === GatewayOpcodes.Resume) {
        const resume = payload.d as { session_id?: string; seq?: number };
        if (resume.session_id === this.sessionId) {
          for (const { s, frame } of this.recent) if (s > (resume.seq ?? 0)) this.send(frame);
          this.held = [];
          this.send(
            JSON.stringify({
              op: GatewayOpcodes.Dispatch,
              t: GatewayDispatchEvents.Resumed,
              s: ++this.sequence,
              d: {},
            }),
          );
          this.goLive();
        } else ws.send(JSON.stringify({ op: GatewayOpcodes.InvalidSession, d: false }));
      }
    });
  }

  /** Answers the IDENTIFYs held while `holdReady` was set, and those to come. */
  releaseReady(): void {
    this.holdReady = false;
    for (const answer of this.heldIdentifies.splice(0)) answer();
  }

  /** The guilds a shard receives, as Discord assigns them: (guild id >> 22) % shard count. */
  guildsOf([id, count]: [number, number]): string[] {
    return [this.guildId, ...this.extraGuildIds].filter((g) => Number((BigInt(g) >> 22n) % BigInt(count)) === id);
  }

  /** READY and a GUILD_CREATE per guild, on the shard's own socket with its own sequence. */
  private readyShard(ws: WebSocket, shard: [number, number]): void {
    const guilds = this.guildsOf(shard);
    this.identified.push({ shard, guilds });
    let sequence = 0;
    const send = (t: GatewayDispatchEvents, d: unknown) =>
      ws.send(JSON.stringify({ op: GatewayOpcodes.Dispatch, t, s: ++sequence, d }));
    send(GatewayDispatchEvents.Ready, {
      v: 10,
      user: this.bot,
      guilds: guilds.map((id) => ({ id, unavailable: true })),
      session_id: `session-${snowflake()}`,
      resume_gateway_url: this.gatewayUrl,
      shard,
      application: { id: this.applicationId, flags: 0 },
    });
    for (const id of guilds) send(GatewayDispatchEvents.GuildCreate, this.guildCreate(id));
  }

  private ready(): void {
    this.identified.push({ shard: [0, 1], guilds: [this.guildId] });
    this.sequence = 0;
    this.recent = [];
    this.sessionId = `session-${snowflake()}`;
    this.live = true;
    this.dispatch(GatewayDispatchEvents.Ready, {
      v: 10,
      user: this.bot,
      guilds: [{ id: this.guildId, unavailable: true }],
      session_id: this.sessionId,
      resume_gateway_url: this.gatewayUrl,
      shard: [0, 1],
      application: { id: this.applicationId, flags: 0 },
    });
    this.dispatch(GatewayDispatchEvents.GuildCreate, this.guildCreate(this.guildId));
    this.goLive();
  }

  private guildCreate(id: string): unknown {
    return {
      id,
      name: 'Desk',
      icon: null,
      owner_id: this.user.id,
      roles: [
        {
          id,
          name: '@everyone',
          permissions: '0',
          position: 0,
          color: 0,
          hoist: false,
          managed: false,
          mentionable: false,
          flags: 0,
        },
      ],
      emojis: [],
      stickers: [],
      features: [],
      member_count: 2,
      large: false,
      unavailable: false,
      joined_at: '2025-01-01T00:00:00.000Z',
      channels: [
        { id: this.channelId, type: ChannelType.GuildText, name: 'sitrep', position: 0, permission_overwrites: [] },
      ],
      members: [],
      threads: [],
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = performance.now();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
    const { json, files } = await parseBody(Buffer.concat(chunks), req.headers['content-type']);
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      query: url.searchParams,
      body: (json && typeof json === 'object' && !Array.isArray(json) ? json : {}) as RecordedBody,
      json,
      files,
      receivedAt,
    };
    this.requests.push(record);
    this.onRecorded?.(record);
    for (const wake of this.waiters.splice(0)) wake();
    const send = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, body === undefined ? headers : { 'content-type': 'application/json', ...headers });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    const failure = this.failures.findIndex((f) => f.method === record.method && f.path.test(path));
    const f = this.failures[failure];
    if (f) {
      f.times = (f.times ?? 1) - 1;
      if (f.times <= 0) this.failures.splice(failure, 1);
      return send(f.status, f.body, f.headers);
    }
    const m = record.method;
    const open = /^\/(interactions|webhooks)\//.test(path);
    if (!open && req.headers.authorization !== `Bot ${this.token}`)
      return send(401, { message: '401: Unauthorized', code: 0 });
    if (m === 'GET' && path === '/gateway/bot') {
      return send(200, {
        url: this.gatewayUrl,
        shards: this.shardCount,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 60_000, max_concurrency: 1 },
      });
    }
    if (m === 'GET' && path === '/users/@me') return send(200, this.bot);
    if (m === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) return send(204);
    const webhook = /^\/webhooks\/(\d+)\/([^/]+)(\/messages\/(@original|\d+))?$/.exec(path);
    if (webhook) {
      if (m === 'DELETE') return send(204);
      return send(
        200,
        this.makeMessage(this.channelId, this.bot, { ...asMessage(record.body, files), webhook_id: webhook[1] }),
      );
    }
    const edited = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(path);
    if (edited && m === 'PATCH') {
      const list = this.channels.get(edited[1] ?? '') ?? [];
      const at = list.findIndex((message) => message.id === edited[2]);
      const found = list[at];
      if (!found) return send(404, { message: 'Unknown Message', code: 10008 });
      const message = { ...found, ...asMessage(record.body, files), edited_timestamp: new Date().toISOString() };
      list[at] = message;
      return send(200, message);
    }
    const channel = /^\/channels\/(\d+)\/messages$/.exec(path)?.[1];
    if (channel) {
      const list = this.channels.get(channel) ?? [];
      this.channels.set(channel, list);
      if (m === 'POST') {
        const message = this.makeMessage(channel, this.bot, asMessage(record.body, files));
        list.push(message);
        return send(200, message);
      }
      return send(200, page(list, url.searchParams));
    }
    if (m === 'PUT' && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
      return send(
        200,
        (record.json as object[]).map((c) => ({
          ...c,
          id: snowflake(),
          application_id: this.applicationId,
          version: snowflake(),
        })),
      );
    }
    send(404, { message: '404: Not Found', code: 0 });
  }
}

/**
 * A page of a channel's messages as Discord gives it: newest first whatever the query; `after`
 * the oldest `limit` messages after that id, `before` the newest before it, neither the newest.
 */
function page(list: APIMessage[], query: URLSearchParams): APIMessage[] {
  const limit = Number(query.get('limit') ?? 50);
  const after = query.get('after');
  const before = query.get('before');
  if (after !== null)
    return list
      .filter((m) => BigInt(m.id) > BigInt(after))
      .slice(0, limit)
      .reverse();
  const older = before === null ? list : list.filter((m) => BigInt(m.id) < BigInt(before));
  return older.slice(-limit).reverse();
}

/**
 * A request body: JSON, or multipart/form-data as discord.js sends files (`payload_json` plus
 * `files[n]` parts), parsed with the platform's own FormData reader.
 */
async function parseBody(
  raw: Buffer,
  contentType: string | undefined,
): Promise<{ json: unknown; files: RecordedFile[] }> {
  if (!contentType?.startsWith('multipart/form-data')) {
    const text = raw.toString('utf8');
    return { json: text ? JSON.parse(text) : undefined, files: [] };
  }
  const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  const files: RecordedFile[] = [];
  let json: unknown;
  for (const [field, value] of form) {
    if (typeof value === 'string') {
      if (field === 'payload_json') json = JSON.parse(value);
      else throw new Error(`stand-in: unexpected form field ${field}`);
      continue;
    }
    files.push({ field, filename: value.name, contentType: value.type, data: Buffer.from(await value.arrayBuffer()) });
  }
  return { json, files };
}

/** What the bot sent, as the message Discord would store (files become attachments). */
function asMessage(body: MessageJson, files: RecordedFile[] = []): Partial<APIMessage> {
  const out: Partial<APIMessage> = { content: body.content ?? '', embeds: body.embeds ?? [] };
  if (body.components) out.components = body.components;
  if (body.flags !== undefined) out.flags = body.flags;
  out.attachments = files.map((file) => {
    const id = snowflake();
    const url = `https://cdn.discordapp.com/attachments/stand-in/${id}/${file.filename}`;
    return {
      id,
      filename: file.filename,
      size: file.data.length,
      url,
      proxy_url: url,
      content_type: file.contentType,
    };
  });
  return out;
}

export async function startDiscordStandIn(): Promise<DiscordStandIn> {
  return new DiscordStandIn().start();
}
