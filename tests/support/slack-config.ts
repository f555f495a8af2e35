/** The Slack settings a test or benchmark adapter runs with: a stand-in's API, HTTP unless an app token is given. */
import type { SlackConfig } from '../../src/bots/slack/adapter.ts';

export function slackTestConfig(options: {
  apiUrl: string;
  signingSecret: string;
  botToken: string;
  appToken?: string | undefined;
  /** Users who may manage a channel's digests and the triage channel. */
  managerIds?: string[] | undefined;
}): SlackConfig {
  return {
    SLACK_BOT_TOKEN: options.botToken,
    SLACK_SIGNING_SECRET: options.signingSecret,
    SLACK_APP_TOKEN: options.appToken,
    SLACK_PORT: 3000,
    SLACK_API_URL: options.apiUrl,
    SLACK_DIGEST_MANAGER_IDS: options.managerIds ?? [],
  };
}
