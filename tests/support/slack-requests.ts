/**
 * Sends the adapter's HTTP receiver what Slack sends: slash commands, events and block actions,
 * signed exactly as Slack signs them (`v0=` HMAC-SHA256 of `v0:timestamp:body` with the signing
 * secret). Tests can break the signature, drop it, or age the timestamp.
 */
import { createHmac } from 'node:crypto';

export const TEAM_ID = 'T000000001';

export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SendOptions {
  /** Seconds since the epoch; default now. */
  timestamp?: number;
  /** A signature to send instead of the right one; null sends none. */
  signature?: string | null;
}

export interface SlackHttpResponse {
  status: number;
  body: string;
  /** Time to the response (the acknowledgement), in ms. */
  ms: number;
}

export class SlackSender {
  constructor(
    readonly url: string,
    readonly secret: string,
  ) {}

  async send(body: string, contentType: string, options: SendOptions = {}): Promise<SlackHttpResponse> {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
    };
    if (options.signature !== null)
      headers['x-slack-signature'] = options.signature ?? slackSignature(this.secret, timestamp, body);
    const started = performance.now();
    const res = await fetch(this.url, { method: 'POST', headers, body });
    const text = await res.text();
    return { status: res.status, body: text, ms: performance.now() - started };
  }

  /** A slash command as Slack posts it (form-encoded). */
  slashCommand(command: string, text: string, fields: Record<string, string>, options?: SendOptions) {
    const body = new URLSearchParams({
      token: 'legacy-verification-token',
      team_id: TEAM_ID,
      team_domain: 'emulate',
      channel_id: 'C000000001',
      channel_name: 'general',
      user_id: 'U000000001',
      user_name: 'analyst',
      command,
      text,
      api_app_id: 'A000000001',
      is_enterprise_install: 'false',
      trigger_id: '1.2.3',
      ...fields,
    }).toString();
    return this.send(body, 'application/x-www-form-urlencoded', options);
  }

  /** An Events API callback (JSON). */
  event(event: Record<string, unknown>, options?: SendOptions) {
    const body = JSON.stringify({
      token: 'legacy-verification-token',
      team_id: TEAM_ID,
      api_app_id: 'A000000001',
      type: 'event_callback',
      event_id: `Ev${Math.random().toString(36).slice(2)}`,
      event_time: Math.floor(Date.now() / 1000),
      event,
    });
    return this.send(body, 'application/json', options);
  }

  /**
   * A modal submitted (view_submission), form-encoded with its JSON in `payload`: `view` is the
   * view as the app opened it, `values` what the user typed or chose, by block id.
   */
  viewSubmission(
    view: Record<string, unknown>,
    values: Record<string, string>,
    user = 'U000000001',
    options?: SendOptions,
  ) {
    const payload = viewSubmissionPayload(view, values, user);
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return this.send(body, 'application/x-www-form-urlencoded', options);
  }

  /** A button click (block_actions), form-encoded with its JSON in `payload`; `ephemeral` on a private message. */
  blockAction(action: Record<string, unknown>, responseUrl: string, options?: SendOptions & { ephemeral?: boolean }) {
    return this.blockActionAs(action, responseUrl, 'U000000001', '1.000001', options);
  }

  /**
   * A click by `user` on a button of the message `messageTs` in C000000001; `ephemeral` when the
   * message is one only the user sees (a private answer).
   */
  blockActionAs(
    action: Record<string, unknown>,
    responseUrl: string,
    user: string,
    messageTs: string,
    options?: SendOptions & { ephemeral?: boolean },
    ephemeral = false,
  ) {
    const payload = {
      type: 'block_actions',
      user: { id: user, username: 'analyst', name: 'analyst', team_id: TEAM_ID },
      api_app_id: 'A000000001',
      token: 'legacy-verification-token',
      container: {
        type: 'message',
        message_ts: messageTs,
        channel_id: 'C000000001',
        is_ephemeral: options?.ephemeral ?? ephemeral,
      },
      trigger_id: '1.2.3',
      team: { id: TEAM_ID, domain: 'emulate' },
      channel: { id: 'C000000001', name: 'general' },
      response_url: responseUrl,
      actions: [{ action_ts: String(Date.now() / 1000), ...action }],
    };
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return this.send(body, 'application/x-www-form-urlencoded', options);
  }
}

/** The view_submission payload Slack sends for `view` submitted with `values` (by block id). */
export function viewSubmissionPayload(
  view: Record<string, unknown>,
  values: Record<string, string>,
  user = 'U000000001',
) {
  const blocks = (view.blocks ?? []) as {
    type: string;
    block_id?: string;
    element?: { type: string; action_id: string };
  }[];
  const state: Record<string, Record<string, unknown>> = {};
  for (const block of blocks) {
    if (block.type !== 'input' || !block.block_id || !block.element) continue;
    const value = values[block.block_id];
    state[block.block_id] = {
      [block.element.action_id]:
        block.element.type === 'static_select'
          ? {
              type: 'static_select',
              selected_option: value ? { text: { type: 'plain_text', text: value }, value } : null,
            }
          : { type: block.element.type, value: value ?? null },
    };
  }
  return {
    type: 'view_submission',
    team: { id: TEAM_ID, domain: 'emulate' },
    user: { id: user, username: 'analyst', name: 'analyst', team_id: TEAM_ID },
    api_app_id: 'A000000001',
    token: 'legacy-verification-token',
    trigger_id: '4.5.6',
    view: {
      id: 'V1',
      team_id: TEAM_ID,
      app_id: 'A000000001',
      bot_id: 'BBOT',
      hash: '1.abc',
      root_view_id: 'V1',
      previous_view_id: null,
      ...view,
      state: { values: state },
    },
    response_urls: [],
    is_enterprise_install: false,
  };
}
