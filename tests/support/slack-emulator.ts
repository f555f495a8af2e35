/**
 * Slack's Web API on 127.0.0.1 from the `emulate` package: a workspace with an analyst, the
 * bot's user and token, and a channel both are in. Tests read what the bot posted through it.
 */
import { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webApi } from '@slack/bolt';
import { createEmulator, type Emulator } from 'emulate';
import { IDLE_CONNECTIONS_KEPT_MS } from './timing.ts';

export const BOT_TOKEN = 'xoxb-sitrep-test';

export interface SlackEmulator {
  emulator: Emulator;
  /** Web API base for the bot (SLACK_API_URL). */
  apiUrl: string;
  /** A client reading the workspace as the bot. */
  client: webApi.WebClient;
  botUserId: string;
  /** A channel the bot and the analyst (U000000001) are in. */
  channelId: string;
  close(): Promise<void>;
}

export async function startSlackEmulator(): Promise<SlackEmulator> {
  const emulator = await createEmulator({
    service: 'slack',
    port: 0,
    hostname: '127.0.0.1',
    seed: {
      slack: {
        users: [{ name: 'sitrep', real_name: 'Sitrep' }],
        channels: [{ name: 'situation', topic: 'MSS Haiti' }],
        tokens: [{ token: BOT_TOKEN, user: 'sitrep' }],
      },
    },
  });
  keepIdleConnections(Number(new URL(emulator.url).port));
  const base = emulator.url.replace('//localhost:', '//127.0.0.1:');
  const apiUrl = `${base}/api/`;
  const client = new webApi.WebClient(BOT_TOKEN, { slackApiUrl: apiUrl, retryConfig: { retries: 0 } });
  const auth = await client.auth.test();
  const list = await client.conversations.list({});
  const channel = list.channels?.find((c) => c.name === 'situation');
  if (!auth.user_id || !channel?.id) throw new Error('emulated workspace is missing the bot or the channel');
  return { emulator, apiUrl, client, botUserId: auth.user_id, channelId: channel.id, close: () => emulator.close() };
}

/**
 * The emulator's HTTP server closes a connection idle for 5 s, and fetch drops its idle
 * connections at about the same age: on a busy machine a request can go out on a connection the
 * server has just closed, and fails ("fetch failed"). emulate does not expose its server, so it
 * is found among the process's open handles and left to keep idle connections, which fetch then
 * closes first.
 */
function keepIdleConnections(port: number): void {
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  const server = handles.find(
    (h): h is Server => h instanceof Server && (h.address() as AddressInfo | null)?.port === port,
  );
  if (!server) throw new Error(`the emulated Slack server on port ${port} was not found`);
  server.keepAliveTimeout = IDLE_CONNECTIONS_KEPT_MS;
}
