/**
 * Socket Mode: chosen when SLACK_APP_TOKEN is set, and served over a WebSocket from a loopback
 * stand-in (apps.connections.open, hello, an envelope, its acknowledgement).
 */
import { HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createReceiver,
  createSlackAdapter,
  type SlackAdapter,
  type SlackConfig,
} from '../../../src/bots/slack/adapter.ts';
import { createBoltLogger } from '../../../src/bots/slack/bolt-logger.ts';
import { ConfigError } from '../../../src/config.ts';
import { silentLogger } from '../../../src/log.ts';
import { createTestServices, TEST_NOW } from '../../support/services.ts';
import { slackTestConfig } from '../../support/slack-config.ts';
import { messageText } from '../../support/slack-limits.ts';
import { viewSubmissionPayload } from '../../support/slack-requests.ts';
import { SlackStandIn, waitFor } from '../../support/slack-stand-in.ts';
import { EVENTUALLY_MS } from '../../support/timing.ts';

let standIn: SlackStandIn;
let adapter: SlackAdapter;

const config = (appToken: string | undefined): SlackConfig =>
  slackTestConfig({ apiUrl: standIn.apiUrl, signingSecret: 'secret', botToken: 'xoxb-socket', appToken });

beforeAll(async () => {
  standIn = await new SlackStandIn().start();
  const services = await createTestServices();
  adapter = createSlackAdapter(config('xapp-1-test'), {
    services: {
      ...services,
      settings: { ...services.settings, reporters: { discordRoleIds: [], slackIds: ['U000000001'] } },
    },
    logger: silentLogger(),
    now: () => TEST_NOW,
  });
});

afterAll(async () => {
  await adapter?.stop();
  await standIn?.close();
});

describe('Socket Mode', () => {
  it('is chosen when SLACK_APP_TOKEN is set; HTTP otherwise', async () => {
    const logger = createBoltLogger(silentLogger());
    expect(createReceiver(config('xapp-1-test'), logger, standIn.apiUrl)).toBeInstanceOf(SocketModeReceiver);
    expect(createReceiver(config(undefined), logger, standIn.apiUrl)).toBeInstanceOf(HTTPReceiver);
    expect(adapter.mode).toBe('socket');
  });

  it('says which setting is missing', async () => {
    const deps = { services: await createTestServices(), logger: silentLogger() };
    expect(() => createSlackAdapter({ ...config(undefined), SLACK_BOT_TOKEN: undefined }, deps)).toThrow(
      new ConfigError('SLACK_BOT_TOKEN is required to start the Slack adapter (OAuth & Permissions → Bot token).'),
    );
    expect(() => createSlackAdapter({ ...config(undefined), SLACK_SIGNING_SECRET: undefined }, deps)).toThrow(
      /SLACK_SIGNING_SECRET is required for the HTTP receiver/,
    );
    // Socket Mode needs no signing secret.
    expect(createSlackAdapter({ ...config('xapp-1'), SLACK_SIGNING_SECRET: undefined }, deps).mode).toBe('socket');
  });

  it('connects over a WebSocket, acknowledges a slash command envelope and answers through response_url', async () => {
    await adapter.start();
    expect(standIn.calls.map((c) => c.method)).toEqual(['auth.test', 'apps.connections.open']);
    expect(standIn.connected).toBe(1);
    expect(adapter.port()).toBeUndefined();

    const r = standIn.responseUrl();
    standIn.sendEnvelope({
      envelope_id: 'env-1',
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: {
        command: '/location',
        text: 'Kenscoff',
        response_url: r.url,
        user_id: 'U000000001',
        channel_id: 'C000000001',
        team_id: 'T000000001',
        api_app_id: 'A000000001',
        trigger_id: '1.2.3',
      },
    });
    const ack = await waitFor(() => standIn.acks.find((a) => a.envelope_id === 'env-1'), EVENTUALLY_MS, 'the ack');
    expect(ack).toEqual({ envelope_id: 'env-1', payload: {} });
    const [answer] = await waitFor(() =>
      standIn.responses.get(r.id)?.length ? standIn.responses.get(r.id) : undefined,
    );
    expect(messageText(answer)).toContain('Kenscoff: what happened');
  });

  it('opens a form from a slash command envelope and answers a bad field in the submission ack', async () => {
    await adapter.start();
    standIn.sendEnvelope({
      envelope_id: 'env-form-open',
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: {
        command: '/report',
        text: 'place:Atlantis',
        response_url: standIn.responseUrl().url,
        user_id: 'U000000001',
        channel_id: 'C000000001',
        team_id: 'T000000001',
        api_app_id: 'A000000001',
        trigger_id: '7.8.9',
      },
    });
    const view = await waitFor(() => [...standIn.views.values()][0], EVENTUALLY_MS, 'views.open');
    standIn.sendEnvelope({
      envelope_id: 'env-form-submit',
      type: 'interactive',
      accepts_response_payload: true,
      payload: viewSubmissionPayload(view, {
        when: '2025-03-30',
        place: 'Atlantis',
        category: 'attack',
        summary: 'Not kept',
        source: 'Le Nouvelliste https://lenouvelliste.com/a',
      }),
    });
    const ack = await waitFor(
      () => standIn.acks.find((a) => a.envelope_id === 'env-form-submit'),
      EVENTUALLY_MS,
      'the ack',
    );
    expect(ack.payload.response_action).toBe('errors');
    expect(Object.keys(ack.payload.errors)).toEqual(['place']);
  });
});
