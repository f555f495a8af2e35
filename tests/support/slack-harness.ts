/**
 * The real Bolt app in HTTP mode on 127.0.0.1 with the loopback stand-in as its Web API and
 * response_url: for tests that need what `emulate` is not scripted for (modals, failing uploads).
 */
import { pino } from 'pino';
import { createSlackAdapter, type SlackAdapter } from '../../src/bots/slack/adapter.ts';
import type { CommandDef } from '../../src/commands/command-types.ts';
import { commands } from '../../src/commands/commands.ts';
import type { ReporterSettings, Services } from '../../src/core/services.ts';
import { createTestServices, TEST_NOW } from './services.ts';
import { slackTestConfig } from './slack-config.ts';
import { SlackSender } from './slack-requests.ts';
import { SlackStandIn } from './slack-stand-in.ts';
import { EVENTUALLY_MS, waitFor } from './timing.ts';

export const HARNESS_SECRET = 'test-signing-secret';
export const HARNESS_CHANNEL = 'C0SITUATION';

// biome-ignore lint/suspicious/noExplicitAny: Slack JSON
type Json = any;

export interface SlackHarness {
  standIn: SlackStandIn;
  adapter: SlackAdapter;
  sender: SlackSender;
  services: Services;
  /** Warnings and errors the adapter logged, as JSON lines. */
  logged: Json[];
  /** Runs a slash command in HARNESS_CHANNEL; returns its ack body and what reached its response_url. */
  slash(command: string, text: string, user?: string): Promise<{ ack: string; responses: Json[] }>;
  /** Like slash, waiting for at least one response. */
  answered(command: string, text: string, user?: string): Promise<Json[]>;
  close(): Promise<void>;
}

export async function startSlackHarness(
  options: { reporters?: ReporterSettings; commands?: CommandDef[]; managers?: string[] } = {},
): Promise<SlackHarness> {
  const standIn = await new SlackStandIn().start();
  const base = await createTestServices();
  const services: Services = {
    ...base,
    settings: { ...base.settings, reporters: options.reporters ?? base.settings.reporters },
  };
  const logged: Json[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => logged.push(JSON.parse(line)) });
  const adapter = createSlackAdapter(
    slackTestConfig({
      apiUrl: standIn.apiUrl,
      signingSecret: HARNESS_SECRET,
      botToken: 'xoxb-sitrep-test',
      managerIds: options.managers,
    }),
    {
      services,
      logger,
      now: () => TEST_NOW,
      commands: options.commands ?? commands,
      listen: { host: '127.0.0.1', port: 0 },
    },
  );
  await adapter.start();
  const sender = new SlackSender(`http://127.0.0.1:${adapter.port()}/slack/events`, HARNESS_SECRET);
  const slash = async (command: string, text: string, user = 'U000000001') => {
    const r = standIn.responseUrl();
    const res = await sender.slashCommand(command, text, {
      response_url: r.url,
      channel_id: HARNESS_CHANNEL,
      user_id: user,
      trigger_id: `trigger-${r.id}`,
    });
    if (res.status !== 200) throw new Error(`slash command answered ${res.status}: ${res.body}`);
    return { ack: res.body, responses: standIn.responses.get(r.id) ?? [] };
  };
  return {
    standIn,
    adapter,
    sender,
    services,
    logged,
    slash,
    async answered(command, text, user) {
      const { responses } = await slash(command, text, user);
      return waitFor(() => (responses.length ? responses : undefined), EVENTUALLY_MS, `an answer to ${command}`);
    },
    async close() {
      await adapter.stop();
      await standIn.close();
    },
  };
}
