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
import type { Logger } from '../../log.ts';
import { type AnswerProcess, createAnswerProcess } from './answer-process.ts';
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
   * The SQLite file the store reads. When given (and not ':memory:'), read-only commands and page
   * clicks are answered in a worker process with its own connection, so the bot itself only
   * acknowledges them; otherwise in the bot.
   */
  databasePath?: string | undefined;
  /** The answer worker's script; tests give one that can be made to crash. */
  answerWorkerUrl?: URL | undefined;
  /** How long stop() lets queued answers finish; ANSWER_DRAIN_MS by default (a stop is bounded). */
  answerDrainMs?: number | undefined;
  /** The answer worker's OS priority (answer-process.ts has the default). */
  answerWorkerNice?: number | undefined;
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
  const receiver = injected ? undefined : createReceiver(config, logger, slackApiUrl, deps.customRoutes);
  const app =
    injected ??
    new App({
      token,
      receiver,
      logger,
      clientOptions: { slackApiUrl },
      // auth.test runs in start(), where a bad token fails start-up with a clear error.
      deferInitialization: true,
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
  let answers: AnswerProcess | undefined =
    deps.databasePath && deps.databasePath !== ':memory:'
      ? createAnswerProcess({
          databasePath: deps.databasePath,
          settings: deps.services.settings,
          token,
          slackApiUrl,
          logger: deps.logger,
          workerUrl: deps.answerWorkerUrl,
          drainMs: deps.answerDrainMs ?? ANSWER_DRAIN_MS,
          nice: deps.answerWorkerNice,
        })
      : undefined;
  registerHandlers(app, {
    commands: deps.commands ?? registry,
    services: deps.services,
    now: deps.now ?? (() => new Date()),
    logger: deps.logger,
    managerIds: config.SLACK_DIGEST_MANAGER_IDS,
    uploads: client,
    handOver: (job) => answers?.submit(job) ?? false,
  });
  const poster = createSlackPoster(client, deps.logger);
  let server: Server | undefined;
  let running = false;

  return {
    app,
    mode,
    platform: 'slack',
    post: poster.post,
    findRecentByMarker: poster.findRecentByMarker,
    async start() {
      if (running) return;
      if (!injected) await app.init();
      await answers?.start().catch((err: unknown) => {
        // The bot opened the same file, so this is unexpected; answering here still works.
        deps.logger.error({ err }, 'slack answer worker did not start; answering in the bot');
        answers = undefined;
      });
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
      // Requests already acknowledged are answered (or told to retry) before the worker ends.
      await answers?.stop();
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
  });
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
