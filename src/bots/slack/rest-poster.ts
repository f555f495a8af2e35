/**
 * Posting to Slack without a receiver: the scheduler's poster in a process that serves no Slack
 * requests (`--role scheduler`). Start checks the token (auth.test).
 */
import { webApi } from '@slack/bolt';
import { type Config, ConfigError } from '../../config.ts';
import type { Poster } from '../../core/poster-port.ts';
import type { Logger } from '../../log.ts';
import { createBoltLogger } from './bolt-logger.ts';
import { createSlackPoster } from './poster.ts';

export interface SlackRestPoster extends Poster {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createSlackRestPoster(
  config: Pick<Config, 'SLACK_BOT_TOKEN' | 'SLACK_API_URL'>,
  logger: Logger,
): SlackRestPoster {
  const token = config.SLACK_BOT_TOKEN;
  if (!token) throw new ConfigError('SLACK_BOT_TOKEN is required to post to Slack.');
  const base = config.SLACK_API_URL ?? 'https://slack.com/api/';
  // As the adapter's: no retries inside the client; the scheduler decides by the PostError kind.
  const client = new webApi.WebClient(token, {
    slackApiUrl: base.endsWith('/') ? base : `${base}/`,
    logger: createBoltLogger(logger),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: 15_000,
  });
  return {
    ...createSlackPoster(client, logger),
    async start() {
      const auth = await client.auth.test();
      logger.info({ user: auth.user }, 'slack poster ready');
    },
    async stop() {},
  };
}
