/**
 * The Slack adapter on Bolt: Socket Mode when SLACK_APP_TOKEN is set (no public URL needed),
 * else the HTTP receiver on SLACK_PORT, which verifies every request's signature. It serves
 * the registry's commands, page buttons, mentions and DMs, and posts for the scheduler.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, type CustomRoute, type Receiver, SocketModeReceiver, webApi } from '@slack/bolt';
import type { CommandDef } from '../../commands/command-types.ts';
import { commands as registry } from '../../commands/commands.ts';
import { type Config, ConfigError } from '../../config.ts';
import type { Poster } from '../../core/poster-port.ts';
import type { Services } from '../../core/services.ts';
import { createLocalExecutor, type Executor } from '../../executor/index.ts';
import type { Logger } from '../../log.ts';
import { type AckFirst, createAckFirst } from '../ack-first.ts';
import { drawMapOf } from './answer.ts';
import { createBoltLogger } from './bolt-logger.ts';
import { registerHandlers } from './handlers.ts';
import { createHttpReceiver } from './http-receiver.ts';
import { createSlackPoster } from './poster.ts';

export type SlackConfig = Pick<
  Config,
  | 'SLACK_BOT_TOKEN'
  | 'SLACK_SIGNING_SECRET'
  | 'SLACK_APP_TOKEN'
  | 'SLACK_PORT'
  | 'SLACK_API_URL'
  | 'SLACK_DIGEST_MANAGER_IDS'
>;

export interface SlackAdapterDeps {
  services: Services;
  logger: Logger;
  now?: () => Date;
  /** The commands served; the registry unless a test gives others. */
  commands?: readonly CommandDef[];
  /** Where the HTTP receiver listens; default all interfaces on SLACK_PORT. Tests use 127.0.0.1:0. */
  listen?: { host?: string; port?: number };
  /**
   * Runs read-only commands (slash commands, page clicks, mentions, DMs) and draws maps off the
   * event loop: the bot's one executor, shared with Discord. Without one they run here.
   */
  executor?: Executor | undefined;
  /** How long stop() lets answers in progress finish; ANSWER_DRAIN_MS by default (a stop is bounded). */
  answerDrainMs?: number | undefined;
  /** Other paths the HTTP receiver serves (GET /healthz). */
  customRoutes?: CustomRoute[] | undefined;
}

export interface SlackAdapter extends Poster {
  readonly app: App;
  readonly mode: 'socket' | 'http';
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The port the HTTP receiver listens on, once started. */
  port(): number | undefined;
}

const SLACK_API = 'https://slack.com/api/';
/** On stop, answers already acknowledged get this long to finish; the rest are told to retry. */
const ANSWER_DRAIN_MS = 1500;
/** On stop, open HTTP requests get this long before their connections are closed. */
const CLOSE_GRACE_MS = 500;

export function createSlackAdapter(config: SlackConfig, deps: SlackAdapterDeps, injected?: App): SlackAdapter {
  const token = config.SLACK_BOT_TOKEN;
  if (!token)
    throw new ConfigError('SLACK_BOT_TOKEN is required to start the Slack adapter (OAuth & Permissions → Bot token).');
  const mode = config.SLACK_APP_TOKEN ? 'socket' : 'http';
  const slackApiUrl = withSlash(config.SLACK_API_URL ?? SLACK_API);
  const logger = createBoltLogger(deps.logger);
  const ackFirst = createAckFirst();
  const receiver = injected ? undefined : createReceiver(config, logger, slackApiUrl, deps.customRoutes, ackFirst);
  const app =
    injected ??
    new App({
      token,
      receiver,
      logger,
      clientOptions: { slackApiUrl },
      // auth.test runs in start(), where a bad token fails start-up with a clear error.
      deferInitialization: true,
      // No conversation state is kept; Bolt's default store builds an Error per request to say so.
      convoStore: false,
    });
  app.error(async (err) => {
    deps.logger.error({ err }, 'slack: unhandled error');
  });
  // Posts and map uploads never retry inside the client: the scheduler decides by the PostError
  // kind, and a map that fails to upload is left out rather than holding up the answer.
  const client = new webApi.WebClient(token, {
    slackApiUrl,
    logger,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: 15_000,
  });
  const commands = deps.commands ?? registry;
  const executor = deps.executor ?? createLocalExecutor(deps.services, deps.logger, commands);
  const answering = new Set<Promise<unknown>>();
  const ctx = {
    commands,
    services: deps.services,
    now: deps.now ?? (() => new Date()),
    logger: deps.logger,
    managerIds: config.SLACK_DIGEST_MANAGER_IDS,
    uploads: client,
    executor,
    ackFirst,
    track<T>(answer: Promise<T>): Promise<T> {
      answering.add(answer);
      void answer.finally(() => answering.delete(answer)).catch(() => undefined);
      return answer;
    },
  };
  registerHandlers(app, ctx);
  const poster = createSlackPoster(client, deps.logger, (map) => drawMapOf(ctx, map));
  let server: Server | undefined;
  let running = false;

  return {
    app,
    mode,
    platform: 'slack',
    post: poster.post,
    findRecentByMarker: poster.findRecentByMarker,
    update: poster.update,
    finish: poster.finish,
    async start() {
      if (running) return;
      if (!injected) await app.init();
      if (mode === 'http' && !injected) {
        const listen = { port: deps.listen?.port ?? config.SLACK_PORT, host: deps.listen?.host };
        server = (await app.start(listen)) as Server;
        deps.logger.info({ port: (server.address() as AddressInfo).port }, 'slack: HTTP receiver listening');
      } else {
        await app.start();
        deps.logger.info({ mode }, 'slack: connected');
      }
      running = true;
    },
    async stop() {
      if (!running) return;
      running = false;
      // Requests in progress get a moment to be acknowledged; a connection that sends nothing
      // (or sends slowly) does not hold the stop up.
      const closing = app.stop();
      server?.closeIdleConnections();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([closing, new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_GRACE_MS)))]);
      clearTimeout(timer);
      server?.closeAllConnections();
      await closing;
      server = undefined;
      // Requests already acknowledged get a moment to be answered (the executor stops after this).
      if (answering.size > 0) {
        await Promise.race([
          Promise.allSettled([...answering]),
          new Promise((resolve) => (timer = setTimeout(resolve, deps.answerDrainMs ?? ANSWER_DRAIN_MS))),
        ]);
        clearTimeout(timer);
      }
    },
    port() {
      const address = server?.address();
      return address && typeof address === 'object' ? address.port : undefined;
    },
  };
}

/** Socket Mode with an app-level token; otherwise HTTP, every request's signature verified. */
export function createReceiver(
  config: SlackConfig,
  logger: ReturnType<typeof createBoltLogger>,
  slackApiUrl: string,
  customRoutes?: CustomRoute[],
  ackFirst?: AckFirst,
): Receiver {
  if (config.SLACK_APP_TOKEN) {
    return new SocketModeReceiver({
      appToken: config.SLACK_APP_TOKEN,
      logger,
      installerOptions: { clientOptions: { slackApiUrl } },
    });
  }
  if (!config.SLACK_SIGNING_SECRET) {
    throw new ConfigError(
      'SLACK_SIGNING_SECRET is required for the HTTP receiver (Basic Information → Signing Secret).',
    );
  }
  return createHttpReceiver({
    signingSecret: config.SLACK_SIGNING_SECRET,
    endpoint: '/slack/events',
    logger,
    port: config.SLACK_PORT,
    ...(customRoutes ? { customRoutes } : {}),
    ...(ackFirst ? { ackFirst } : {}),
  });
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
